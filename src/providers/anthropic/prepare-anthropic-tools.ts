import { prepareJsonResponseTool } from '../../provider-utils/index.js';
import { assertNever, type CanonicalRequest, type Warning } from '../../spec/index.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-api.js';
import type { AnthropicCacheControl } from './anthropic-options.js';

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

  let tools: AnthropicTool[] = userTools;
  let choice: AnthropicToolChoice | undefined;
  if (isJsonMode) {
    const json = prepareJsonResponseTool({
      responseFormat,
      userToolNames: userTools.map((tool) => tool.name),
      toolChoice,
      isThinkingEnabled,
      providerName: 'Anthropic',
      thinkingModelName: 'Anthropic',
    });
    warnings.push(...json.warnings);
    const jsonTool: AnthropicTool = {
      name: json.tool.name,
      description: json.tool.description,
      input_schema: json.tool.inputSchema,
    };
    tools = json.hasActiveUserTools ? [...userTools, jsonTool] : [jsonTool];
    choice = mapToolChoice(json.toolChoice);
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
