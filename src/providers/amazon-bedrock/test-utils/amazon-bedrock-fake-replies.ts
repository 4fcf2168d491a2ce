import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import { assertNever } from '../../../spec/index.js';
import type { FakeScenario } from '../../test-utils/scenarios.js';
import {
  listBedrockFixtures,
  readBedrockFixtureEvents,
  readBedrockFixtureJson,
  renameResponseToolUses,
  renameStreamToolUses,
  type RecordedBedrockEvent,
} from './amazon-bedrock-recordings.js';

/** One reply: the Converse body, and the same answer as ConverseStream events. */
export type AmazonBedrockFakeReply = {
  readonly json: string;
  readonly events: ReadonlyArray<RecordedBedrockEvent>;
};

export type AmazonBedrockFakeReplies = {
  forScenario(options: {
    scenario: FakeScenario;
    toolNames: ReadonlyArray<string>;
  }): AmazonBedrockFakeReply;
  /**
   * Replays `ai-sdk-fixtures/amazon-bedrock/<name>.json` and `.chunks.txt`; either is undefined
   * when that recording does not exist.
   */
  forFixture(name: string): Partial<AmazonBedrockFakeReply>;
};

/**
 * Loads the recordings the fake replays (`ai-sdk-fixtures/amazon-bedrock`):
 * - text: `amazon-bedrock-text.json` / `.chunks.txt` (recorded from the live API)
 * - tool-call: `amazon-bedrock-tool-call.1.json` / `.chunks.txt`
 * - parallel-tool-calls: `amazon-bedrock-json-with-tools.1` without its JSON-mode answer (the
 *   `json` tool block and the text announcing it), leaving text plus two tool calls
 * - json: with a `json` tool in the request, `amazon-bedrock-json-tool.1`; without one, a text
 *   answer holding that recording's JSON
 * - max-tokens: the text recordings with `end_turn` edited to `max_tokens`
 * Recorded tool names are replaced by the request's first tool ("one tool call, to the first tool
 * in the request"); the `json` tool keeps its name.
 */
export function loadAmazonBedrockFakeReplies(): AmazonBedrockFakeReplies {
  const fixtures = listBedrockFixtures();
  const fixture = (name: string): AmazonBedrockFakeReply => ({
    json: readBedrockFixtureJson(name),
    events: readBedrockFixtureEvents(name),
  });
  const text = fixture('amazon-bedrock-text');
  const toolCall = fixture('amazon-bedrock-tool-call.1');
  const parallel = withoutJsonAnswer(fixture('amazon-bedrock-json-with-tools.1'));
  const jsonTool = fixture('amazon-bedrock-json-tool.1');
  const jsonInput = parseRecord(jsonTool.json).output.message.content[0].toolUse.input;
  const firstTextDelta = text.events.findIndex((event) => event.eventType === 'contentBlockDelta');
  const jsonAsText: AmazonBedrockFakeReply = {
    json: JSON.stringify(withText(parseRecord(text.json), JSON.stringify(jsonInput))),
    // One delta carries the whole JSON; the recording's other text deltas are dropped.
    events: text.events.flatMap((event, index) => {
      if (event.eventType !== 'contentBlockDelta') return [event];
      if (index !== firstTextDelta) return [];
      const delta = { text: JSON.stringify(jsonInput) };
      return [{ eventType: event.eventType, payload: { ...event.payload, delta } }];
    }),
  };
  const toMaxTokens = (reply: AmazonBedrockFakeReply): AmazonBedrockFakeReply => ({
    json: reply.json.replace('"stopReason": "end_turn"', '"stopReason": "max_tokens"'),
    events: reply.events.map((event) =>
      event.eventType === 'messageStop'
        ? { eventType: event.eventType, payload: { ...event.payload, stopReason: 'max_tokens' } }
        : event,
    ),
  });
  const malformed: AmazonBedrockFakeReply = {
    json: JSON.stringify({ object: 'chat.completion', choices: [] }),
    events: [],
  };

  return {
    forFixture: (name) => ({
      ...(fixtures.json.includes(name) ? { json: readBedrockFixtureJson(name) } : {}),
      ...(fixtures.chunks.includes(name) ? { events: readBedrockFixtureEvents(name) } : {}),
    }),
    forScenario: ({ scenario, toolNames }) => {
      const firstTool = toolNames.find((name) => name !== 'json');
      switch (scenario) {
        case 'tool-call':
          return renameTools(toolCall, firstTool);
        case 'parallel-tool-calls':
          return renameTools(parallel, firstTool);
        case 'json':
          return toolNames.includes('json') ? jsonTool : jsonAsText;
        case 'max-tokens':
          return toMaxTokens(text);
        case 'malformed':
          return malformed;
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
          return text;
        default:
          return assertNever(scenario);
      }
    },
  };
}

function parseRecord(json: string): Record<string, any> {
  const value = parseJsonOrUndefined(json);
  if (typeof value !== 'object' || value === null) throw new Error('not a JSON object');
  return value;
}

function renameTools(
  reply: AmazonBedrockFakeReply,
  toolName: string | undefined,
): AmazonBedrockFakeReply {
  return {
    json: JSON.stringify(renameResponseToolUses(parseRecord(reply.json), toolName)),
    events: renameStreamToolUses(reply.events, toolName),
  };
}

function withText(response: Record<string, any>, text: string): Record<string, any> {
  return { ...response, output: { message: { ...response.output.message, content: [{ text }] } } };
}

/**
 * Drops the JSON-mode answer of a recording: the `json` tool block and the text block right before
 * it, in the body and in the stream (by content block index).
 */
function withoutJsonAnswer(reply: AmazonBedrockFakeReply): AmazonBedrockFakeReply {
  const response = parseRecord(reply.json);
  const content: Array<Record<string, any>> = response.output.message.content;
  const jsonIndex = content.findIndex((block) => block.toolUse?.name === 'json');
  const dropped = new Set([jsonIndex, content[jsonIndex - 1]?.text ? jsonIndex - 1 : jsonIndex]);
  const streamJsonIndex: number | undefined = reply.events.find(
    (event) => event.payload.start?.toolUse?.name === 'json',
  )?.payload.contentBlockIndex;
  const streamDropped = new Set([streamJsonIndex, (streamJsonIndex ?? 0) - 1]);
  return {
    json: JSON.stringify({
      ...response,
      output: {
        message: {
          ...response.output.message,
          content: content.filter((_, index) => !dropped.has(index)),
        },
      },
    }),
    events: reply.events.filter((event) => !streamDropped.has(event.payload.contentBlockIndex)),
  };
}
