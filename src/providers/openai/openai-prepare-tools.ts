import {
  assertNever,
  type ResponseFormat,
  type ToolChoice,
  type ToolDefinition,
  type Warning,
} from '../../spec/index.js';
import type { OpenAIFunctionTool, OpenAIResponseFormat, OpenAIToolChoice } from './openai-api.js';

/** The tool fields of a Chat Completions body; absent ones are left out. */
export type OpenAIToolFields = {
  tools?: OpenAIFunctionTool[];
  tool_choice?: OpenAIToolChoice;
  parallel_tool_calls?: boolean;
};

/**
 * Converts tools, tool choice and `parallelToolCalls`. Without tools OpenAI rejects `tool_choice`
 * and `parallel_tool_calls`, so those are dropped with a warning.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export function prepareOpenAITools({
  tools,
  toolChoice,
  parallelToolCalls,
}: {
  tools: ReadonlyArray<ToolDefinition> | undefined;
  toolChoice: ToolChoice | undefined;
  parallelToolCalls: boolean | undefined;
}): {
  fields: OpenAIToolFields;
  warnings: Warning[];
} {
  const warnings: Warning[] = [];
  if (tools === undefined || tools.length === 0) {
    for (const [setting, value] of [
      ['toolChoice', toolChoice],
      ['parallelToolCalls', parallelToolCalls],
    ] as const) {
      if (value !== undefined) {
        warnings.push({
          type: 'unsupported-setting',
          setting,
          details: 'ignored because the request has no tools',
        });
      }
    }
    return { fields: {}, warnings };
  }
  const fields: OpenAIToolFields = {
    tools: tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.inputSchema,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    })),
  };
  if (toolChoice !== undefined) fields.tool_choice = convertToolChoice(toolChoice);
  if (parallelToolCalls !== undefined) fields.parallel_tool_calls = parallelToolCalls;
  return { fields, warnings };
}

function convertToolChoice(toolChoice: ToolChoice): OpenAIToolChoice {
  switch (toolChoice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return toolChoice.type;
    case 'tool':
      return { type: 'function', function: { name: toolChoice.toolName } };
    default:
      return assertNever(toolChoice);
  }
}

/**
 * Converts the canonical response format. JSON without a schema is JSON mode (`json_object`); with a
 * schema it is structured output (`json_schema`, named `response` unless the request names it).
 * Servers without structured output get JSON mode and a warning.
 *
 * @see https://platform.openai.com/docs/guides/structured-outputs
 */
export function convertOpenAIResponseFormat({
  responseFormat,
  supportsJsonSchema,
}: {
  responseFormat: ResponseFormat | undefined;
  supportsJsonSchema: boolean;
}): { responseFormat: OpenAIResponseFormat | undefined; warnings: Warning[] } {
  if (responseFormat === undefined || responseFormat.type === 'text') {
    return { responseFormat: undefined, warnings: [] };
  }
  if (responseFormat.schema === undefined) {
    return { responseFormat: { type: 'json_object' }, warnings: [] };
  }
  if (!supportsJsonSchema) {
    return {
      responseFormat: { type: 'json_object' },
      warnings: [
        {
          type: 'unsupported-setting',
          setting: 'responseFormat.schema',
          details: 'this target has JSON mode but no structured output; the schema is not enforced',
        },
      ],
    };
  }
  return {
    responseFormat: {
      type: 'json_schema',
      json_schema: {
        name: responseFormat.name ?? 'response',
        ...(responseFormat.description === undefined
          ? {}
          : { description: responseFormat.description }),
        schema: responseFormat.schema,
        ...(responseFormat.strict === undefined ? {} : { strict: responseFormat.strict }),
      },
    },
    warnings: [],
  };
}
