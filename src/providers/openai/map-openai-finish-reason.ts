import type { FinishReason } from '../../spec/index.js';

/**
 * Maps a Chat Completions `finish_reason` to the canonical one. Covers OpenAI's values and the
 * variants OpenAI-compatible servers send.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function mapOpenAIFinishReason(finishReason: string | null | undefined): FinishReason {
  switch (finishReason ?? '') {
    case 'stop':
    case 'eos': // TGI and older llama.cpp builds
    case 'end_turn':
      return 'stop';
    case 'length':
    case 'max_tokens':
    case 'model_length': // vLLM: the context window ran out
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'error':
    case 'insufficient_system_resource': // DeepSeek: the request was cut for lack of capacity
      return 'error';
    default:
      return 'other';
  }
}

/**
 * The canonical finish reason of a whole answer. A refusal wins over the wire value (OpenAI sends
 * `stop`), and tool calls under `stop` become `tool-calls`: OpenAI does that when `tool_choice`
 * names a function, and Ollama and llama.cpp do it always.
 */
export function resolveOpenAIFinishReason({
  rawFinishReason,
  hasRefusal,
  hasToolCalls,
}: {
  rawFinishReason: string | null | undefined;
  hasRefusal: boolean;
  hasToolCalls: boolean;
}): FinishReason {
  if (hasRefusal) return 'refusal';
  const mapped = mapOpenAIFinishReason(rawFinishReason);
  return mapped === 'stop' && hasToolCalls ? 'tool-calls' : mapped;
}
