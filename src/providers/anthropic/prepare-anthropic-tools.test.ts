import { describe, expect, it } from 'vitest';
import { InvalidRequestError, type CanonicalRequest } from '../../spec/index.js';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';

const tool = { name: 'get_weather', inputSchema: { type: 'object' } };
const base: CanonicalRequest = { messages: [], tools: [tool] };

function prepare(request: Partial<CanonicalRequest>, isThinkingEnabled = false) {
  return prepareAnthropicTools({ request: { ...base, ...request }, isThinkingEnabled });
}

describe('prepareAnthropicTools', () => {
  it.each([
    [{ type: 'auto' } as const, { type: 'auto' }],
    [{ type: 'required' } as const, { type: 'any' }],
    [{ type: 'none' } as const, { type: 'none' }],
    [{ type: 'tool', toolName: 'get_weather' } as const, { type: 'tool', name: 'get_weather' }],
  ])('maps tool choice %j to %j.', (toolChoice, expected) => {
    expect(prepare({ toolChoice }).toolChoice).toEqual(expected);
  });

  it('sends no tool choice when the request sets none, and nothing at all without tools.', () => {
    expect(prepare({}).toolChoice).toBeUndefined();
    expect(prepare({ tools: [], toolChoice: { type: 'required' } })).toMatchObject({
      tools: undefined,
      toolChoice: undefined,
    });
  });

  it('disables parallel tool use on the chosen tool choice, or on auto.', () => {
    expect(prepare({ parallelToolCalls: false }).toolChoice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(
      prepare({ parallelToolCalls: false, toolChoice: { type: 'required' } }).toolChoice,
    ).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
    expect(prepare({ parallelToolCalls: false, toolChoice: { type: 'none' } }).toolChoice).toEqual({
      type: 'none',
    });
  });

  it('forces the json tool in JSON mode when no other tool is active.', () => {
    for (const request of [{ tools: [] }, { toolChoice: { type: 'none' } as const }]) {
      const prepared = prepare({ ...request, responseFormat: { type: 'json' } });
      expect(prepared.tools?.map((entry) => entry.name)).toEqual(['json']);
      expect(prepared.toolChoice).toEqual({ type: 'tool', name: 'json' });
      expect(prepared.isJsonMode).toBe(true);
    }
  });

  it('offers the json tool beside the client tools and requires one of them in JSON mode.', () => {
    const prepared = prepare({
      responseFormat: { type: 'json', schema: { type: 'object' }, description: 'A forecast.' },
    });
    expect(prepared.tools).toEqual([
      { name: 'get_weather', input_schema: { type: 'object' } },
      { name: 'json', description: 'A forecast.', input_schema: { type: 'object' } },
    ]);
    expect(prepared.toolChoice).toEqual({ type: 'any' });
  });

  it('does not force the json tool while thinking is on, and says so.', () => {
    const prepared = prepare({ tools: [], responseFormat: { type: 'json' } }, true);
    expect(prepared.toolChoice).toEqual({ type: 'auto' });
    expect(prepared.warnings).toHaveLength(1);
  });

  it('rejects a client tool named json in JSON mode.', () => {
    expect(() =>
      prepare({ tools: [{ name: 'json', inputSchema: {} }], responseFormat: { type: 'json' } }),
    ).toThrow(InvalidRequestError);
  });

  it('puts the tools cache breakpoint on the last tool.', () => {
    const prepared = prepareAnthropicTools({
      request: { ...base, tools: [tool, { ...tool, name: 'get_time' }] },
      isThinkingEnabled: false,
      cacheControl: { type: 'ephemeral', ttl: '1h' },
    });
    expect(prepared.tools?.map((entry) => entry.cache_control)).toEqual([
      undefined,
      { type: 'ephemeral', ttl: '1h' },
    ]);
  });
});
