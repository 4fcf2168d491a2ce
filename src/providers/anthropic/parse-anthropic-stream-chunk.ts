import { parseJsonOrUndefined, type ParseResult } from '../../provider-utils/index.js';
import { anthropicStreamChunkSchema, type AnthropicStreamChunk } from './anthropic-api.js';

/**
 * Parses the data of one stream event. Text and tool-input deltas, nearly every event of a
 * stream, are recognised by an explicit shape check and skip the general schema; everything else
 * goes through `anthropicStreamChunkSchema`.
 */
export function parseAnthropicStreamChunk(data: string): ParseResult<AnthropicStreamChunk> {
  const raw = parseJsonOrUndefined(data);
  if (raw === undefined) return { success: false, error: new Error('not JSON') };
  const delta = readDelta(raw);
  if (delta) return { success: true, value: delta };
  const result = anthropicStreamChunkSchema.safeParse(raw);
  if (result.success) return { success: true, value: result.data };
  const issue = result.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '(root)';
  return { success: false, error: new Error(`${path}: ${issue?.message ?? 'invalid'}`) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readDelta(raw: unknown): AnthropicStreamChunk | undefined {
  if (!isRecord(raw) || raw.type !== 'content_block_delta' || typeof raw.index !== 'number') {
    return undefined;
  }
  const delta = raw.delta;
  if (!isRecord(delta)) return undefined;
  if (delta.type === 'text_delta' && typeof delta.text === 'string') {
    return {
      type: 'content_block_delta',
      index: raw.index,
      delta: { type: 'text_delta', text: delta.text },
    };
  }
  if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
    return {
      type: 'content_block_delta',
      index: raw.index,
      delta: { type: 'input_json_delta', partial_json: delta.partial_json },
    };
  }
  return undefined;
}
