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
export { parseBase64DataUrl } from './data-url.js';
export type { Base64DataUrl } from './data-url.js';
export { createHttpClient, DEFAULT_TIMEOUTS } from './http-client.js';
export type {
  FetchFunction,
  HttpClient,
  HttpRequestInit,
  HttpResponse,
  TimeoutSettings,
} from './http-client.js';
export {
  JSON_RESPONSE_TOOL_NAME,
  convertJsonResponseToolContent,
  prepareJsonResponseTool,
} from './json-response-tool.js';
export type {
  ConvertJsonResponseToolContentOptions,
  JsonResponseToolContent,
  PrepareJsonResponseToolOptions,
  PreparedJsonResponseTool,
  ToolUseContent,
} from './json-response-tool.js';
export { JsonResponseToolStream } from './json-response-tool-stream.js';
export type { StreamTextBlock, StreamToolInputBlock } from './json-response-tool-stream.js';
export { appendOrMergeTurn, trimFinalAssistantText } from './merge-turns.js';
export type {
  AppendOrMergeTurnOptions,
  TrimFinalAssistantTextOptions,
  TurnShape,
} from './merge-turns.js';
export { parseJsonOrUndefined, safeParseJson } from './parse-json.js';
export type { ParseResult } from './parse-json.js';
export { parseRetryAfterMs } from './retry-after.js';
export { isJsonObject, parseToolCallInput } from './tool-call-input.js';
export type { ParseToolCallInputOptions } from './tool-call-input.js';
export { estimateInputTokens } from './estimate-input-tokens.js';
