import {
  InvalidRequestError,
  type CanonicalRequest,
  type ToolDefinition,
  type Warning,
} from '../../spec/index.js';
import { invalidAnthropicBodyError } from './anthropic-request-issues.js';
import {
  anthropicCountTokensRequestSchema,
  anthropicMessagesRequestSchema,
  IGNORED_ANTHROPIC_FIELDS,
  KNOWN_ANTHROPIC_FIELDS,
  type AnthropicMessagesRequest,
} from './anthropic-messages-request-schema.js';
import {
  convertAnthropicMessages,
  type CacheBreakpoints,
} from './convert-anthropic-messages-content.js';

/** A validated Messages request in canonical form. */
export type ConvertedAnthropicMessagesRequest = {
  readonly model: string;
  readonly request: CanonicalRequest;
  readonly isStream: boolean;
  readonly warnings: Warning[];
};

/** Validates an inbound `POST /v1/messages` body and converts it to the canonical request. */
export function convertAnthropicMessagesRequest(body: unknown): ConvertedAnthropicMessagesRequest {
  const parsed = anthropicMessagesRequestSchema.safeParse(requireObject(body));
  if (!parsed.success) throw invalidAnthropicBodyError(parsed.error);
  return convertParsed(parsed.data);
}

/** Validates a `POST /v1/messages/count_tokens` body (no `max_tokens` needed) and converts it. */
export function convertAnthropicCountTokensRequest(
  body: unknown,
): ConvertedAnthropicMessagesRequest {
  const parsed = anthropicCountTokensRequestSchema.safeParse(requireObject(body));
  if (!parsed.success) throw invalidAnthropicBodyError(parsed.error);
  return convertParsed(parsed.data);
}

function requireObject(body: unknown): object {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError({
      message:
        'The request body must be a JSON object with "model", "max_tokens" and "messages". See https://docs.anthropic.com/en/api/messages.',
    });
  }
  return body;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function convertParsed(input: AnthropicMessagesRequest): ConvertedAnthropicMessagesRequest {
  const warnings: Warning[] = [];
  for (const key of Object.keys(input)) {
    const ignored = IGNORED_ANTHROPIC_FIELDS[key];
    if (ignored !== undefined) {
      if (input[key] != null)
        warnings.push({ type: 'unsupported-setting', setting: key, details: ignored });
    } else if (!KNOWN_ANTHROPIC_FIELDS.has(key)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: key,
        details: 'unknown field, ignored',
      });
    }
  }
  const converted = convertAnthropicMessages(input);
  const request: Mutable<CanonicalRequest> = { messages: converted.messages };
  const tools = convertTools({ input, breakpoints: converted.cacheBreakpoints, warnings });
  if (tools.length > 0) request.tools = tools;
  convertToolChoice({ input, tools, request });
  convertGenerationSettings({ input, request, warnings });
  const anthropicOptions = cacheControlOptions(converted.cacheBreakpoints, warnings);
  if (anthropicOptions) request.providerOptions = { anthropic: anthropicOptions };
  return { model: input.model, request, isStream: input.stream === true, warnings };
}

/** Custom tools become canonical tools; server tools are dropped with a warning. */
function convertTools({
  input,
  breakpoints,
  warnings,
}: {
  input: AnthropicMessagesRequest;
  breakpoints: CacheBreakpoints;
  warnings: Warning[];
}): ToolDefinition[] {
  const tools: ToolDefinition[] = [];
  const inputTools = input.tools ?? [];
  inputTools.forEach((tool, index) => {
    if (tool.cache_control) {
      if (index === inputTools.length - 1) breakpoints.tools = tool.cache_control;
      else breakpoints.dropped.push(`tools[${index}]`);
    }
    if (tool.type != null && tool.type !== 'custom') {
      warnings.push({
        type: 'unsupported-tool',
        toolName: tool.name,
        details: `Anthropic server tool '${tool.type}' is not run by the gateway; the tool was removed from the request`,
      });
      return;
    }
    tools.push({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      inputSchema: tool.input_schema ?? { type: 'object', properties: {} },
      ...(tool.strict == null ? {} : { strict: tool.strict }),
    });
  });
  return tools;
}

function convertToolChoice({
  input,
  tools,
  request,
}: {
  input: AnthropicMessagesRequest;
  tools: ReadonlyArray<ToolDefinition>;
  request: Mutable<CanonicalRequest>;
}): void {
  const choice = input.tool_choice;
  if (choice == null) return;
  if (choice.type !== 'none' && choice.disable_parallel_tool_use === true) {
    request.parallelToolCalls = false;
  }
  switch (choice.type) {
    case 'none':
      if (tools.length > 0) request.toolChoice = { type: 'none' };
      return;
    case 'auto':
      if (tools.length > 0) request.toolChoice = { type: 'auto' };
      return;
    case 'any':
      if (tools.length === 0) {
        throw new InvalidRequestError({
          message:
            "tool_choice 'any' needs at least one custom tool in 'tools' (server tools are not run by the gateway).",
          param: 'tool_choice',
        });
      }
      request.toolChoice = { type: 'required' };
      return;
    case 'tool':
      if (!tools.some((tool) => tool.name === choice.name)) {
        throw new InvalidRequestError({
          message: `tool_choice names the tool '${choice.name}', which is not among the custom tools in 'tools'. Define it there, or choose 'auto' or 'any'.`,
          param: 'tool_choice.name',
        });
      }
      request.toolChoice = { type: 'tool', toolName: choice.name };
      return;
  }
}

function convertGenerationSettings({
  input,
  request,
  warnings,
}: {
  input: AnthropicMessagesRequest;
  request: Mutable<CanonicalRequest>;
  warnings: Warning[];
}): void {
  const thinking = input.thinking;
  let maxOutputTokens = input.max_tokens;
  if (thinking?.type === 'enabled') {
    // Anthropic counts thinking inside max_tokens; the canonical maxOutputTokens excludes the
    // thinking budget (the Anthropic provider adds it back), so the round trip is exact.
    if (maxOutputTokens !== undefined && thinking.budget_tokens >= maxOutputTokens) {
      throw new InvalidRequestError({
        message: `'max_tokens' (${maxOutputTokens}) must be greater than 'thinking.budget_tokens' (${thinking.budget_tokens}).`,
        param: 'thinking.budget_tokens',
      });
    }
    request.reasoningBudgetTokens = thinking.budget_tokens;
    if (maxOutputTokens !== undefined) maxOutputTokens -= thinking.budget_tokens;
  } else if (thinking?.type === 'adaptive' || thinking?.type === 'between_tools') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'thinking.type',
      details: `'${thinking.type}' is not forwarded; reasoning follows output_config.effort when set, else the target's default`,
    });
  }
  if (thinking && 'display' in thinking && thinking.display != null) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'thinking.display',
      details: 'not forwarded; thinking is returned as the target produces it',
    });
  }
  if (maxOutputTokens !== undefined) request.maxOutputTokens = maxOutputTokens;
  if (input.temperature != null) request.temperature = input.temperature;
  if (input.top_p != null) request.topP = input.top_p;
  if (input.top_k != null) request.topK = input.top_k;
  if (input.stop_sequences != null && input.stop_sequences.length > 0)
    request.stopSequences = input.stop_sequences;
  if (input.metadata?.user_id != null) request.user = input.metadata.user_id;
  const effort = input.output_config?.effort;
  if (effort != null) {
    if (thinking?.type === 'disabled') {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'output_config.effort',
        details: 'ignored because thinking is disabled',
      });
    } else {
      request.reasoningEffort = effort === 'xhigh' || effort === 'max' ? 'high' : effort;
      if (effort === 'xhigh' || effort === 'max') {
        warnings.push({
          type: 'unsupported-setting',
          setting: 'output_config.effort',
          details: `'${effort}' is mapped to 'high'`,
        });
      }
    }
  }
  const format = input.output_config?.format;
  if (format != null) request.responseFormat = { type: 'json', schema: format.schema };
}

/**
 * Prompt-cache breakpoints go to Anthropic targets through `providerOptions.anthropic`; the
 * warning says so, because other vendors ignore them (most cache automatically).
 */
function cacheControlOptions(
  breakpoints: CacheBreakpoints,
  warnings: Warning[],
): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  if (breakpoints.system) options.systemCacheControl = breakpoints.system;
  if (breakpoints.tools) options.toolsCacheControl = breakpoints.tools;
  if (breakpoints.messages) options.messagesCacheControl = breakpoints.messages;
  const forwarded = Object.keys(options).length;
  if (forwarded === 0 && breakpoints.dropped.length === 0) return undefined;
  const dropped = breakpoints.dropped;
  const droppedText =
    dropped.length === 0
      ? ''
      : `; breakpoints at ${dropped.slice(0, 3).join(', ')}${dropped.length > 3 ? ` and ${dropped.length - 3} more` : ''} were dropped (only the last system block, the last tool and the last message keep theirs)`;
  warnings.push({
    type: 'unsupported-setting',
    setting: 'cache_control',
    details: `prompt-cache breakpoints are honoured by anthropic targets only${droppedText}`,
  });
  return forwarded > 0 ? options : undefined;
}
