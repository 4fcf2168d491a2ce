/**
 * The canonical request: the one shape every inbound dialect (OpenAI Chat, Anthropic Messages, ...)
 * is converted into and every provider converts out of. Changed reluctantly (STYLE.md rule 2).
 */

/** A JSON Schema object, as sent by clients for tool inputs and structured output. */
export type JsonSchema = { readonly [key: string]: unknown };

/** Provider-specific options, keyed by provider type (`providerOptions.anthropic.*`). */
export type ProviderOptions = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export type TextPart = { readonly type: 'text'; readonly text: string };

export type ImageSource =
  | { readonly type: 'url'; readonly url: string }
  | { readonly type: 'base64'; readonly mediaType: string; readonly data: string };

export type ImagePart = {
  readonly type: 'image';
  readonly source: ImageSource;
  /** OpenAI's `detail` hint; other vendors ignore it. */
  readonly detail?: 'auto' | 'low' | 'high';
};

/** A tool call made by the assistant. `input` is the raw JSON text of the arguments. */
export type ToolCallPart = {
  readonly type: 'tool-call';
  readonly toolCallId: string;
  readonly toolName: string;
  readonly input: string;
};

/** Model reasoning ("thinking"). `signature` round-trips Anthropic's signed thinking blocks. */
export type ReasoningPart = {
  readonly type: 'reasoning';
  readonly text: string;
  readonly signature?: string;
  /** Opaque, encrypted reasoning (Anthropic `redacted_thinking`). */
  readonly redactedData?: string;
};

/** The result of a tool call, sent back by the client. */
export type ToolResultPart = {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  /** Known when the inbound dialect names it, or recovered from the matching tool call. */
  readonly toolName?: string;
  readonly content: ReadonlyArray<TextPart | ImagePart>;
  readonly isError: boolean;
};

export type UserContentPart = TextPart | ImagePart;
export type AssistantContentPart = TextPart | ToolCallPart | ReasoningPart;

export type SystemMessage = { readonly role: 'system'; readonly content: string };
export type UserMessage = {
  readonly role: 'user';
  readonly content: ReadonlyArray<UserContentPart>;
};
export type AssistantMessage = {
  readonly role: 'assistant';
  readonly content: ReadonlyArray<AssistantContentPart>;
};
export type ToolMessage = {
  readonly role: 'tool';
  readonly content: ReadonlyArray<ToolResultPart>;
};

export type CanonicalMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export type ToolDefinition = {
  readonly name: string;
  readonly description?: string;
  readonly inputSchema: JsonSchema;
  /** OpenAI strict mode for function arguments. */
  readonly strict?: boolean;
};

export type ToolChoice =
  | { readonly type: 'auto' }
  | { readonly type: 'none' }
  | { readonly type: 'required' }
  | { readonly type: 'tool'; readonly toolName: string };

export type ResponseFormat =
  | { readonly type: 'text' }
  | {
      readonly type: 'json';
      /** When absent: any JSON object ("JSON mode"). */
      readonly schema?: JsonSchema;
      readonly name?: string;
      readonly description?: string;
      readonly strict?: boolean;
    };

export type CanonicalRequest = {
  readonly messages: ReadonlyArray<CanonicalMessage>;
  readonly tools?: ReadonlyArray<ToolDefinition>;
  readonly toolChoice?: ToolChoice;
  /** `false` asks for at most one tool call per turn. */
  readonly parallelToolCalls?: boolean;
  readonly responseFormat?: ResponseFormat;
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly stopSequences?: ReadonlyArray<string>;
  readonly seed?: number;
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
  /** Reasoning effort for models that reason; mapped per vendor. */
  readonly reasoningEffort?: 'minimal' | 'low' | 'medium' | 'high';
  /** Budget of thinking tokens (Anthropic `thinking.budget_tokens`). */
  readonly reasoningBudgetTokens?: number;
  /** An end-user identifier for the vendor's abuse monitoring. */
  readonly user?: string;
  readonly providerOptions?: ProviderOptions;
};
