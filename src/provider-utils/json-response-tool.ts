import {
  InvalidRequestError,
  type AssistantContentPart,
  type JsonSchema,
  type ResponseFormat,
  type ToolChoice,
  type Warning,
} from '../spec/index.js';

/**
 * Name of the tool that carries JSON-mode answers on vendors without a JSON mode of their own
 * (Anthropic Messages, Bedrock Converse): the request forces a call to it, and the reply's call
 * input is turned back into the text answer.
 */
export const JSON_RESPONSE_TOOL_NAME = 'json';

/** Input of {@link prepareJsonResponseTool}. */
export type PrepareJsonResponseToolOptions = {
  readonly responseFormat: Extract<ResponseFormat, { type: 'json' }>;
  /** Names of all the request's own tools, even when tool use is off: none may be `json`. */
  readonly userToolNames: ReadonlyArray<string>;
  readonly toolChoice: ToolChoice | undefined;
  /** Forced tool use is refused while extended thinking is on, so JSON mode is not forced then. */
  readonly isThinkingEnabled: boolean;
  /** The provider as the error names it, e.g. `Anthropic`. */
  readonly providerName: string;
  /** Who refuses forced tool use with thinking, as the warning names it, e.g. `Claude`. */
  readonly thinkingModelName: string;
};

/** The `json` tool to add to a request, in canonical terms. */
export type PreparedJsonResponseTool = {
  /** The tool: the requested schema (or any object) as its input schema. */
  readonly tool: {
    readonly name: string;
    readonly description: string;
    readonly inputSchema: JsonSchema;
  };
  /** True when the user's tools stay on offer beside the `json` tool (tool use is not off). */
  readonly hasActiveUserTools: boolean;
  /** The tool choice to send instead of the request's: `required` means the vendor's `any`. */
  readonly toolChoice: Exclude<ToolChoice, { type: 'none' }>;
  readonly warnings: Warning[];
};

/**
 * Serves a JSON response format through a forced tool named `json` whose input schema is the
 * requested schema: the tool is forced, or with other tools on offer, any tool is required (so the
 * model calls one of them or answers via `json`), or a forced user tool stays forced. With
 * extended thinking on, nothing can be forced: `auto` and a warning. Throws InvalidRequestError
 * when a user tool is already called `json`.
 * @see https://docs.anthropic.com/en/docs/test-and-evaluate/strengthen-guardrails/increase-consistency#chain-prompts-with-tools
 */
export function prepareJsonResponseTool({
  responseFormat,
  userToolNames,
  toolChoice,
  isThinkingEnabled,
  providerName,
  thinkingModelName,
}: PrepareJsonResponseToolOptions): PreparedJsonResponseTool {
  if (userToolNames.includes(JSON_RESPONSE_TOOL_NAME)) {
    throw new InvalidRequestError({
      message: `A tool named '${JSON_RESPONSE_TOOL_NAME}' cannot be combined with a JSON response format on ${providerName}, which serves JSON mode through a tool of that name. Rename the tool.`,
      param: 'tools',
    });
  }
  const tool = {
    name: JSON_RESPONSE_TOOL_NAME,
    description: responseFormat.description ?? 'Respond with a JSON object.',
    inputSchema: responseFormat.schema ?? { type: 'object' },
  };
  const hasActiveUserTools = userToolNames.length > 0 && toolChoice?.type !== 'none';
  if (isThinkingEnabled) {
    return {
      tool,
      hasActiveUserTools,
      toolChoice: { type: 'auto' },
      warnings: [
        {
          type: 'other',
          message: `JSON mode is not enforced while extended thinking is on: ${thinkingModelName} refuses forced tool use with thinking, so the model may answer in plain text.`,
        },
      ],
    };
  }
  if (hasActiveUserTools && toolChoice?.type === 'tool') {
    return { tool, hasActiveUserTools, toolChoice, warnings: [] };
  }
  return {
    tool,
    hasActiveUserTools,
    toolChoice: hasActiveUserTools
      ? { type: 'required' }
      : { type: 'tool', toolName: JSON_RESPONSE_TOOL_NAME },
    warnings: [],
  };
}

/** A tool call of a complete reply, before JSON mode decides whether it is the answer. */
export type ToolUseContent = {
  readonly type: 'tool-use';
  readonly toolCallId: string;
  readonly toolName: string;
  /** The call's input as the vendor sent it (an object); absent means `{}`. */
  readonly input: unknown;
};

/** Input of {@link convertJsonResponseToolContent}. */
export type ConvertJsonResponseToolContentOptions = {
  /** The reply's content in order: canonical parts, and tool calls still in vendor form. */
  readonly content: ReadonlyArray<AssistantContentPart | ToolUseContent>;
  /** JSON mode through the `json` tool: its input becomes the text answer. */
  readonly isJsonMode: boolean;
};

/** The canonical content of a complete reply. */
export type JsonResponseToolContent = {
  readonly content: AssistantContentPart[];
  /** True when the answer came through the `json` tool and no other tool was called. */
  readonly isJsonResponseFromTool: boolean;
};

/**
 * Turns the content of a complete reply into canonical parts. Tool inputs become JSON text. In
 * JSON mode a `json` tool call becomes the text answer and any text around it is dropped, so the
 * client receives exactly one JSON text.
 */
export function convertJsonResponseToolContent({
  content,
  isJsonMode,
}: ConvertJsonResponseToolContentOptions): JsonResponseToolContent {
  const isJsonAnswer = (part: AssistantContentPart | ToolUseContent) =>
    isJsonMode && part.type === 'tool-use' && part.toolName === JSON_RESPONSE_TOOL_NAME;
  const hasJsonAnswer = content.some(isJsonAnswer);
  let hasOtherToolCall = false;
  const parts: AssistantContentPart[] = [];
  for (const part of content) {
    if (part.type === 'text') {
      if (!hasJsonAnswer) parts.push(part);
    } else if (part.type === 'tool-use') {
      const input = JSON.stringify(part.input ?? {});
      if (isJsonAnswer(part)) {
        parts.push({ type: 'text', text: input });
      } else {
        hasOtherToolCall = true;
        parts.push({
          type: 'tool-call',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input,
        });
      }
    } else {
      parts.push(part);
    }
  }
  return { content: parts, isJsonResponseFromTool: hasJsonAnswer && !hasOtherToolCall };
}
