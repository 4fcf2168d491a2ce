import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Request (built by the gateway, so plain types rather than schemas).
// @see https://ai.google.dev/api/generate-content#request-body
// ---------------------------------------------------------------------------------------------

/**
 * The subset of OpenAPI 3.0 that Gemini accepts for function parameters and response schemas.
 * Integer-valued limits are int64 on the wire, which proto JSON also accepts as numbers.
 * @see https://ai.google.dev/api/caching#Schema
 */
export type GoogleSchema = {
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  items?: GoogleSchema;
  properties?: Record<string, GoogleSchema>;
  required?: string[];
  propertyOrdering?: string[];
  anyOf?: GoogleSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  example?: unknown;
};

/** A text part; `thought` marks a thought summary, `thoughtSignature` is opaque and echoed back. */
export type GoogleTextPart = { text: string; thought?: boolean; thoughtSignature?: string };

/** Inline bytes (base64). */
export type GoogleInlineDataPart = { inlineData: { mimeType: string; data: string } };

/** A file by URI (Files API, or a public URL). */
export type GoogleFileDataPart = { fileData: { mimeType?: string; fileUri: string } };

/** A function call the model made earlier; `args` is a JSON object. */
export type GoogleFunctionCallPart = {
  functionCall: { name: string; args: Record<string, unknown> };
  thoughtSignature?: string;
};

/** The result of a function call, sent in a user turn. */
export type GoogleFunctionResponsePart = {
  functionResponse: { name: string; response: Record<string, unknown> };
};

/** Any part of a request content. */
export type GooglePart =
  | GoogleTextPart
  | GoogleInlineDataPart
  | GoogleFileDataPart
  | GoogleFunctionCallPart
  | GoogleFunctionResponsePart;

/** One turn of the conversation. */
export type GoogleContent = { role: 'user' | 'model'; parts: GooglePart[] };

/** A function the model may call. `parameters` is omitted for functions without arguments. */
export type GoogleFunctionDeclaration = {
  name: string;
  description?: string;
  parameters?: GoogleSchema;
};

/** A tool entry of the request. */
export type GoogleTool = { functionDeclarations: GoogleFunctionDeclaration[] };

/** How the model may call functions. `allowedFunctionNames` is only valid with `ANY`. */
export type GoogleToolConfig = {
  functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] };
};

/**
 * Thinking controls. Use `thinkingBudget` (Gemini 2.5, tokens; 0 turns thinking off where the
 * model allows it, -1 is dynamic) or `thinkingLevel` (Gemini 3), not both.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
export type GoogleThinkingConfig = {
  thinkingBudget?: number;
  thinkingLevel?: string;
  includeThoughts?: boolean;
};

/** @see https://ai.google.dev/api/generate-content#generationconfig */
export type GoogleGenerationConfig = {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: GoogleSchema;
  thinkingConfig?: GoogleThinkingConfig;
};

/** A safety filter threshold. @see https://ai.google.dev/gemini-api/docs/safety-settings */
export type GoogleSafetySetting = { category: string; threshold: string };

/** The body of `models/{model}:generateContent` and `:streamGenerateContent`. */
export type GoogleGenerateContentRequest = {
  contents: GoogleContent[];
  systemInstruction?: { parts: GoogleTextPart[] };
  tools?: GoogleTool[];
  toolConfig?: GoogleToolConfig;
  generationConfig?: GoogleGenerationConfig;
  safetySettings?: GoogleSafetySetting[];
  cachedContent?: string;
};

/**
 * The body of `models/{model}:countTokens`: the prompt part of a generate request, wrapped so
 * that the system instruction and tools are counted too.
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 */
export type GoogleCountTokensRequest = {
  generateContentRequest: Pick<
    GoogleGenerateContentRequest,
    'contents' | 'systemInstruction' | 'tools' | 'toolConfig' | 'cachedContent'
  > & { model: string };
};

// ---------------------------------------------------------------------------------------------
// Responses: minimal schemas, only the fields we read (STYLE.md rule 7).
// ---------------------------------------------------------------------------------------------

/**
 * One piece of a streamed function call's arguments (`streamFunctionCallArguments`): a value at
 * a JSON path; a string with `willContinue` is continued by the next piece for the same path.
 */
export const googlePartialArgSchema = z.object({
  jsonPath: z.string(),
  stringValue: z.string().nullish(),
  numberValue: z.number().nullish(),
  boolValue: z.boolean().nullish(),
  nullValue: z.unknown().optional(),
  willContinue: z.boolean().nullish(),
});

/** Parsed partial argument. */
export type GooglePartialArg = z.infer<typeof googlePartialArgSchema>;

/** A function call of a response part; streamed calls may come in pieces (`willContinue`). */
export const googleFunctionCallSchema = z.object({
  id: z.string().nullish(),
  name: z.string().nullish(),
  args: z.record(z.string(), z.unknown()).nullish(),
  partialArgs: z.array(googlePartialArgSchema).nullish(),
  willContinue: z.boolean().nullish(),
});

/** Parsed function call. */
export type GoogleFunctionCall = z.infer<typeof googleFunctionCallSchema>;

/** A response part. Parts of other kinds (inline data, executable code) have neither field. */
export const googleResponsePartSchema = z.object({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  functionCall: googleFunctionCallSchema.nullish(),
});

/** Parsed response part. */
export type GoogleResponsePart = z.infer<typeof googleResponsePartSchema>;

/**
 * Token usage. `promptTokenCount` includes cached tokens; thinking tokens are reported apart
 * from `candidatesTokenCount`.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export const googleUsageMetadataSchema = z.object({
  promptTokenCount: z.number().nullish(),
  candidatesTokenCount: z.number().nullish(),
  thoughtsTokenCount: z.number().nullish(),
  cachedContentTokenCount: z.number().nullish(),
  toolUsePromptTokenCount: z.number().nullish(),
  totalTokenCount: z.number().nullish(),
});

/** Parsed usage record. */
export type GoogleUsageMetadata = z.infer<typeof googleUsageMetadataSchema>;

const candidateSchema = z.object({
  content: z.object({ parts: z.array(googleResponsePartSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
});

/** The error object of an error body, also seen inside a stream. */
export const googleErrorObjectSchema = z.object({
  code: z.number().nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
  details: z
    .array(
      z.object({
        '@type': z.string().nullish(),
        retryDelay: z.string().nullish(),
        reason: z.string().nullish(),
      }),
    )
    .nullish(),
});

/** Parsed error object. */
export type GoogleErrorObject = z.infer<typeof googleErrorObjectSchema>;

const responseShape = {
  candidates: z.array(candidateSchema).nullish(),
  promptFeedback: z.object({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: googleUsageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
};

/**
 * The `GenerateContentResponse` of `:generateContent`. A reply with neither candidates nor
 * prompt feedback is not one.
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 */
export const googleGenerateContentResponseSchema = z
  .object(responseShape)
  .refine((response) => response.candidates != null || response.promptFeedback != null, {
    message: 'neither candidates nor promptFeedback',
  });

/** Parsed generate response. */
export type GoogleGenerateContentResponse = z.infer<typeof googleGenerateContentResponseSchema>;

/**
 * One `data:` chunk of `:streamGenerateContent?alt=sse`: a partial `GenerateContentResponse`
 * (usage alone is a valid chunk), or an error raised after the stream started.
 */
export const googleStreamChunkSchema = z
  .object({ ...responseShape, error: googleErrorObjectSchema.nullish() })
  .refine(
    (chunk) =>
      chunk.candidates != null ||
      chunk.promptFeedback != null ||
      chunk.usageMetadata != null ||
      chunk.error != null,
    { message: 'neither candidates, promptFeedback, usageMetadata nor error' },
  );

/** Parsed stream chunk. */
export type GoogleStreamChunk = z.infer<typeof googleStreamChunkSchema>;

/** Response of `:countTokens`. */
export const googleCountTokensResponseSchema = z.object({ totalTokens: z.number() });

/**
 * One page of `GET models`. `supportedGenerationMethods` tells chat models from embedders.
 * @see https://ai.google.dev/api/models#method:-models.list
 */
export const googleModelsPageSchema = z.object({
  models: z
    .array(
      z.object({
        name: z.string(),
        supportedGenerationMethods: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
  nextPageToken: z.string().nullish(),
});
