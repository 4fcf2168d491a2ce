export {
  callApi,
  createJsonErrorResponseHandler,
  invalidResponseError,
  mapTransportError,
  readBody,
  readJsonResponse,
} from './call-api.js';
export type { CallApiOptions, CallTarget, FailedResponseHandler } from './call-api.js';
export { EventSourceParser, readServerSentEvents } from './event-source-parser.js';
export type { ServerSentEvent } from './event-source-parser.js';
export { createHttpClient, DEFAULT_TIMEOUTS } from './http-client.js';
export type {
  FetchFunction,
  HttpClient,
  HttpRequestInit,
  HttpResponse,
  TimeoutSettings,
} from './http-client.js';
export { parseJsonOrUndefined, safeParseJson } from './parse-json.js';
export type { ParseResult } from './parse-json.js';
export { parseRetryAfterMs } from './retry-after.js';
