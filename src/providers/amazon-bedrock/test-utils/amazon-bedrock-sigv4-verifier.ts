import { timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RecordedRequest } from '../../test-utils/fake-server.js';

/** Why AWS would refuse a request's signature, in its own words. */
export type SignatureRejection = {
  readonly status: number;
  readonly type: string;
  readonly message: string;
};

export type VerifySigV4Options = {
  readonly request: RecordedRequest;
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  readonly region: string;
  readonly service: string;
};

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const amzDatePattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Checks a received request's SigV4 signature the way AWS does: parses the `Authorization` header,
 * checks the key, scope, date and payload hash, then recomputes the signature with
 * `@smithy/signature-v4` from the received method, path, signed headers and body. Returns
 * undefined when it is valid, else the rejection AWS would send. (Clock skew is not checked, so
 * tests can sign with a fixed clock.)
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
 */
export async function verifySigV4({
  request,
  credentials,
  region,
  service,
}: VerifySigV4Options): Promise<SignatureRejection | undefined> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? authorizationPattern.exec(header) : null;
  const amzDate = request.headers['x-amz-date'];
  const date = typeof amzDate === 'string' ? amzDatePattern.exec(amzDate) : null;
  if (!match || !date) {
    return {
      status: 400,
      type: 'IncompleteSignatureException',
      message: `Authorization header requires 'Credential', 'Signature', 'SignedHeaders' and an 'X-Amz-Date' header.`,
    };
  }
  const [, accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaderList, signature] = match;
  if (accessKeyId !== credentials.accessKeyId) {
    return unrecognizedClient();
  }
  const token = request.headers['x-amz-security-token'];
  if (credentials.sessionToken !== undefined && token !== credentials.sessionToken) {
    return unrecognizedClient();
  }
  if (scopeRegion !== region) {
    return invalidSignature(`Credential should be scoped to a valid region, not '${scopeRegion}'.`);
  }
  if (scopeService !== service) {
    return invalidSignature(`Credential should be scoped to correct service: '${service}'.`);
  }
  if (scopeDate !== amzDate?.slice(0, 8)) {
    return invalidSignature(
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.',
    );
  }
  const payloadHash = request.headers['x-amz-content-sha256'];
  if (payloadHash !== undefined && payloadHash !== (await sha256Hex(request.body))) {
    return invalidSignature(
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }

  const signedHeaders = (signedHeaderList ?? '').split(';');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return invalidSignature(`Signed header '${name}' is missing.`);
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const [path = '/', queryText = ''] = request.url.split('?');
  const query: Record<string, string> = Object.fromEntries(new URLSearchParams(queryText));
  const signer = new SignatureV4({
    service,
    region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(signedHeaders.includes('x-amz-security-token') && typeof token === 'string'
        ? { sessionToken: token }
        : {}),
    },
    sha256: Hash.bind(null, 'sha256'),
    // The client's own x-amz-content-sha256 (checked above) is used when it signed one.
    applyChecksum: false,
  });
  const [, year, month, day, hour, minute, second] = date.map(Number);
  const signingDate = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
  const recomputed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path,
      query,
      headers,
      body: request.body,
    }),
    { signingDate },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(recomputed.headers.authorization ?? '')?.[1];
  const isValid =
    expected !== undefined &&
    signature !== undefined &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  return isValid
    ? undefined
    : invalidSignature(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      );
}

function unrecognizedClient(): SignatureRejection {
  return {
    status: 403,
    type: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
  };
}

function invalidSignature(message: string): SignatureRejection {
  return { status: 403, type: 'InvalidSignatureException', message };
}

async function sha256Hex(text: string): Promise<string> {
  const hash = new Hash('sha256');
  hash.update(text);
  return Buffer.from(await hash.digest()).toString('hex');
}
