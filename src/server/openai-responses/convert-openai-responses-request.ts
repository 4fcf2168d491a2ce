import { z } from 'zod';
import {
  InvalidRequestError,
  type CanonicalRequest,
  type ResponseFormat,
  type ToolChoice,
  type Warning,
} from '../../spec/index.js';
import { invalidBodyError } from '../zod-issues.js';
import { convertOpenAIResponsesInput } from './convert-openai-responses-input.js';
import {
  IGNORED_RESPONSES_FIELDS,
  KNOWN_RESPONSES_FIELDS,
  openAIResponsesInputItemsSchema,
  openAIResponsesRequestSchema,
  type OpenAIResponsesFunctionTool,
  type OpenAIResponsesInputItem,
  type OpenAIResponsesRequest,
} from './openai-responses-request-schema.js';

/**
 * The request settings a Response object repeats back to the client (the spec requires them on
 * every response, streamed or not).
 */
export type OpenAIResponsesEcho = {
  readonly instructions: string | null;
  readonly tools: ReadonlyArray<{
    type: 'function';
    name: string;
    description: string | null;
    parameters: Record<string, unknown> | null;
    strict: boolean | null;
  }>;
  readonly tool_choice: unknown;
  readonly parallel_tool_calls: boolean;
  readonly temperature: number | null;
  readonly top_p: number | null;
  readonly max_output_tokens: number | null;
  readonly text: { format: unknown };
  readonly reasoning: { effort: string | null; summary: string | null };
  readonly metadata: Record<string, string>;
  readonly user?: string;
  readonly truncation: 'auto' | 'disabled';
  readonly store: false;
  readonly previous_response_id: null;
};

/** A validated Responses API request in canonical form. */
export type ConvertedOpenAIResponsesRequest = {
  readonly model: string;
  readonly request: CanonicalRequest;
  readonly isStream: boolean;
  readonly echo: OpenAIResponsesEcho;
  readonly warnings: Warning[];
};

const docsHint = 'See https://platform.openai.com/docs/api-reference/responses/create.';

/** Validates an inbound `POST /v1/responses` body and converts it to the canonical request. */
export function convertOpenAIResponsesRequest(body: unknown): ConvertedOpenAIResponsesRequest {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError({
      message: 'The request body must be a JSON object with "model" and "input".',
    });
  }
  const parsed = openAIResponsesRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidBodyError({ error: parsed.error, hint: docsHint });
  const input = parsed.data;
  rejectUnservable(input);
  const warnings = collectFieldWarnings(input);
  const messages = convertOpenAIResponsesInput({ input: parseInputItems(input.input), warnings });
  const request: Mutable<CanonicalRequest> = {
    messages:
      input.instructions == null
        ? messages
        : [{ role: 'system', content: input.instructions }, ...messages],
  };
  const tools = functionTools(input);
  if (tools.length > 0) {
    request.tools = tools.map((tool) => ({
      name: tool.name,
      ...(tool.description == null ? {} : { description: tool.description }),
      inputSchema: tool.parameters ?? { type: 'object', properties: {} },
      ...(tool.strict == null ? {} : { strict: tool.strict }),
    }));
  }
  const toolChoice = convertToolChoice(input.tool_choice);
  if (toolChoice) request.toolChoice = toolChoice;
  if (input.parallel_tool_calls != null) request.parallelToolCalls = input.parallel_tool_calls;
  const responseFormat = convertTextFormat(input.text?.format);
  if (responseFormat) request.responseFormat = responseFormat;
  if (input.max_output_tokens != null) request.maxOutputTokens = input.max_output_tokens;
  if (input.temperature != null) request.temperature = input.temperature;
  if (input.top_p != null) request.topP = input.top_p;
  if (input.user != null) request.user = input.user;
  const effort = input.reasoning?.effort;
  if (effort === 'minimal' || effort === 'low' || effort === 'medium' || effort === 'high')
    request.reasoningEffort = effort;
  else if (effort === 'xhigh') request.reasoningEffort = 'high';
  if (effort === 'xhigh' || effort === 'none') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'reasoning.effort',
      details: `'${effort}' is mapped to ${effort === 'xhigh' ? "'high'" : 'the model default'}`,
    });
  }
  return {
    model: input.model,
    request,
    isStream: input.stream === true,
    echo: createEcho({ input, tools }),
    warnings,
  };
}

function parseInputItems(input: string | unknown[]): string | OpenAIResponsesInputItem[] {
  if (typeof input === 'string') return input;
  const parsed = openAIResponsesInputItemsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['input', ...issue.path] }));
  throw invalidBodyError({ error: new z.ZodError(issues), hint: docsHint });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function rejectUnservable(input: OpenAIResponsesRequest): void {
  if (input.previous_response_id != null) {
    throw new InvalidRequestError({
      message:
        "'previous_response_id' is not supported: the gateway does not keep conversation state. Send the full conversation in 'input' instead (earlier messages, and the output items of earlier responses such as function_call items, followed by your function_call_output items).",
      param: 'previous_response_id',
    });
  }
  if (input.conversation != null) {
    throw new InvalidRequestError({
      message:
        "'conversation' is not supported: the gateway does not keep conversation state. Send the full conversation in 'input' instead.",
      param: 'conversation',
    });
  }
  if (input.background === true) {
    throw new InvalidRequestError({
      message:
        "'background' responses are not supported: the gateway stores no responses to poll. Send the request without 'background', optionally with 'stream': true.",
      param: 'background',
    });
  }
  if (input.prompt != null) {
    throw new InvalidRequestError({
      message:
        "Stored prompt templates ('prompt') are not supported: they live in OpenAI's dashboard. Send the prompt text in 'instructions' and 'input' instead.",
      param: 'prompt',
    });
  }
  input.tools?.forEach((tool, index) => {
    if (tool.type !== 'function') {
      throw new InvalidRequestError({
        message: `Built-in tool '${tool.type}' is not supported: it runs inside OpenAI's hosted service, which the gateway does not call for you. Remove it, or define the capability as a function tool ({ type: 'function', name, parameters }) and run it yourself.`,
        param: `tools[${index}].type`,
      });
    }
  });
}

function collectFieldWarnings(input: OpenAIResponsesRequest): Warning[] {
  const warnings: Warning[] = [];
  for (const key of Object.keys(input)) {
    const ignored = IGNORED_RESPONSES_FIELDS[key];
    if (ignored !== undefined) {
      if (input[key] != null)
        warnings.push({ type: 'unsupported-setting', setting: key, details: ignored });
    } else if (!KNOWN_RESPONSES_FIELDS.has(key)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: key,
        details: 'unknown field, ignored',
      });
    }
  }
  if (input.store === true) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'store',
      details: 'the gateway stores nothing at the vendor; responses cannot be retrieved later',
    });
  }
  if (input.truncation === 'auto') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'truncation',
      details: "'auto' is not applied; input that exceeds the context window fails",
    });
  }
  if (input.include != null && input.include.length > 0) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'include',
      details: `not returned by the gateway: ${input.include.join(', ')}`,
    });
  }
  if (input.text?.verbosity != null) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'text.verbosity',
      details: 'not forwarded to upstream vendors',
    });
  }
  return warnings;
}

function functionTools(input: OpenAIResponsesRequest): OpenAIResponsesFunctionTool[] {
  const tools: OpenAIResponsesFunctionTool[] = [];
  for (const tool of input.tools ?? []) if (tool.type === 'function') tools.push(tool);
  return tools;
}

function convertToolChoice(choice: OpenAIResponsesRequest['tool_choice']): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function' && typeof choice.name === 'string')
    return { type: 'tool', toolName: choice.name };
  throw new InvalidRequestError({
    message: `'tool_choice' of type '${choice.type}' is not supported; use 'none', 'auto', 'required' or { type: 'function', name }.`,
    param: 'tool_choice',
  });
}

function convertTextFormat(
  format: NonNullable<OpenAIResponsesRequest['text']>['format'],
): ResponseFormat | undefined {
  if (format == null) return undefined;
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema':
      return {
        type: 'json',
        name: format.name,
        schema: format.schema,
        ...(format.description == null ? {} : { description: format.description }),
        ...(format.strict == null ? {} : { strict: format.strict }),
      };
  }
}

function createEcho({
  input,
  tools,
}: {
  input: OpenAIResponsesRequest;
  tools: ReadonlyArray<OpenAIResponsesFunctionTool>;
}): OpenAIResponsesEcho {
  return {
    instructions: input.instructions ?? null,
    tools: tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      description: tool.description ?? null,
      parameters: tool.parameters ?? null,
      strict: tool.strict ?? null,
    })),
    tool_choice: input.tool_choice ?? 'auto',
    parallel_tool_calls: input.parallel_tool_calls ?? true,
    temperature: input.temperature ?? null,
    top_p: input.top_p ?? null,
    max_output_tokens: input.max_output_tokens ?? null,
    text: { format: input.text?.format ?? { type: 'text' } },
    reasoning: {
      effort: input.reasoning?.effort ?? null,
      summary: input.reasoning?.summary ?? null,
    },
    metadata: input.metadata ?? {},
    ...(input.user == null ? {} : { user: input.user }),
    truncation: input.truncation ?? 'disabled',
    store: false,
    previous_response_id: null,
  };
}
