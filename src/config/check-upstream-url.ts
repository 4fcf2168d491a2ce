import { isIP } from 'node:net';

/** Cloud metadata endpoints: a gateway that can be pointed at them leaks its own credentials. */
const METADATA_HOSTS = new Set([
  '169.254.169.254',
  '169.254.170.2',
  'fd00:ec2::254',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
]);

function parseIPv4(host: string): number[] | undefined {
  if (isIP(host) !== 4) return undefined;
  return host.split('.').map(Number);
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const ipv4 = parseIPv4(host);
  if (ipv4) return ipv4[0] === 127;
  return host === '::1';
}

function isPrivateAddress(host: string): boolean {
  const ipv4 = parseIPv4(host);
  if (ipv4) {
    const [a = 0, b = 0] = ipv4;
    return (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a === 0
    );
  }
  if (isIP(host) === 6) {
    const lower = host.toLowerCase();
    return /^f[cd]/.test(lower) || lower.startsWith('fe80:') || lower.startsWith('::ffff:');
  }
  return false;
}

/**
 * Why an upstream base URL is refused, or undefined when it is fine (STYLE.md rule 13): cloud
 * metadata hosts always need allow-listing; so do private and link-local addresses, and plain
 * `http://` to anything but this machine (loopback is allowed, as self-hosted servers live
 * there). Host names are checked as written; what they resolve to is not.
 */
export function checkUpstreamUrl({
  url,
  allowedHosts,
}: {
  url: string;
  allowedHosts: ReadonlyArray<string>;
}): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // The URL schema reports malformed URLs.
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowedHosts.some((allowed) => allowed.toLowerCase() === host)) return undefined;
  const fix = `add '${host}' to security.allowedHosts if this upstream is meant`;
  if (METADATA_HOSTS.has(host))
    return `'${host}' is a cloud metadata endpoint, which can leak the gateway's own credentials; ${fix}`;
  if (isLoopback(host)) return undefined;
  if (isPrivateAddress(host)) return `'${host}' is a private or link-local address; ${fix}`;
  if (parsed.protocol !== 'https:')
    return `plain http:// to '${host}' would send API keys and prompts unencrypted; use https://, or ${fix}`;
  return undefined;
}
