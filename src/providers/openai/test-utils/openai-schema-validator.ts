import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { sharedPath } from '../../test-utils/shared-path.js';

/**
 * Validates bodies against OpenAI's own OpenAPI 3.1 spec (shared/conformance/openai/openapi.yaml),
 * for the fake upstream's tests and the gateway's black-box tests. The spec is loaded and each
 * schema compiled once per process; later calls only run the compiled validator.
 *
 * OpenAPI 3.0 leftovers in the spec are translated: `nullable: true` becomes `anyOf [X, null]`
 * (the live API sends `"usage": null` on every chunk), and its custom formats are registered.
 */

const schemaId = 'https://switchyard.invalid/openai-openapi.json';

/** The components the validators use, by name. */
const schemaNames = {
  chatCompletion: 'CreateChatCompletionResponse',
  chatCompletionChunk: 'CreateChatCompletionStreamResponse',
  chatCompletionRequest: 'CreateChatCompletionRequest',
  modelList: 'ListModelsResponse',
  errorResponse: 'ErrorResponse',
  response: 'Response',
  responseStreamEvent: 'ResponseStreamEvent',
  createResponse: 'CreateResponse',
  embeddingResponse: 'CreateEmbeddingResponse',
  embeddingRequest: 'CreateEmbeddingRequest',
} as const;

type SchemaKey = keyof typeof schemaNames;

let ajv: Ajv2020 | undefined;
let componentSchemas: Record<string, unknown> | undefined;
/** Compiled on first use, by component name: most suites need only a few. */
const validators = new Map<string, ValidateFunction>();
/** Stream event type (`response.output_text.delta`) → its component schema's name. */
let eventSchemaNames: Map<string, string> | undefined;

/** Errors of a `chat.completion` body against CreateChatCompletionResponse; empty when valid. */
export function validateChatCompletion(body: unknown): string[] {
  return validate('chatCompletion', body);
}

/** Errors of one streamed chunk against CreateChatCompletionStreamResponse; empty when valid. */
export function validateChatCompletionChunk(chunk: unknown): string[] {
  return validate('chatCompletionChunk', chunk);
}

/** Errors of a request body against CreateChatCompletionRequest; empty when valid. */
export function validateChatCompletionRequest(body: unknown): string[] {
  return validate('chatCompletionRequest', body);
}

/** Errors of a `GET /models` body against ListModelsResponse; empty when valid. */
export function validateModelList(body: unknown): string[] {
  return validate('modelList', body);
}

/** Errors of an embeddings body against CreateEmbeddingResponse; empty when valid. */
export function validateEmbeddingResponse(body: unknown): string[] {
  return validate('embeddingResponse', body);
}

/** Errors of an embeddings request against CreateEmbeddingRequest; empty when valid. */
export function validateEmbeddingRequest(body: unknown): string[] {
  return validate('embeddingRequest', body);
}

/** Errors of an error body against ErrorResponse; empty when valid. */
export function validateErrorResponse(body: unknown): string[] {
  return validate('errorResponse', body);
}

/** Errors of a Responses API body against Response; empty when valid. */
export function validateResponse(body: unknown): string[] {
  return validate('response', body);
}

/**
 * Errors of one Responses API stream event; empty when valid. The event is checked against the
 * member of ResponseStreamEvent that its `type` names, so errors point at the real problem
 * instead of listing every member of the union.
 */
export function validateResponseStreamEvent(event: unknown): string[] {
  const type =
    typeof event === 'object' && event !== null && 'type' in event ? event.type : undefined;
  const name = typeof type === 'string' ? findEventSchemaName(type) : undefined;
  if (name === undefined) return validateComponent(schemaNames.responseStreamEvent, event);
  return validateComponent(name, event);
}

function findEventSchemaName(type: string): string | undefined {
  if (!eventSchemaNames) {
    eventSchemaNames = new Map();
    const schemas: Record<string, any> = (componentSchemas ??= loadComponentSchemas());
    for (const member of schemas[schemaNames.responseStreamEvent].anyOf ?? []) {
      const name = String(member.$ref).split('/').pop() ?? '';
      for (const value of schemas[name]?.properties?.type?.enum ?? [])
        eventSchemaNames.set(String(value), name);
    }
  }
  return eventSchemaNames.get(type);
}

/** Errors of a request body against CreateResponse; empty when valid. */
export function validateCreateResponseRequest(body: unknown): string[] {
  return validate('createResponse', body);
}

function validate(key: SchemaKey, value: unknown): string[] {
  return validateComponent(schemaNames[key], value);
}

function validateComponent(name: string, value: unknown): string[] {
  let validator = validators.get(name);
  if (!validator) {
    ajv ??= createAjv();
    validator = ajv.compile({ $ref: `${schemaId}#/components/schemas/${name}` });
    validators.set(name, validator);
  }
  if (validator(value)) return [];
  return (validator.errors ?? []).map(formatError);
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  return `${where} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`;
}

function createAjv(): Ajv2020 {
  // ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
  const addFormats = addFormatsModule.default;
  const instance = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(instance);
  instance.addFormat('unixtime', { type: 'number', validate: (value) => Number.isInteger(value) });
  instance.addFormat('int64', { type: 'number', validate: (value) => Number.isInteger(value) });
  instance.addFormat('double', { type: 'number', validate: () => true });
  instance.addFormat('float', { type: 'number', validate: () => true });
  instance.addFormat('binary', () => true);
  componentSchemas ??= loadComponentSchemas();
  instance.addSchema({ $id: schemaId, components: { schemas: componentSchemas } });
  return instance;
}

/**
 * The spec's component schemas with `nullable` translated. Parsing the 3 MB YAML takes about two
 * seconds, so the result is cached as JSON in the temp folder, keyed by the spec's hash.
 */
function loadComponentSchemas(): Record<string, unknown> {
  const text = readFileSync(sharedPath('conformance', 'openai', 'openapi.yaml'), 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cachePath = join(tmpdir(), `switchyard-openai-openapi-${hash}.json`);
  if (existsSync(cachePath)) {
    try {
      return JSON.parse(readFileSync(cachePath, 'utf8'));
    } catch {
      // An unreadable cache: rebuild it below.
    }
  }
  const document = parseYaml(text);
  const schemas = translateNullable(document.components.schemas);
  try {
    // Written aside and renamed, so parallel test workers never read half a file.
    const partialPath = `${cachePath}.${process.pid}`;
    writeFileSync(partialPath, JSON.stringify(schemas));
    renameSync(partialPath, cachePath);
  } catch {
    // The cache is an optimisation only.
  }
  return schemas;
}

/** Rewrites OpenAPI 3.0 `nullable: true` into JSON Schema, recursively. */
function translateNullable(node: any): any {
  if (Array.isArray(node)) return node.map(translateNullable);
  if (typeof node !== 'object' || node === null) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'nullable') result[key] = translateNullable(value);
  }
  return node.nullable === true ? { anyOf: [result, { type: 'null' }] } : result;
}
