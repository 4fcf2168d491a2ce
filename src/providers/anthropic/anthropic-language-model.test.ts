import { describe } from 'vitest';
import { runLanguageModelContract } from '../test-utils/language-model-contract.js';
import { createAnthropicProvider } from './anthropic-provider.js';
import { startAnthropicFakeUpstream } from './test-utils/anthropic-fake-upstream.js';

describe('AnthropicLanguageModel', () => {
  runLanguageModelContract({
    startUpstream: () => startAnthropicFakeUpstream({ apiKey: 'test-key' }),
    createModel: ({ upstream, timeouts }) =>
      createAnthropicProvider({
        apiKey: 'test-key',
        baseURL: `${upstream.origin}/v1`,
        timeouts,
      }).languageModel('claude-sonnet-4-5'),
  });
});
