import {
  InvalidRequestError,
  assertNever,
  type CanonicalRequest,
  type Warning,
} from '../../spec/index.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-api.js';
import type { AnthropicCacheControl } from './anthropic-options.js';

/** Name of the tool that carries JSON-mode answers. */
export const JSON_RESPONSE_TOOL_NAME = 'json';

/** Tools and tool choice in Anthropic's shape. */
export type PreparedAnthropicTools = {
  readonly tools: AnthropicTool[] | undefined;
  readonly toolChoice: AnthropicToolChoice | undefined;
  /** True when JSON mode is served by the `json` tool, whose input becomes the text answer. */
  readonly isJsonMode: boolean;
  readonly warnings: Warning[];
};

/** Input of `prepareAnthropicTools`. */
export type PrepareAnthropicToolsOptions = {
  readonly request: CanonicalRequest;
  /** Anthropic refuses forced tool use while extended thinking is on. */
  readonly isThinkingEnabled: boolean;
  readonly cacheControl?: AnthropicCacheControl | undefined;
};

/**
 * Maps tools, tool choice (`required` → `any`), `parallelToolCalls: false`
 * (→ `disable_parallel_tool_use`) and JSON response formats. Anthropic has no JSON mode, so a
 * JSON response format adds a tool named `json` whose input schema is the requested schema (or
 * any object) and forces the model to call it; the caller turns that call back into text.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 * @see https://docs.anthropic.com/en/docs/test-and-evaluate/strengthen-guardrails/increase-consistency#chain-prompts-with-tools
 */
export function prepareAnthropicTools({
  request,
  isThinkingEnabled,
  cacheControl,
}: PrepareAnthropicToolsOptions): PreparedAnthropicTools {
  const warnings: Warning[] = [];
  const userTools = (request.tools ?? []).map((tool, index): AnthropicTool => {
    if (tool.strict !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `tools[${index}].strict`,
        details: 'ignored by anthropic',
      });
    }
    return {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.inputSchema,
    };
  });
  const responseFormat = request.responseFormat;
  const isJsonMode = responseFormat?.type === 'json';
  const toolChoice = request.toolChoice;
  const isToolUseOff = toolChoice?.type === 'none';

  let tools: AnthropicTool[] = userTools;
  let choice: AnthropicToolChoice | undefined;
  if (isJsonMode) {
    if (userTools.some((tool) => tool.name === JSON_RESPONSE_TOOL_NAME)) {
      throw new InvalidRequestError({
        message: `A tool named '${JSON_RESPONSE_TOOL_NAME}' cannot be combined with a JSON response format on Anthropic, which serves JSON mode through a tool of that name. Rename the tool.`,
        param: 'tools',
      });
    }
    const jsonTool: AnthropicTool = {
      name: JSON_RESPONSE_TOOL_NAME,
      description: responseFormat.description ?? 'Respond with a JSON object.',
      input_schema: responseFormat.schema ?? { type: 'object' },
    };
    const hasActiveUserTools = userTools.length > 0 && !isToolUseOff;
    tools = hasActiveUserTools ? [...userTools, jsonTool] : [jsonTool];
    if (isThinkingEnabled) {
      warnings.push({
        type: 'other',
        message:
          'JSON mode is not enforced while extended thinking is on: Anthropic refuses forced tool use with thinking, so the model may answer in plain text.',
      });
      choice = { type: 'auto' };
    } else if (hasActiveUserTools && toolChoice?.type === 'tool') {
      choice = { type: 'tool', name: toolChoice.toolName };
    } else {
      // With other tools on offer, `any` lets the model call one of them or answer via `json`.
      choice = hasActiveUserTools
        ? { type: 'any' }
        : { type: 'tool', name: JSON_RESPONSE_TOOL_NAME };
    }
  } else if (userTools.length > 0 && toolChoice !== undefined) {
    choice = mapToolChoice(toolChoice);
  }

  if (request.parallelToolCalls === false && tools.length > 0 && choice?.type !== 'none') {
    choice = { ...(choice ?? { type: 'auto' }), disable_parallel_tool_use: true };
  }
  if (cacheControl && tools.length > 0) {
    tools = tools.map((tool, index) =>
      index === tools.length - 1 ? { ...tool, cache_control: cacheControl } : tool,
    );
  }
  return { tools: tools.length > 0 ? tools : undefined, toolChoice: choice, isJsonMode, warnings };
}

function mapToolChoice(
  toolChoice: NonNullable<CanonicalRequest['toolChoice']>,
): AnthropicToolChoice {
  switch (toolChoice.type) {
    case 'auto':
      return { type: 'auto' };
    case 'required':
      return { type: 'any' };
    case 'none':
      return { type: 'none' };
    case 'tool':
      return { type: 'tool', name: toolChoice.toolName };
    default:
      return assertNever(toolChoice);
  }
}
