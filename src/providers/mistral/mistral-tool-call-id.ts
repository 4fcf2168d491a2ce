import { createHash, randomInt } from 'node:crypto';
import type { OpenAIChatMessage } from '../openai/openai-api.js';

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Mistral accepts only tool call ids of exactly 9 letters and digits. */
export function isMistralToolCallId(id: string): boolean {
  return /^[a-zA-Z0-9]{9}$/.test(id);
}

/** A random 9-character id, for tool calls that arrive without one. */
export function generateMistralToolCallId(): string {
  let id = '';
  for (let index = 0; index < 9; index++) id += alphanumerics[randomInt(alphanumerics.length)];
  return id;
}

/**
 * The id Mistral is sent for a tool call: the id itself when Mistral accepts it, otherwise 9
 * characters derived from its hash, so that a call and its result still match. Histories with
 * ids from other vendors (`call_...`, `toolu_...`) would otherwise be rejected with a 400.
 */
export function toMistralToolCallId(id: string): string {
  if (isMistralToolCallId(id)) return id;
  const digest = createHash('sha256').update(id).digest();
  let mapped = '';
  for (let index = 0; index < 9; index++) {
    mapped += alphanumerics[(digest[index] ?? 0) % alphanumerics.length];
  }
  return mapped;
}

/** Rewrites the tool call ids of assistant and tool messages with {@link toMistralToolCallId}. */
export function mapMistralToolCallIds(
  messages: ReadonlyArray<OpenAIChatMessage>,
): OpenAIChatMessage[] {
  return messages.map((message) => {
    if (message.role === 'tool') {
      return { ...message, tool_call_id: toMistralToolCallId(message.tool_call_id) };
    }
    if (message.role === 'assistant' && message.tool_calls) {
      return {
        ...message,
        tool_calls: message.tool_calls.map((call) => ({
          ...call,
          id: toMistralToolCallId(call.id),
        })),
      };
    }
    return message;
  });
}
