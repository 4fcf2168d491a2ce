import type { CanonicalRequest, JsonSchema, ToolDefinition } from '../../spec/index.js';

const vocabulary = [
  'routing',
  'gateway',
  'model',
  'answer',
  'latency',
  'cost',
  'quality',
  'request',
  'token',
  'vendor',
  'policy',
  'budget',
  'stream',
  'tool',
  'schema',
  'result',
  'simulated',
  'response',
  'prompt',
  'fallback',
];

/** FNV-1a hash of a string, for deterministic choices. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Approximate token count of a text (about four characters a token). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** All text of a request's messages, for hashing and token estimates. */
export function requestText(request: CanonicalRequest): string {
  let text = '';
  for (const message of request.messages) {
    if (message.role === 'system') {
      text += message.content;
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') text += part.text;
      else if (part.type === 'tool-call') text += part.input;
      else if (part.type === 'tool-result')
        text += part.content.map((item) => (item.type === 'text' ? item.text : '')).join('');
    }
  }
  return text;
}

/** A deterministic answer of `tokenCount` words, chosen by the prompt's hash. */
export function simulatedWords({
  seedText,
  tokenCount,
}: {
  seedText: string;
  tokenCount: number;
}): string[] {
  const random = createRandom(hashText(seedText));
  const words = ['[simulated]'];
  for (let index = 1; index < tokenCount; index++) {
    words.push(vocabulary[Math.floor(random() * vocabulary.length)] ?? 'token');
  }
  return words;
}

/** A minimal value that satisfies a JSON schema (objects, arrays, enums, scalars). */
export function exampleForSchema({
  schema,
  depth = 0,
}: {
  schema: JsonSchema | undefined;
  depth?: number;
}): unknown {
  if (!schema || depth > 6) return {};
  const enumValues: unknown = schema.enum;
  if (Array.isArray(enumValues) && enumValues.length > 0) return enumValues[0] as unknown;
  if ('const' in schema) return schema.const;
  const declared: unknown = schema.type;
  const type: unknown = Array.isArray(declared) ? (declared[0] as unknown) : declared;
  switch (type) {
    case 'object': {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required)
        ? schema.required.filter((key) => typeof key === 'string')
        : Object.keys(properties);
      const result: Record<string, unknown> = {};
      for (const key of required) {
        const property = properties[key];
        result[key] = exampleForSchema({
          schema: isRecord(property) ? property : undefined,
          depth: depth + 1,
        });
      }
      return result;
    }
    case 'array':
      return [];
    case 'string':
      return 'simulated';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

function isRecord(value: unknown): value is Record<string, JsonSchema> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The tool the simulated model calls, or undefined when it should answer in text. */
export function pickTool(request: CanonicalRequest): ToolDefinition | undefined {
  const tools = request.tools;
  if (!tools || tools.length === 0) return undefined;
  const choice = request.toolChoice ?? { type: 'auto' };
  if (choice.type === 'none') return undefined;
  if (choice.type === 'tool') return tools.find((tool) => tool.name === choice.toolName);
  // Once a tool has answered, answer in text (as a real model would), unless a call is required.
  if (choice.type === 'auto' && request.messages.some((message) => message.role === 'tool'))
    return undefined;
  return tools[0];
}
