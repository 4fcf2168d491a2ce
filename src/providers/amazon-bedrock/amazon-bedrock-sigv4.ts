import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from './amazon-bedrock-credentials.js';

/** The SigV4 signing name of Bedrock Runtime (the Smithy model's `aws.auth#sigv4` trait). */
export const AMAZON_BEDROCK_SIGNING_SERVICE = 'bedrock';

export type SignAwsRequestOptions = {
  readonly method: string;
  /** The full request URL, path already percent-encoded as it goes on the wire. */
  readonly url: string;
  /** Headers to send and sign (names in any case); `host` is derived from `url`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body that will be sent. */
  readonly body: string;
  readonly credentials: AwsCredentials;
  readonly region: string;
  /** The signing name, e.g. `bedrock`. */
  readonly service: string;
  /** The signing time, from the provider's injectable clock. */
  readonly signingDate: Date;
};

/**
 * Signs a request with AWS Signature Version 4 (`@smithy/signature-v4`, SHA-256 from
 * `@smithy/hash-node`) and returns the headers to send: the given ones plus `x-amz-date`,
 * `x-amz-content-sha256`, `x-amz-security-token` (with temporary credentials) and `authorization`.
 * `host` is signed but not returned, because fetch derives it from the URL. The path is
 * URI-encoded once more for the canonical request, as every AWS service except S3 requires.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export async function signAwsRequest({
  method,
  url,
  headers,
  body,
  credentials,
  region,
  service,
  signingDate,
}: SignAwsRequestOptions): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({
    service,
    region,
    credentials,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
    applyChecksum: true,
  });
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of target.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [existing, value].flat();
  }
  const lowerCased: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowerCased[name.toLowerCase()] = value;
  const request = new HttpRequest({
    method,
    protocol: target.protocol,
    hostname: target.hostname,
    ...(target.port ? { port: Number(target.port) } : {}),
    path: target.pathname,
    query,
    headers: { ...lowerCased, host: target.host },
    body,
  });
  const signed = await signer.sign(request, { signingDate });
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name.toLowerCase() !== 'host') result[name.toLowerCase()] = value;
  }
  return result;
}
