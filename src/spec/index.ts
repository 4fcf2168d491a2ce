export type {
  AssistantContentPart,
  AssistantMessage,
  CanonicalMessage,
  CanonicalRequest,
  ImagePart,
  ImageSource,
  JsonSchema,
  ProviderOptions,
  ReasoningPart,
  ResponseFormat,
  SystemMessage,
  TextPart,
  ToolCallPart,
  ToolChoice,
  ToolDefinition,
  ToolMessage,
  ToolResultPart,
  UserContentPart,
  UserMessage,
} from './canonical-request.js';
export type { CanonicalResponse, FinishReason, Usage } from './canonical-response.js';
export { addUsage, EMPTY_USAGE } from './canonical-response.js';
export type { StreamEvent, StreamEventType } from './stream-event.js';
export type {
  CallOptions,
  DiscoveredModel,
  LanguageModel,
  ProviderV1,
  StreamResult,
  TokenCount,
} from './language-model.js';
export type { EmbeddingModel, EmbeddingRequest, EmbeddingResponse } from './embedding-model.js';
export type { Warning } from './warning.js';
export { assertNever, formatWarning } from './warning.js';
// Errors are re-exported by name from ./errors/index.js.
export { GatewayError } from './errors/gateway-error.js';
export type { GatewayErrorOptions } from './errors/gateway-error.js';
export { ERROR_CODES, STATUS_BY_CODE } from './errors/error-code.js';
export type { ErrorCode } from './errors/error-code.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { AuthenticationFailedError } from './errors/authentication-failed-error.js';
export { PermissionDeniedError } from './errors/permission-denied-error.js';
export { ModelNotFoundError } from './errors/model-not-found-error.js';
export { RequestTooLargeError } from './errors/request-too-large-error.js';
export { RateLimitedError } from './errors/rate-limited-error.js';
export { InternalError } from './errors/internal-error.js';
export { ProviderCallError, codeForUpstreamStatus } from './errors/provider-call-error.js';
export type { ProviderCallErrorOptions } from './errors/provider-call-error.js';
export { ProviderTimeoutError } from './errors/provider-timeout-error.js';
export type { TimeoutPhase } from './errors/provider-timeout-error.js';
export { toGatewayError } from './errors/to-gateway-error.js';
