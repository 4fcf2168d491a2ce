import { describe } from 'vitest';
import { runLanguageModelContract } from '../test-utils/language-model-contract.js';
import { createOpenAIProvider } from './openai-provider.js';
import { startOpenAIFakeUpstream } from './test-utils/openai-fake-upstream.js';

describe('OpenAILanguageModel', () => {
  runLanguageModelContract({
    startUpstream: () => startOpenAIFakeUpstream({ apiKey: 'sk-test-key' }),
    createModel: ({ upstream, timeouts }) =>
      createOpenAIProvider({
        apiKey: 'sk-test-key',
        baseURL: `${upstream.origin}/v1`,
        timeouts,
      }).languageModel('gpt-4o-mini'),
  });
});
