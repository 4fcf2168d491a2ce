/**
 * Checks a request body the way the Generative Language API does, closely enough to catch what a
 * provider could get wrong: unknown fields (proto JSON accepts camelCase and snake_case names),
 * part shapes, roles, thought signatures that are not base64, schema keywords outside Gemini's
 * OpenAPI subset, OBJECT parameters without properties, tool-config rules. Returns Google's
 * error message for the first problem, or undefined.
 * @see https://ai.google.dev/api/generate-content#request-body
 */

const TOP_LEVEL_FIELDS = [
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'safetySettings',
  'generationConfig',
  'cachedContent',
  'model',
];
const PART_DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
];
const PART_FIELDS = [
  ...PART_DATA_FIELDS,
  'thought',
  'thoughtSignature',
  'videoMetadata',
  'mediaResolution',
  'partMetadata',
];
const GENERATION_CONFIG_FIELDS = [
  'stopSequences',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'responseModalities',
  'candidateCount',
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseLogprobs',
  'logprobs',
  'enableEnhancedCivicAnswers',
  'speechConfig',
  'thinkingConfig',
  'mediaResolution',
];
const SCHEMA_FIELDS = [
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
];
const SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];
const STRING_FORMATS = ['enum', 'date-time'];
const TOOL_FIELDS = [
  'functionDeclarations',
  'googleSearch',
  'googleSearchRetrieval',
  'codeExecution',
  'urlContext',
];
const base64Pattern = /^[A-Za-z0-9+/_-]*={0,2}$/;

class RequestProblem extends Error {}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object with camelCase keys, after checking every key is one of `allowed`. */
function checkFields(value: unknown, allowed: string[], path: string): Record<string, any> {
  if (!isRecord(value)) {
    throw new RequestProblem(
      `Invalid JSON payload received. Expected an object${path ? ` at '${path}'` : ''}.`,
    );
  }
  const result: Record<string, any> = {};
  for (const [key, field] of Object.entries(value)) {
    const name = camelCase(key);
    if (!allowed.includes(name)) {
      const where = path ? ` at '${path}'` : '';
      throw new RequestProblem(
        `Invalid JSON payload received. Unknown name "${key}"${where}: Cannot find field.`,
      );
    }
    result[name] = field;
  }
  return result;
}

function fail(path: string, message: string): never {
  throw new RequestProblem(`* GenerateContentRequest.${path}: ${message}\n`);
}

function checkParts(parts: unknown, path: string): void {
  if (!Array.isArray(parts) || parts.length === 0)
    fail(`${path}.parts`, 'contents.parts must not be empty.');
  parts.forEach((raw, index) => {
    const partPath = `${path}.parts[${index}]`;
    const part = checkFields(raw, PART_FIELDS, partPath);
    const data = PART_DATA_FIELDS.filter((field) => field in part);
    if (data.length !== 1)
      fail(`${partPath}.data`, "required oneof field 'data' must have one initialized field");
    if ('text' in part && typeof part.text !== 'string')
      fail(`${partPath}.text`, 'must be a string');
    if (part.text === '' && part.thoughtSignature === undefined) {
      fail(`${partPath}.text`, 'Unable to submit request because it has an empty text parameter.');
    }
    if (part.thoughtSignature !== undefined && !base64Pattern.test(String(part.thoughtSignature))) {
      throw new RequestProblem(
        `Invalid value at '${snakeCase(partPath)}.thought_signature' (TYPE_BYTES), Base64 decoding failed for "${String(part.thoughtSignature)}"`,
      );
    }
    if ('inlineData' in part) {
      const inline = checkFields(part.inlineData, ['mimeType', 'data'], `${partPath}.inline_data`);
      if (typeof inline.mimeType !== 'string' || typeof inline.data !== 'string') {
        fail(`${partPath}.inline_data`, 'mime_type and data are required');
      }
    }
    if ('fileData' in part) {
      const file = checkFields(part.fileData, ['mimeType', 'fileUri'], `${partPath}.file_data`);
      if (typeof file.fileUri !== 'string') fail(`${partPath}.file_data.file_uri`, 'is required');
    }
    if ('functionCall' in part) {
      const call = checkFields(
        part.functionCall,
        ['id', 'name', 'args'],
        `${partPath}.function_call`,
      );
      if (typeof call.name !== 'string' || call.name.length === 0)
        fail(`${partPath}.function_call.name`, 'Name cannot be empty.');
      if (call.args !== undefined && !isRecord(call.args))
        fail(`${partPath}.function_call.args`, 'must be an object');
    }
    if ('functionResponse' in part) {
      const response = checkFields(
        part.functionResponse,
        ['id', 'name', 'response', 'parts', 'willContinue', 'scheduling'],
        `${partPath}.function_response`,
      );
      if (typeof response.name !== 'string' || response.name.length === 0)
        fail(`${partPath}.function_response.name`, 'Name cannot be empty.');
      if (!isRecord(response.response))
        fail(`${partPath}.function_response.response`, 'must be an object');
    }
  });
}

function checkSchema(raw: unknown, path: string): void {
  const schema = checkFields(raw, SCHEMA_FIELDS, snakeCase(path));
  const type = typeof schema.type === 'string' ? schema.type.toLowerCase() : undefined;
  if (schema.type !== undefined && (type === undefined || !SCHEMA_TYPES.includes(type))) {
    throw new RequestProblem(
      `Invalid value at '${snakeCase(path)}.type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), "${String(schema.type)}"`,
    );
  }
  if (
    schema.enum !== undefined &&
    (!Array.isArray(schema.enum) || schema.enum.some((value: unknown) => typeof value !== 'string'))
  ) {
    throw new RequestProblem(
      `Invalid value at '${snakeCase(path)}.enum[0]' (TYPE_STRING), ${JSON.stringify(schema.enum?.[0])}`,
    );
  }
  if (type === 'string' && schema.format !== undefined && !STRING_FORMATS.includes(schema.format)) {
    fail(`${path}.format`, "only 'enum' and 'date-time' are supported for STRING type");
  }
  for (const [name, property] of Object.entries(
    isRecord(schema.properties) ? schema.properties : {},
  )) {
    checkSchema(property, `${path}.properties[${name}]`);
  }
  if (schema.items !== undefined) checkSchema(schema.items, `${path}.items`);
  if (schema.anyOf !== undefined) {
    if (!Array.isArray(schema.anyOf)) fail(`${path}.any_of`, 'must be a list');
    schema.anyOf.forEach((branch: unknown, index: number) =>
      checkSchema(branch, `${path}.any_of[${index}]`),
    );
  }
}

function checkTools(tools: unknown): string[] {
  if (!Array.isArray(tools)) fail('tools', 'must be a list');
  const names: string[] = [];
  tools.forEach((raw, index) => {
    const tool = checkFields(raw, TOOL_FIELDS, `tools[${index}]`);
    (Array.isArray(tool.functionDeclarations) ? tool.functionDeclarations : []).forEach(
      (rawDeclaration: unknown, declarationIndex: number) => {
        const path = `tools[${index}].function_declarations[${declarationIndex}]`;
        const declaration = checkFields(
          rawDeclaration,
          [
            'name',
            'description',
            'parameters',
            'parametersJsonSchema',
            'response',
            'responseJsonSchema',
            'behavior',
          ],
          path,
        );
        if (
          typeof declaration.name !== 'string' ||
          !/^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/.test(declaration.name)
        ) {
          fail(
            `${path}.name`,
            'Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 128.',
          );
        }
        names.push(declaration.name);
        if (declaration.parameters === undefined) return;
        checkSchema(declaration.parameters, `${path}.parameters`);
        const parameters = declaration.parameters;
        const isObject = String(parameters.type ?? '').toLowerCase() === 'object';
        if (isObject && Object.keys(parameters.properties ?? {}).length === 0) {
          fail(`${path}.parameters.properties`, 'should be non-empty for OBJECT type');
        }
      },
    );
  });
  return names;
}

function checkToolConfig(raw: unknown, toolNames: string[]): void {
  const config = checkFields(raw, ['functionCallingConfig', 'retrievalConfig'], 'tool_config');
  if (config.functionCallingConfig === undefined) return;
  const calling = checkFields(
    config.functionCallingConfig,
    ['mode', 'allowedFunctionNames', 'streamFunctionCallArguments'],
    'tool_config.function_calling_config',
  );
  if (
    calling.mode !== undefined &&
    !['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'].includes(calling.mode)
  ) {
    throw new RequestProblem(
      `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${String(calling.mode)}"`,
    );
  }
  if (calling.allowedFunctionNames !== undefined) {
    if (calling.mode !== 'ANY' && calling.mode !== 'VALIDATED') {
      fail(
        'tool_config.function_calling_config.allowed_function_names',
        'allowed_function_names is only allowed when mode is ANY or VALIDATED.',
      );
    }
    for (const name of calling.allowedFunctionNames) {
      if (!toolNames.includes(name))
        fail(
          'tool_config.function_calling_config.allowed_function_names',
          `function name '${name}' is not declared.`,
        );
    }
  }
}

function checkGenerationConfig(raw: unknown): void {
  const config = checkFields(raw, GENERATION_CONFIG_FIELDS, 'generation_config');
  if (Array.isArray(config.stopSequences) && config.stopSequences.length > 5) {
    fail('generation_config.stop_sequences', 'at most 5 stop sequences are allowed.');
  }
  if (config.thinkingConfig !== undefined) {
    const thinking = checkFields(
      config.thinkingConfig,
      ['includeThoughts', 'thinkingBudget', 'thinkingLevel'],
      'generation_config.thinking_config',
    );
    if (thinking.thinkingBudget !== undefined && thinking.thinkingLevel !== undefined) {
      fail(
        'generation_config.thinking_config',
        'thinking_budget and thinking_level cannot both be set.',
      );
    }
  }
  if (config.responseSchema !== undefined) {
    if (
      config.responseMimeType !== 'application/json' &&
      config.responseMimeType !== 'text/x.enum'
    ) {
      fail(
        'generation_config.response_schema',
        'response_schema is only supported with response_mime_type application/json or text/x.enum.',
      );
    }
    checkSchema(config.responseSchema, 'generation_config.response_schema');
  }
}

function checkGenerateContentRequest(raw: unknown): void {
  const body = checkFields(raw, TOP_LEVEL_FIELDS, '');
  if (!Array.isArray(body.contents) || body.contents.length === 0)
    fail('contents', 'contents is not specified');
  body.contents.forEach((rawContent: unknown, index: number) => {
    const content = checkFields(rawContent, ['role', 'parts'], `contents[${index}]`);
    if (content.role !== undefined && content.role !== 'user' && content.role !== 'model') {
      throw new RequestProblem('Please use a valid role: user, model.');
    }
    checkParts(content.parts, `contents[${index}]`);
  });
  if (body.systemInstruction !== undefined) {
    const system = checkFields(body.systemInstruction, ['role', 'parts'], 'system_instruction');
    checkParts(system.parts, 'system_instruction');
  }
  const toolNames = body.tools === undefined ? [] : checkTools(body.tools);
  if (body.toolConfig !== undefined) checkToolConfig(body.toolConfig, toolNames);
  if (body.generationConfig !== undefined) checkGenerationConfig(body.generationConfig);
  const mode =
    body.toolConfig?.functionCallingConfig?.mode ?? body.toolConfig?.function_calling_config?.mode;
  const mimeType =
    body.generationConfig?.responseMimeType ?? body.generationConfig?.response_mime_type;
  if (mode === 'ANY' && mimeType === 'application/json') {
    throw new RequestProblem(
      "Forced function calling (ANY mode) with a response mime type: 'application/json' is unsupported",
    );
  }
  if (body.safetySettings !== undefined && !Array.isArray(body.safetySettings))
    fail('safety_settings', 'must be a list');
}

/** Validates a `generateContent` / `streamGenerateContent` body. */
export function validateGenerateContentBody(body: unknown): string | undefined {
  try {
    checkGenerateContentRequest(body);
    return undefined;
  } catch (error) {
    if (error instanceof RequestProblem) return error.message;
    throw error;
  }
}

/** Validates a `countTokens` body: `contents`, or a whole `generateContentRequest`. */
export function validateCountTokensBody(body: unknown): string | undefined {
  try {
    const request = checkFields(body, ['contents', 'generateContentRequest'], '');
    if (request.generateContentRequest !== undefined) {
      checkGenerateContentRequest(request.generateContentRequest);
      if (typeof request.generateContentRequest.model !== 'string')
        fail('model', 'model is required in generate_content_request.');
    } else {
      checkGenerateContentRequest({ contents: request.contents });
    }
    return undefined;
  } catch (error) {
    if (error instanceof RequestProblem) return error.message;
    throw error;
  }
}
