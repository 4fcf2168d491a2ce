import { describe, expect, it } from 'vitest';
import { runLanguageModelContract } from '../test-utils/language-model-contract.js';
import { createGoogleProvider } from './google-provider.js';
import { startGoogleFakeUpstream } from './test-utils/google-fake-upstream.js';

describe('GoogleLanguageModel', () => {
  runLanguageModelContract({
    startUpstream: () => startGoogleFakeUpstream({ apiKey: 'test-key' }),
    createModel: ({ upstream, timeouts }) =>
      createGoogleProvider({
        apiKey: 'test-key',
        baseURL: `${upstream.origin}/v1beta`,
        timeouts,
      }).languageModel('gemini-2.5-flash'),
  });
});
