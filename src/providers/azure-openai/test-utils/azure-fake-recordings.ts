import { readFileSync } from 'node:fs';
import { sharedPath } from '../../test-utils/shared-path.js';

/**
 * Recorded Azure OpenAI Chat Completions traffic the fake upstream replays byte for byte (from
 * shared/conformance/ai-sdk-fixtures, see its README; the Azure Responses API recordings there do
 * not apply to Chat Completions).
 */
export type AzureOpenAIRecordings = {
  /** `openai/chat/azure-model-router.1.chunks.txt`: preamble with `prompt_filter_results`, text, usage. */
  readonly textChunks: ReadonlyArray<string>;
  /** `azure/azure-deepseek-reasoning.1.json`: a completion with `reasoning_content` (Azure AI Foundry). */
  readonly reasoningBody: string;
  /** `azure/azure-deepseek-reasoning.1.chunks.txt`: the same streamed, 784 chunks. */
  readonly reasoningChunks: ReadonlyArray<string>;
};

let cached: AzureOpenAIRecordings | undefined;

function readLines(...segments: string[]): string[] {
  return readFileSync(sharedPath('conformance', 'ai-sdk-fixtures', ...segments), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

/** Loads the recordings once per process. */
export function loadAzureOpenAIRecordings(): AzureOpenAIRecordings {
  cached ??= {
    textChunks: readLines('openai', 'chat', 'azure-model-router.1.chunks.txt'),
    reasoningBody: readFileSync(
      sharedPath('conformance', 'ai-sdk-fixtures', 'azure', 'azure-deepseek-reasoning.1.json'),
      'utf8',
    ),
    reasoningChunks: readLines('azure', 'azure-deepseek-reasoning.1.chunks.txt'),
  };
  return cached;
}
