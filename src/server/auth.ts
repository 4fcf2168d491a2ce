import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthenticationFailedError } from '../spec/index.js';

/** Checks gateway API keys. Keys are held only as SHA-256 digests. */
export class ApiKeyVerifier {
  private readonly idByDigest: ReadonlyMap<string, string>;

  constructor(keys: ReadonlyArray<{ id: string; key: string }>) {
    this.idByDigest = new Map(keys.map(({ id, key }) => [digest(key), id]));
  }

  get isEnabled(): boolean {
    return this.idByDigest.size > 0;
  }

  /** Returns the key id for the request's credentials, or throws a 401. */
  verify(request: FastifyRequest): string {
    const presented = presentedKey(request);
    if (presented === undefined) {
      throw new AuthenticationFailedError({
        message:
          'This gateway requires an API key. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
      });
    }
    const id = this.idByDigest.get(digest(presented));
    if (id === undefined)
      throw new AuthenticationFailedError({
        message: 'The API key is not valid for this gateway.',
      });
    return id;
  }
}

function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.toLowerCase().startsWith('bearer ')) {
    return authorization.slice(7).trim() || undefined;
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey : undefined;
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
