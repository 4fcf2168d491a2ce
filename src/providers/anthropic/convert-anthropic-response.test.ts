import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeParseJson } from '../../provider-utils/index.js';
import { sharedPath } from '../test-utils/shared-path.js';
import { anthropicMessageResponseSchema } from './anthropic-api.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { readConformanceJson, readConformanceText } from './test-utils/anthropic-recordings.js';

function parseMessage(text: string) {
  const parsed = safeParseJson({ text, schema: anthropicMessageResponseSchema });
  if (!parsed.success) throw parsed.error;
  return parsed.value;
}

function convert(text: string, isJsonMode = false) {
  return convertAnthropicResponse({
    response: parseMessage(text),
    modelId: 'claude-test',
    isJsonMode,
    warnings: [],
  });
}

const aiSdkBodies = readdirSync(sharedPath('conformance', 'ai-sdk-fixtures', 'anthropic'))
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({
    name: `ai-sdk-fixtures/anthropic/${file}`,
    text: readConformanceText('ai-sdk-fixtures', 'anthropic', file),
  }));
const toolRunnerBodies = (readConformanceJson('anthropic', 'nock', 'ToolRunner.json') as any[]).map(
  (exchange, index) => ({
    name: `anthropic/nock/ToolRunner.json #${index}`,
    text: JSON.stringify(exchange.response),
  }),
);

describe('convertAnthropicResponse on every recorded Messages body', () => {
  for (const body of [...aiSdkBodies, ...toolRunnerBodies]) {
    it(`converts ${body.name} with its text, tool calls, finish reason and usage.`, () => {
      const wire: any = JSON.parse(body.text);
      const response = convert(body.text);
      const text = response.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
      expect(text).toEqual(
        wire.content.flatMap((block: any) => (block.type === 'text' ? [block.text] : [])),
      );
      const calls = response.content.filter((part) => part.type === 'tool-call');
      expect(calls.map((call) => [call.toolCallId, call.toolName, JSON.parse(call.input)])).toEqual(
        wire.content
          .filter((block: any) => block.type === 'tool_use')
          .map((block: any) => [block.id, block.name, block.input]),
      );
      expect(response.finishReason).toBe(
        mapAnthropicFinishReason({ stopReason: wire.stop_reason }),
      );
      expect(response.id).toBe(wire.id);
      expect(response.modelId).toBe(wire.model);
      expect(response.usage.outputTokens).toBe(wire.usage.output_tokens);
      expect(response.usage.inputTokens).toBe(
        wire.usage.input_tokens +
          (wire.usage.cache_read_input_tokens ?? 0) +
          (wire.usage.cache_creation_input_tokens ?? 0),
      );
    });
  }
});

describe('convertAnthropicResponse details', () => {
  it('keeps a thinking block with its signature and reports thinking tokens.', () => {
    const response = convert(
      readConformanceText(
        'ai-sdk-fixtures',
        'anthropic',
        'anthropic-claude-opus-5-reasoning-high.1.json',
      ),
    );
    expect(response.content[0]).toMatchObject({
      type: 'reasoning',
      text: expect.stringContaining('Rational Root Theorem'),
      signature: expect.stringMatching(/^CAIS/),
    });
    expect(response.usage).toEqual({
      inputTokens: 51,
      outputTokens: 1699,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
      reasoningTokens: 139,
    });
  });

  it('maps a refusal without content to the refusal finish reason.', () => {
    const response = convert(
      readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-refusal-no-details.json'),
    );
    expect(response).toMatchObject({ content: [], finishReason: 'refusal' });
  });

  it('returns a redacted thinking block as reasoning with its data.', () => {
    const response = convert(
      JSON.stringify({
        type: 'message',
        id: 'msg_1',
        model: 'claude-test',
        content: [
          { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' },
          { type: 'text', text: 'Done.' },
        ],
        stop_reason: 'end_turn',
        usage: { input_tokens: 3, output_tokens: 2 },
      }),
    );
    expect(response.content).toEqual([
      { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3' },
      { type: 'text', text: 'Done.' },
    ]);
  });

  it('turns the json tool call into the text answer with a stop finish reason in JSON mode.', () => {
    const response = convert(
      readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-json-tool.1.json'),
      true,
    );
    expect(response.content).toHaveLength(1);
    expect(response.content[0]?.type).toBe('text');
    const text = response.content[0]?.type === 'text' ? response.content[0].text : '';
    expect(JSON.parse(text)).toMatchObject({ elements: expect.arrayContaining([]) });
    expect(response.finishReason).toBe('stop');
    expect(response.rawFinishReason).toBe('tool_use');
  });

  it('drops preamble text beside the json tool call and keeps calls to other tools in JSON mode.', () => {
    const preamble = convert(
      JSON.stringify({
        type: 'message',
        content: [
          { type: 'text', text: "I'll answer in JSON." },
          { type: 'tool_use', id: 'toolu_1', name: 'json', input: { ok: true } },
        ],
        stop_reason: 'tool_use',
        usage: { input_tokens: 3, output_tokens: 2 },
      }),
      true,
    );
    expect(preamble.content).toEqual([{ type: 'text', text: '{"ok":true}' }]);
    expect(preamble.modelId).toBe('claude-test');
    const otherTool = convert(
      readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-json-other-tool.1.json'),
      true,
    );
    expect(otherTool.content[0]).toMatchObject({ type: 'tool-call', toolName: 'weather' });
    expect(otherTool.finishReason).toBe('tool-calls');
  });

  it('rejects a body that is not a Messages object.', () => {
    const parsed = safeParseJson({
      text: '{"object":"chat.completion","choices":[]}',
      schema: anthropicMessageResponseSchema,
    });
    expect(parsed.success).toBe(false);
  });
});
