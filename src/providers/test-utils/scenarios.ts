/**
 * Fake upstreams choose what to do from an in-band directive in the prompt, `[[scenario:NAME]]`,
 * so that the same scenario can be driven directly (contract tests) or through the gateway with
 * an official SDK (black-box tests). Every fake upstream implements every scenario in its own
 * vendor's wire format.
 */
export const FAKE_SCENARIOS = [
  /** A plain text answer (the default). */
  'text',
  /** One tool call, to the first tool in the request. */
  'tool-call',
  /** Two tool calls in one turn. */
  'parallel-tool-calls',
  /** A JSON object as the text answer. */
  'json',
  /** The answer is cut off by the output-token limit. */
  'max-tokens',
  /** Error replies in the vendor's error shape. */
  'error-400',
  'error-401',
  'error-429',
  'error-500',
  'error-503',
  /** A 200 whose body is not the vendor's format. */
  'malformed',
  /** Never sends response headers. */
  'hang-headers',
  /** Streams: sends a first event, then stalls forever. */
  'stall-stream',
  /** Streams: sends a first event, then destroys the socket. */
  'cut-stream',
] as const;

export type FakeScenario = (typeof FAKE_SCENARIOS)[number];

const directivePattern = /\[\[scenario:([a-z0-9-]+)\]\]/g;

/** Finds the last scenario directive in a raw request body; `text` when there is none. */
export function findScenario(body: string): FakeScenario {
  let found: string | undefined;
  for (const match of body.matchAll(directivePattern)) found = match[1];
  return (FAKE_SCENARIOS as readonly string[]).includes(found ?? '')
    ? (found as FakeScenario)
    : 'text';
}

/** The directive text to put in a prompt. */
export function scenarioDirective(scenario: FakeScenario): string {
  return `[[scenario:${scenario}]]`;
}
