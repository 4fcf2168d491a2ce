import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonOrUndefined } from '../../provider-utils/index.js';
import { sharedPath } from '../test-utils/shared-path.js';
import { anthropicStreamChunkSchema } from './anthropic-api.js';
import { parseAnthropicStreamChunk } from './parse-anthropic-stream-chunk.js';
import { readConformanceText } from './test-utils/anthropic-recordings.js';

const recordedLines = readdirSync(sharedPath('conformance', 'ai-sdk-fixtures', 'anthropic'))
  .filter((file) => file.endsWith('.chunks.txt'))
  .flatMap((file) =>
    readConformanceText('ai-sdk-fixtures', 'anthropic', file).split('\n').filter(Boolean),
  );

describe('parseAnthropicStreamChunk', () => {
  it('reads every recorded event exactly as the full schema does.', () => {
    expect(recordedLines.length).toBeGreaterThan(4000);
    for (const line of recordedLines) {
      const fast = parseAnthropicStreamChunk(line);
      const full = anthropicStreamChunkSchema.safeParse(parseJsonOrUndefined(line));
      expect(fast.success).toBe(true);
      expect(full.success).toBe(true);
      if (fast.success && full.success) expect(fast.value).toEqual(full.data);
    }
  });

  it('leaves a delta with the wrong field types to the schema, which rejects it.', () => {
    const parsed = parseAnthropicStreamChunk(
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":7}}',
    );
    expect(parsed.success).toBe(false);
  });

  it('parses unknown event types as unknown rather than failing.', () => {
    expect(parseAnthropicStreamChunk('{"type":"message_checkpoint","at":3}')).toEqual({
      success: true,
      value: { type: 'unknown', originalType: 'message_checkpoint' },
    });
  });

  it('rejects text that is not JSON.', () => {
    expect(parseAnthropicStreamChunk('{oops').success).toBe(false);
  });
});
