import { assertNever } from '../../../spec/index.js';
import type { FakeScenario } from '../../test-utils/scenarios.js';
import {
  chunksToServerSentEvents,
  messageToServerSentEvents,
  readConformanceJson,
  readConformanceText,
  renameToolUses,
  splitServerSentEvents,
} from './anthropic-recordings.js';

/** One scenario's reply: the JSON body, and the same answer as a stream of whole SSE events. */
export type AnthropicFakeReply = { readonly json: string; readonly sse: ReadonlyArray<string> };

export type AnthropicFakeReplies = {
  forScenario(options: {
    scenario: FakeScenario;
    toolNames: ReadonlyArray<string>;
  }): AnthropicFakeReply;
};

/**
 * Loads the recordings the fake replays, byte for byte where a recording fits:
 * - text: `ai-sdk-fixtures/anthropic/anthropic-text.json`, `anthropic/sdk-lib-fixtures/basic_response.txt`
 * - tool-call: `anthropic/nock/ToolRunner.json` #0, `sdk-lib-fixtures/tool_use_response.txt`
 * - parallel-tool-calls: `ToolRunner.json` #2 (two tool_use blocks); its stream is synthesized in
 *   the documented event format, as no parallel stream was recorded
 * - json: with a `json` tool in the request, `anthropic-json-tool.1.json` / `.chunks.txt`; without,
 *   the native structured-output recording `anthropic-json-output-format.1`
 * - max-tokens: the text recordings with `end_turn` edited to `max_tokens`; a streamed request
 *   with tools replays `sdk-lib-fixtures/incomplete_partial_json_response.txt`
 * Recorded tool names are replaced by the request's first tool ("one tool call, to the first tool
 * in the request"); nothing else is edited.
 */
export function loadAnthropicFakeReplies(): AnthropicFakeReplies {
  const text = {
    json: readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-text.json'),
    sse: readConformanceText('anthropic', 'sdk-lib-fixtures', 'basic_response.txt'),
  };
  const toolRunner = readConformanceJson('anthropic', 'nock', 'ToolRunner.json');
  const toolCallMessage: Record<string, any> = toolRunner[0].response;
  const parallelMessage: Record<string, any> = toolRunner[2].response;
  const toolCallSse = readConformanceText('anthropic', 'sdk-lib-fixtures', 'tool_use_response.txt');
  const partialJsonSse = readConformanceText(
    'anthropic',
    'sdk-lib-fixtures',
    'incomplete_partial_json_response.txt',
  );
  const jsonTool = {
    json: readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-json-tool.1.json'),
    sse: chunksToServerSentEvents(
      readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-json-tool.1.chunks.txt'),
    ),
  };
  const jsonText = {
    json: readConformanceText(
      'ai-sdk-fixtures',
      'anthropic',
      'anthropic-json-output-format.1.json',
    ),
    sse: chunksToServerSentEvents(
      readConformanceText(
        'ai-sdk-fixtures',
        'anthropic',
        'anthropic-json-output-format.1.chunks.txt',
      ),
    ),
  };
  const malformed = {
    json: JSON.stringify({ object: 'chat.completion', choices: [] }),
    sse: 'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n',
  };
  const reply = ({ json, sse }: { json: string; sse: string }): AnthropicFakeReply => ({
    json,
    sse: splitServerSentEvents(sse),
  });
  const toMaxTokens = (body: string) =>
    body
      .replace('"stop_reason":"end_turn"', '"stop_reason":"max_tokens"')
      .replace('"stop_reason": "end_turn"', '"stop_reason": "max_tokens"');

  return {
    forScenario: ({ scenario, toolNames }) => {
      const firstTool = toolNames[0];
      switch (scenario) {
        case 'tool-call':
          return reply({
            json: JSON.stringify(renameToolUses(toolCallMessage, firstTool)),
            sse: renameRecordedTool({ sse: toolCallSse, from: 'get_weather', to: firstTool }),
          });
        case 'parallel-tool-calls': {
          const message = renameToolUses(parallelMessage, firstTool);
          return reply({ json: JSON.stringify(message), sse: messageToServerSentEvents(message) });
        }
        case 'json':
          return reply(toolNames.includes('json') ? jsonTool : jsonText);
        case 'max-tokens':
          return reply({
            json: toMaxTokens(text.json),
            sse:
              firstTool === undefined
                ? toMaxTokens(text.sse)
                : renameRecordedTool({ sse: partialJsonSse, from: 'make_file', to: firstTool }),
          });
        case 'malformed':
          return reply(malformed);
        // Errors and hang-headers never reach a reply; they get the text answer to keep this total.
        case 'text':
        case 'stall-stream':
        case 'cut-stream':
        case 'error-400':
        case 'error-401':
        case 'error-429':
        case 'error-500':
        case 'error-503':
        case 'hang-headers':
          return reply(text);
        default:
          return assertNever(scenario);
      }
    },
  };
}

function renameRecordedTool({
  sse,
  from,
  to,
}: {
  sse: string;
  from: string;
  to: string | undefined;
}): string {
  if (to === undefined || to === from) return sse;
  return sse.replaceAll(`"name":"${from}"`, `"name":${JSON.stringify(to)}`);
}
