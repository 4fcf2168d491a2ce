import {
  assertNever,
  type CanonicalRequest,
  type ToolChoice,
  type Warning,
} from '../../spec/index.js';
import {
  convertJsonSchemaToGoogleSchema,
  describeDropped,
  isEmptyObjectSchema,
} from './convert-json-schema-to-google-schema.js';
import type { GoogleFunctionDeclaration, GoogleTool, GoogleToolConfig } from './google-api.js';

/** Tools and tool choice in Gemini's shape. */
export type PreparedGoogleTools = {
  readonly tools: GoogleTool[] | undefined;
  readonly toolConfig: GoogleToolConfig | undefined;
  readonly warnings: Warning[];
};

/**
 * Maps tools to one `functionDeclarations` tool (each input schema converted to Gemini's
 * OpenAPI subset, a warning per tool listing what had to be dropped) and the tool choice to
 * `toolConfig.functionCallingConfig`: auto → AUTO, none → NONE, required → ANY, a named tool →
 * ANY with `allowedFunctionNames`. Gemini has no switch against parallel calls, so
 * `parallelToolCalls: false` only warns; `strict` is not needed (Gemini always follows the
 * declared schema) and also warns.
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 * @see https://ai.google.dev/api/caching#FunctionCallingConfig
 */
export function prepareGoogleTools(request: CanonicalRequest): PreparedGoogleTools {
  const warnings: Warning[] = [];
  const declarations = (request.tools ?? []).map((tool, index): GoogleFunctionDeclaration => {
    if (tool.strict !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `tools[${index}].strict`,
        details: 'ignored by google',
      });
    }
    const { schema, dropped } = convertJsonSchemaToGoogleSchema(tool.inputSchema);
    if (dropped.length > 0) {
      warnings.push({
        type: 'unsupported-tool',
        toolName: tool.name,
        details: `input schema keywords google does not support were dropped: ${describeDropped(dropped)}`,
      });
    }
    return {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      ...(schema === undefined || isEmptyObjectSchema(schema) ? {} : { parameters: schema }),
    };
  });
  if (declarations.length === 0) {
    return { tools: undefined, toolConfig: undefined, warnings };
  }
  if (request.parallelToolCalls === false) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'parallelToolCalls',
      details:
        'google has no switch against parallel function calls; the model may still make several',
    });
  }
  return {
    tools: [{ functionDeclarations: declarations }],
    toolConfig: request.toolChoice === undefined ? undefined : mapToolChoice(request.toolChoice),
    warnings,
  };
}

function mapToolChoice(toolChoice: ToolChoice): GoogleToolConfig {
  switch (toolChoice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return {
        functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [toolChoice.toolName] },
      };
    default:
      return assertNever(toolChoice);
  }
}
