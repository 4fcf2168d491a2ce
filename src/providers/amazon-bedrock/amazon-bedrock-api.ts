import { z } from 'zod';

/*
 * The Bedrock Runtime Converse / ConverseStream wire format (restJson1, API version 2023-09-30).
 * Request shapes are plain types (we build them); response shapes are minimal zod schemas with
 * only the fields this provider reads (STYLE.md rule 7).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */

/** Image formats Converse accepts in an `image` block. */
export type AmazonBedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** `ImageBlock` with inline bytes (a JSON blob is base64 text). */
export type AmazonBedrockImageBlock = {
  image: { format: AmazonBedrockImageFormat; source: { bytes: string } };
};

export type AmazonBedrockTextBlock = { text: string };

export type AmazonBedrockToolUseBlock = {
  toolUse: { toolUseId: string; name: string; input: Record<string, unknown> };
};

export type AmazonBedrockToolResultContentBlock =
  AmazonBedrockTextBlock | AmazonBedrockImageBlock | { json: unknown };

export type AmazonBedrockToolResultBlock = {
  toolResult: {
    toolUseId: string;
    content: AmazonBedrockToolResultContentBlock[];
    status?: 'success' | 'error';
  };
};

export type AmazonBedrockReasoningBlock = {
  reasoningContent:
    { reasoningText: { text: string; signature?: string } } | { redactedContent: string };
};

/** A `ContentBlock` of a request message (the union members this provider sends). */
export type AmazonBedrockContentBlock =
  | AmazonBedrockTextBlock
  | AmazonBedrockImageBlock
  | AmazonBedrockToolUseBlock
  | AmazonBedrockToolResultBlock
  | AmazonBedrockReasoningBlock;

export type AmazonBedrockMessage = {
  role: 'user' | 'assistant';
  content: AmazonBedrockContentBlock[];
};

export type AmazonBedrockSystemBlock = { text: string };

export type AmazonBedrockToolSpec = {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
};

/** `ToolChoice`: a union keyed by the chosen member. */
export type AmazonBedrockToolChoice =
  { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export type AmazonBedrockToolConfig = {
  tools: AmazonBedrockToolSpec[];
  toolChoice?: AmazonBedrockToolChoice;
};

export type AmazonBedrockInferenceConfig = {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
};

/** The body of `POST /model/{modelId}/converse` and `/converse-stream` (identical). */
export type AmazonBedrockConverseRequestBody = {
  messages: AmazonBedrockMessage[];
  system?: AmazonBedrockSystemBlock[];
  inferenceConfig?: AmazonBedrockInferenceConfig;
  toolConfig?: AmazonBedrockToolConfig;
  additionalModelRequestFields?: Record<string, unknown>;
  guardrailConfig?: Record<string, unknown>;
  performanceConfig?: { latency: 'standard' | 'optimized' };
  requestMetadata?: Record<string, string>;
};

/** The body of `POST /model/{modelId}/count-tokens` for a Converse-shaped prompt. */
export type AmazonBedrockCountTokensRequestBody = {
  input: {
    converse: Pick<
      AmazonBedrockConverseRequestBody,
      'messages' | 'system' | 'toolConfig' | 'additionalModelRequestFields'
    >;
  };
};

/** `TokenUsage`. `inputTokens` excludes cache reads and cache writes. */
export const amazonBedrockUsageSchema = z.object({
  inputTokens: z.number().nullish(),
  outputTokens: z.number().nullish(),
  totalTokens: z.number().nullish(),
  cacheReadInputTokens: z.number().nullish(),
  cacheWriteInputTokens: z.number().nullish(),
});

export type AmazonBedrockUsage = z.infer<typeof amazonBedrockUsageSchema>;

/** A response `ContentBlock`: exactly one key is set; blocks we do not read are skipped. */
export const amazonBedrockResponseContentBlockSchema = z.object({
  text: z.string().nullish(),
  toolUse: z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).nullish(),
  reasoningContent: z
    .object({
      reasoningText: z.object({ text: z.string(), signature: z.string().nullish() }).nullish(),
      redactedContent: z.string().nullish(),
    })
    .nullish(),
});

export type AmazonBedrockResponseContentBlock = z.infer<
  typeof amazonBedrockResponseContentBlockSchema
>;

/** `ConverseResponse`. */
export const amazonBedrockConverseResponseSchema = z.object({
  output: z.object({
    message: z.object({ content: z.array(amazonBedrockResponseContentBlockSchema) }),
  }),
  stopReason: z.string(),
  usage: amazonBedrockUsageSchema.nullish(),
});

export type AmazonBedrockConverseResponse = z.infer<typeof amazonBedrockConverseResponseSchema>;

/** `CountTokensResponse`. */
export const amazonBedrockCountTokensResponseSchema = z.object({ inputTokens: z.number() });

/*
 * ConverseStream events. Each arrives as one event-stream frame whose `:event-type` header names
 * the union member; the payload is that member's structure (plus a random-length `p` padding
 * string, which these schemas drop).
 */

export const amazonBedrockMessageStartSchema = z.object({ role: z.string().nullish() });

export const amazonBedrockContentBlockStartSchema = z.object({
  contentBlockIndex: z.number(),
  start: z
    .object({ toolUse: z.object({ toolUseId: z.string(), name: z.string() }).nullish() })
    .nullish(),
});

export const amazonBedrockContentBlockDeltaSchema = z.object({
  contentBlockIndex: z.number(),
  delta: z.object({
    text: z.string().nullish(),
    toolUse: z.object({ input: z.string() }).nullish(),
    reasoningContent: z
      .object({
        text: z.string().nullish(),
        signature: z.string().nullish(),
        redactedContent: z.string().nullish(),
      })
      .nullish(),
  }),
});

export const amazonBedrockContentBlockStopSchema = z.object({ contentBlockIndex: z.number() });

export const amazonBedrockMessageStopSchema = z.object({ stopReason: z.string() });

export const amazonBedrockMetadataSchema = z.object({ usage: amazonBedrockUsageSchema.nullish() });

/** The payload of an `:message-type: exception` frame (and of HTTP error bodies). */
export const amazonBedrockExceptionSchema = z.object({
  message: z.string().nullish(),
  Message: z.string().nullish(),
});

/** One decoded ConverseStream event, tagged with its `:event-type`. */
export type AmazonBedrockStreamEvent =
  | ({ type: 'messageStart' } & z.infer<typeof amazonBedrockMessageStartSchema>)
  | ({ type: 'contentBlockStart' } & z.infer<typeof amazonBedrockContentBlockStartSchema>)
  | ({ type: 'contentBlockDelta' } & z.infer<typeof amazonBedrockContentBlockDeltaSchema>)
  | ({ type: 'contentBlockStop' } & z.infer<typeof amazonBedrockContentBlockStopSchema>)
  | ({ type: 'messageStop' } & z.infer<typeof amazonBedrockMessageStopSchema>)
  | ({ type: 'metadata' } & z.infer<typeof amazonBedrockMetadataSchema>)
  | { type: 'unknown'; eventType: string };
