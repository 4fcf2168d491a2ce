import { prepareJsonResponseTool } from '../../provider-utils/index.js';
import {
  assertNever,
  type CanonicalRequest,
  type ToolChoice,
  type Warning,
} from '../../spec/index.js';
import type {
  AmazonBedrockMessage,
  AmazonBedrockToolChoice,
  AmazonBedrockToolConfig,
  AmazonBedrockToolSpec,
} from './amazon-bedrock-api.js';

/** The `toolConfig` for a request, and how to read the answer. */
export type PreparedAmazonBedrockTools = {
  readonly toolConfig: AmazonBedrockToolConfig | undefined;
  /** True when JSON mode is served by the `json` tool, whose input becomes the text answer. */
  readonly isJsonMode: boolean;
  readonly warnings: Warning[];
};

export type PrepareAmazonBedrockToolsOptions = {
  readonly request: CanonicalRequest;
  /** The converted conversation: Converse needs a toolConfig when it holds tool blocks. */
  readonly messages: ReadonlyArray<AmazonBedrockMessage>;
  /** Claude refuses forced tool use while extended thinking is on. */
  readonly isThinkingEnabled: boolean;
};

/**
 * Maps tools and tool choice (`required` → `any`) to `toolConfig`, and serves JSON response
 * formats the way the Anthropic provider does: Converse has no JSON mode that every model honours,
 * so a tool named `json` with the requested schema (or any object) is added and forced; the caller
 * turns its input back into text. Converse cannot switch tool use off, so `toolChoice: none` leaves
 * the tools out (with a warning). Converse also rejects a conversation with tool blocks but no
 * `toolConfig`, so such tools are kept, or declared from the history when the request has none.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use-inference-call.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html
 */
export function prepareAmazonBedrockTools({
  request,
  messages,
  isThinkingEnabled,
}: PrepareAmazonBedrockToolsOptions): PreparedAmazonBedrockTools {
  const warnings: Warning[] = [];
  const userTools = (request.tools ?? []).map((tool, index): AmazonBedrockToolSpec => {
    if (tool.strict !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `tools[${index}].strict`,
        details: 'ignored by amazon-bedrock',
      });
    }
    return {
      toolSpec: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        inputSchema: { json: { ...tool.inputSchema } },
      },
    };
  });
  const historyToolNames = findHistoryToolNames(messages);
  const hasToolHistory = historyToolNames !== undefined;
  const responseFormat = request.responseFormat;
  const isJsonMode = responseFormat?.type === 'json';
  const toolChoice = request.toolChoice;
  const isToolUseOff = toolChoice?.type === 'none';

  let tools: AmazonBedrockToolSpec[] = [];
  let choice: AmazonBedrockToolChoice | undefined;
  if (isToolUseOff && userTools.length > 0) {
    if (hasToolHistory && !isJsonMode) {
      tools = userTools;
      warnings.push({
        type: 'unsupported-setting',
        setting: 'toolChoice',
        details:
          "'none' is not enforced: Bedrock cannot switch tool use off and needs the tools declared because the conversation contains tool calls",
      });
    } else {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'toolChoice',
        details: "'none' served by leaving the tools out: Bedrock cannot switch tool use off",
      });
    }
  } else {
    tools = userTools;
    if (userTools.length > 0 && toolChoice !== undefined) choice = mapToolChoice(toolChoice);
  }

  if (isJsonMode) {
    const json = prepareJsonResponseTool({
      responseFormat,
      userToolNames: userTools.map((tool) => tool.toolSpec.name),
      toolChoice,
      isThinkingEnabled,
      providerName: 'Bedrock',
      thinkingModelName: 'Claude',
    });
    warnings.push(...json.warnings);
    const jsonTool: AmazonBedrockToolSpec = {
      toolSpec: {
        name: json.tool.name,
        description: json.tool.description,
        inputSchema: { json: { ...json.tool.inputSchema } },
      },
    };
    tools = [...tools, jsonTool];
    choice = mapToolChoice(json.toolChoice);
  }

  if (tools.length === 0 && historyToolNames !== undefined) {
    tools = [...historyToolNames].map((name) => ({
      toolSpec: {
        name,
        description: 'A tool called earlier in this conversation.',
        inputSchema: { json: { type: 'object' } },
      },
    }));
    warnings.push({
      type: 'other',
      message: `The tools ${[...historyToolNames].map((name) => `'${name}'`).join(', ')} were declared from the conversation history: Bedrock needs tools declared whenever the conversation contains tool calls or results.`,
    });
  }

  if (request.parallelToolCalls === false && tools.length > 0) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'parallelToolCalls',
      details: 'amazon-bedrock cannot limit a turn to one tool call',
    });
  }
  return {
    toolConfig: tools.length > 0 ? { tools, ...(choice ? { toolChoice: choice } : {}) } : undefined,
    isJsonMode,
    warnings,
  };
}

/** The tool names of the conversation's tool calls; undefined when it has no tool blocks. */
function findHistoryToolNames(
  messages: ReadonlyArray<AmazonBedrockMessage>,
): Set<string> | undefined {
  let hasToolBlocks = false;
  const names = new Set<string>();
  for (const message of messages) {
    for (const block of message.content) {
      if ('toolUse' in block) names.add(block.toolUse.name);
      if ('toolUse' in block || 'toolResult' in block) hasToolBlocks = true;
    }
  }
  if (!hasToolBlocks) return undefined;
  // A history of tool results only (their calls trimmed away) still needs one declared tool.
  if (names.size === 0) names.add('tool');
  return names;
}

function mapToolChoice(toolChoice: ToolChoice): AmazonBedrockToolChoice | undefined {
  switch (toolChoice.type) {
    case 'auto':
      return { auto: {} };
    case 'required':
      return { any: {} };
    case 'tool':
      return { tool: { name: toolChoice.toolName } };
    case 'none':
      return undefined;
    default:
      return assertNever(toolChoice);
  }
}
