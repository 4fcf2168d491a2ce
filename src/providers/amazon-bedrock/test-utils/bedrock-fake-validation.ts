/*
 * The checks Bedrock's Converse front end makes before calling a model, with its messages, so the
 * fake refuses what the real service would (ValidationException). Shapes per the Smithy model
 * (`conformance/bedrock/bedrock-runtime.json`).
 */

const CONVERSE_FIELDS = new Set([
  'messages',
  'system',
  'inferenceConfig',
  'toolConfig',
  'guardrailConfig',
  'additionalModelRequestFields',
  'promptVariables',
  'additionalModelResponseFieldPaths',
  'requestMetadata',
  'performanceConfig',
  'serviceTier',
  'outputConfig',
]);

const COUNT_TOKENS_CONVERSE_FIELDS = new Set([
  'messages',
  'system',
  'toolConfig',
  'additionalModelRequestFields',
]);

const CONTENT_BLOCK_MEMBERS = new Set([
  'text',
  'image',
  'document',
  'video',
  'audio',
  'toolUse',
  'toolResult',
  'guardContent',
  'cachePoint',
  'reasoningContent',
  'citationsContent',
  'searchResult',
]);

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);

/** Returns Bedrock's ValidationException message for a bad body, or undefined when it is fine. */
export function validateConverseBody({
  body,
  isCountTokens,
}: {
  body: any;
  isCountTokens: boolean;
}): string | undefined {
  if (typeof body !== 'object' || body === null)
    return 'Malformed input request, please reformat your input and try again.';
  let converse = body;
  if (isCountTokens) {
    converse = body.input?.converse;
    if (typeof converse !== 'object' || converse === null) {
      return 'Malformed input request: #/input: required key [converse] not found.';
    }
  }
  const allowed = isCountTokens ? COUNT_TOKENS_CONVERSE_FIELDS : CONVERSE_FIELDS;
  for (const key of Object.keys(converse)) {
    if (!allowed.has(key)) {
      return `Malformed input request: #: extraneous key [${key}] is not permitted, please reformat your input and try again.`;
    }
  }
  return (
    validateMessages(converse) ??
    validateSystem(converse.system) ??
    validateInferenceConfig(converse.inferenceConfig) ??
    validateToolConfig(converse)
  );
}

function validateMessages(converse: any): string | undefined {
  const messages = converse.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
  }
  let previousRole: string | undefined;
  for (const [index, message] of messages.entries()) {
    if (message?.role !== 'user' && message?.role !== 'assistant') {
      return `1 validation error detected: Value at 'messages.${index + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`;
    }
    if (index === 0 && message.role !== 'user') {
      return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
    }
    if (message.role === previousRole) {
      return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    }
    previousRole = message.role;
    if (!Array.isArray(message.content) || message.content.length === 0) {
      return `The content field in the Message object at messages.${index} is empty. Add a ContentBlock object to the content field and try again.`;
    }
    for (const [blockIndex, block] of message.content.entries()) {
      const problem = validateContentBlock({
        block,
        where: `messages.${index}.content.${blockIndex}`,
      });
      if (problem) return problem;
    }
  }
  return undefined;
}

function validateContentBlock({ block, where }: { block: any; where: string }): string | undefined {
  const members = typeof block === 'object' && block !== null ? Object.keys(block) : [];
  if (members.length !== 1 || !CONTENT_BLOCK_MEMBERS.has(members[0] ?? '')) {
    return `Malformed input request: #/${where.replaceAll('.', '/')}: exactly one union member must be set.`;
  }
  if ('text' in block && (typeof block.text !== 'string' || block.text.trim().length === 0)) {
    return `The text field in the ContentBlock object at ${where} is blank. Add text to the text field, and try again.`;
  }
  if ('image' in block) {
    if (!IMAGE_FORMATS.has(block.image?.format) || typeof block.image?.source?.bytes !== 'string') {
      return `The image in the ContentBlock object at ${where} needs a format of png, jpeg, gif or webp and source bytes.`;
    }
  }
  if ('toolUse' in block) {
    const toolUse = block.toolUse;
    if (typeof toolUse?.toolUseId !== 'string' || typeof toolUse?.name !== 'string') {
      return `The toolUse in the ContentBlock object at ${where} needs a toolUseId and a name.`;
    }
    if (
      typeof toolUse.input !== 'object' ||
      toolUse.input === null ||
      Array.isArray(toolUse.input)
    ) {
      return `The toolUse input in the ContentBlock object at ${where} must be a JSON object.`;
    }
  }
  if ('toolResult' in block) {
    const toolResult = block.toolResult;
    if (typeof toolResult?.toolUseId !== 'string' || !Array.isArray(toolResult.content)) {
      return `The toolResult in the ContentBlock object at ${where} needs a toolUseId and content.`;
    }
    if (toolResult.status !== undefined && !['success', 'error'].includes(toolResult.status)) {
      return `The toolResult status at ${where} must be success or error.`;
    }
  }
  return undefined;
}

function validateSystem(system: any): string | undefined {
  if (system === undefined) return undefined;
  if (!Array.isArray(system)) return 'Malformed input request: #/system: expected type: JSONArray.';
  for (const [index, block] of system.entries()) {
    if ('text' in block && (typeof block.text !== 'string' || block.text.length === 0)) {
      return `The text field in the SystemContentBlock object at system.${index} is blank.`;
    }
  }
  return undefined;
}

function validateInferenceConfig(config: any): string | undefined {
  if (config === undefined) return undefined;
  for (const [field, minimum, maximum] of [
    ['temperature', 0, 1],
    ['topP', 0, 1],
    ['maxTokens', 1, Number.MAX_SAFE_INTEGER],
  ] as const) {
    const value = config[field];
    if (value !== undefined && (typeof value !== 'number' || value < minimum || value > maximum)) {
      return `1 validation error detected: Value '${String(value)}' at 'inferenceConfig.${field}' failed to satisfy constraint: Member must have value between ${minimum} and ${maximum}`;
    }
  }
  return undefined;
}

function validateToolConfig(converse: any): string | undefined {
  const toolConfig = converse.toolConfig;
  const usesTools = converse.messages.some((message: any) =>
    message.content.some((block: any) => 'toolUse' in block || 'toolResult' in block),
  );
  if (toolConfig === undefined) {
    return usesTools
      ? 'The toolConfig field must be defined when using toolUse and toolResult content blocks.'
      : undefined;
  }
  if (!Array.isArray(toolConfig.tools) || toolConfig.tools.length === 0) {
    return "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1";
  }
  const names = new Set<string>();
  for (const tool of toolConfig.tools) {
    const spec = tool?.toolSpec;
    if (typeof spec?.name !== 'string' || typeof spec.inputSchema?.json !== 'object') {
      return 'Each tool in toolConfig.tools needs a toolSpec with a name and an inputSchema.json.';
    }
    names.add(spec.name);
  }
  const choice = toolConfig.toolChoice;
  if (choice !== undefined) {
    const members = Object.keys(choice);
    if (members.length !== 1 || !['auto', 'any', 'tool'].includes(members[0] ?? '')) {
      return 'Malformed input request: #/toolConfig/toolChoice: exactly one union member must be set.';
    }
    if (choice.tool !== undefined && !names.has(choice.tool.name)) {
      return `The tool ${String(choice.tool.name)} in toolConfig.toolChoice is not one of the tools in toolConfig.tools.`;
    }
  }
  return undefined;
}
