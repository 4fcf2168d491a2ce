import type { CanonicalRequest } from '../../spec/index.js';

/** What was recorded for one model on one prompt (a routing outcome dataset's `outcomes[m]`). */
export type SimulatedReplayOutcome = {
  /** The recorded answer text; without it the prompt counts as not recorded for this model. */
  readonly response?: string;
  /** Recorded prompt tokens; estimated from the request text when absent. */
  readonly inputTokens?: number;
  /** Recorded completion tokens; estimated from the response when absent. */
  readonly outputTokens?: number;
  /** Recorded wall time of the call, in ms; replayed scaled by `latencyScale`. */
  readonly latencyMs?: number;
};

/** Recorded outcomes of one prompt, keyed by model id (the vendor model name of the simulated model). */
export type SimulatedReplayOutcomes = Readonly<Record<string, SimulatedReplayOutcome>>;

/**
 * Finds the recorded outcomes of a prompt key (see {@link createReplayPromptKey}); `undefined`
 * when the prompt was not recorded. May be asynchronous (a dataset still loading).
 */
export type SimulatedReplayLookup = (
  promptKey: string,
) => SimulatedReplayOutcomes | undefined | Promise<SimulatedReplayOutcomes | undefined>;

/** Replay of recorded outcomes by a simulated provider. */
export type SimulatedReplaySettings = {
  /** Where recorded outcomes come from; the gateway builds it from a routing outcome dataset. */
  readonly lookup: SimulatedReplayLookup;
  /** Factor applied to recorded `latencyMs` before answering; 0 answers at once. Defaults to 0. */
  readonly latencyScale?: number;
  /**
   * What an unrecorded prompt gets: `simulate` answers with the usual deterministic text (with a
   * warning), `fail` rejects the call with a non-retryable error. Defaults to `simulate`.
   */
  readonly onMissing?: 'simulate' | 'fail';
  /** Names the source in warnings and errors, e.g. the dataset path. Defaults to 'the replay dataset'. */
  readonly description?: string;
};

/**
 * The key a request is looked up by: the text of its user messages joined by blank lines, trimmed,
 * which is how routing outcome datasets record multi-turn prompts (FORMAT.md `prompt`). System
 * prompts, assistant turns and images are not part of it.
 */
export function createReplayPromptKey(request: CanonicalRequest): string {
  const turns: string[] = [];
  for (const message of request.messages) {
    if (message.role !== 'user') continue;
    const text = message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    turns.push(text);
  }
  return normaliseReplayPromptKey(turns.join('\n\n'));
}

/** Normalises a recorded prompt the same way as {@link createReplayPromptKey}: CRLF → LF, trimmed. */
export function normaliseReplayPromptKey(prompt: string): string {
  return prompt.replace(/\r\n/g, '\n').trim();
}

/** Splits a recorded answer into stream pieces (a word and the whitespace before it) that join back exactly. */
export function splitReplayText(text: string): string[] {
  return text === '' ? [] : text.split(/(?=\s+\S)/);
}
