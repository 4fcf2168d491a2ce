import type { z } from 'zod';
import { ProviderCallError, ProviderTimeoutError } from '../spec/index.js';
import type { HttpClient, HttpResponse } from './http-client.js';
import { safeParseJson } from './parse-json.js';
import { parseRetryAfterMs } from './retry-after.js';

/** Who is being called, for error messages and logs. */
export type CallTarget = { readonly provider: string; readonly modelId: string };

/** Turns a non-2xx upstream reply into a ProviderCallError. */
export type FailedResponseHandler = (options: {
  response: HttpResponse;
  text: string;
  url: string;
  target: CallTarget;
}) => ProviderCallError;

export type CallApiOptions = {
  readonly http: HttpClient;
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  /** Serialised JSON body, for POST. */
  readonly body?: string;
  readonly target: CallTarget;
  readonly abortSignal: AbortSignal | undefined;
  readonly failedResponseHandler: FailedResponseHandler;
};

/**
 * Sends one upstream request and returns the 2xx response, unread. Failures become
 * ProviderCallError / ProviderTimeoutError (STYLE.md rule 10); an abort is rethrown as is, so the
 * executor never retries it.
 */
export async function callApi({
  http,
  url,
  method = 'POST',
  headers,
  body,
  target,
  abortSignal,
  failedResponseHandler,
}: CallApiOptions): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await http.fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(abortSignal ? { signal: abortSignal } : {}),
    });
  } catch (error) {
    throw mapTransportError({ error, http, url, target, abortSignal });
  }
  if (response.ok) return response;
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The error body itself broke off; statusText still says what happened.
  }
  throw failedResponseHandler({ response, text, url, target });
}

/** Maps a network or timeout failure (or passes an abort through). */
export function mapTransportError({
  error,
  http,
  url,
  target,
  abortSignal,
}: {
  error: unknown;
  http: HttpClient;
  url: string;
  target: CallTarget;
  abortSignal: AbortSignal | undefined;
}): unknown {
  if (abortSignal?.aborted) return abortSignal.reason ?? error;
  if (ProviderCallError.isInstance(error) || ProviderTimeoutError.isInstance(error)) return error;
  const code = findErrorCode(error);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ProviderTimeoutError({
        provider: target.provider,
        phase: 'connect',
        timeoutMs: http.timeouts.connectMs,
        cause: error,
      });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new ProviderTimeoutError({
        provider: target.provider,
        phase: 'headers',
        timeoutMs: http.timeouts.firstByteMs,
        cause: error,
      });
    case 'UND_ERR_BODY_TIMEOUT':
      return new ProviderTimeoutError({
        provider: target.provider,
        phase: 'body',
        timeoutMs: http.timeouts.idleMs,
        cause: error,
      });
    default: {
      const detail = code ?? (error instanceof Error ? error.message : String(error));
      return new ProviderCallError({
        ...target,
        url,
        statusCode: undefined,
        message: `Could not reach provider '${target.provider}' at ${new URL(url).origin} (${detail}). Check that the upstream is running and providers.${target.provider}.baseURL is right.`,
        cause: error,
      });
    }
  }
}

function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current != null && typeof current === 'object'; depth++) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/**
 * Iterates a response body, mapping a stall to ProviderTimeoutError('body') and a connection cut
 * mid-body to a retryable ProviderCallError.
 */
export async function* readBody({
  response,
  http,
  url,
  target,
  abortSignal,
}: {
  response: HttpResponse;
  http: HttpClient;
  url: string;
  target: CallTarget;
  abortSignal: AbortSignal | undefined;
}): AsyncGenerator<Uint8Array> {
  const body = response.body;
  if (!body) return;
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    const mapped = mapTransportError({ error, http, url, target, abortSignal });
    if (ProviderCallError.isInstance(mapped)) {
      throw new ProviderCallError({
        ...target,
        url,
        statusCode: undefined,
        message: `Provider '${target.provider}' closed the connection in the middle of its response.`,
        cause: error,
      });
    }
    throw mapped;
  }
}

/** Reads and validates a whole JSON response body. */
export async function readJsonResponse<TSchema extends z.ZodType>({
  response,
  schema,
  http,
  url,
  target,
  abortSignal,
}: {
  response: HttpResponse;
  schema: TSchema;
  http: HttpClient;
  url: string;
  target: CallTarget;
  abortSignal: AbortSignal | undefined;
}): Promise<z.output<TSchema>> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw mapTransportError({ error, http, url, target, abortSignal });
  }
  const parsed = safeParseJson({ text, schema });
  if (parsed.success) return parsed.value;
  throw invalidResponseError({ target, url, text, detail: parsed.error.message });
}

/** A 2xx reply whose body is not what the vendor documents. */
export function invalidResponseError({
  target,
  url,
  text,
  detail,
}: {
  target: CallTarget;
  url: string;
  text: string;
  detail: string;
}): ProviderCallError {
  return new ProviderCallError({
    ...target,
    url,
    statusCode: undefined,
    isRetryable: true,
    message: `Provider '${target.provider}' sent a response the gateway could not read (${detail}).`,
    responseBody: text.slice(0, 2000),
  });
}

/**
 * Builds a FailedResponseHandler for vendors whose error bodies are JSON. An empty or non-JSON
 * body falls back to the status text.
 */
export function createJsonErrorResponseHandler<TSchema extends z.ZodType>({
  errorSchema,
  errorToMessage,
  errorToType,
}: {
  errorSchema: TSchema;
  errorToMessage: (error: z.output<TSchema>) => string;
  errorToType?: (error: z.output<TSchema>) => string | undefined;
}): FailedResponseHandler {
  return ({ response, text, url, target }) => {
    const parsed = text.length > 0 ? safeParseJson({ text, schema: errorSchema }) : undefined;
    const upstreamMessage = parsed?.success
      ? errorToMessage(parsed.value)
      : text.trim().slice(0, 500) || response.statusText || 'no error body';
    const upstreamType = parsed?.success ? errorToType?.(parsed.value) : undefined;
    const retryAfterMs = parseRetryAfterMs({ headers: response.headers });
    return new ProviderCallError({
      ...target,
      url,
      statusCode: response.status,
      message: describeUpstreamFailure({ status: response.status, target, upstreamMessage }),
      responseBody: text.slice(0, 2000),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(upstreamType === undefined ? {} : { upstreamType }),
    });
  };
}

function describeUpstreamFailure({
  status,
  target,
  upstreamMessage,
}: {
  status: number;
  target: CallTarget;
  upstreamMessage: string;
}): string {
  const prefix = `Provider '${target.provider}' (model '${target.modelId}') returned ${status}: ${upstreamMessage}`;
  if (status === 401 || status === 403) {
    return `${prefix}. The gateway's credentials for this provider were refused; check providers.${target.provider}.apiKey.`;
  }
  return prefix;
}
