import { describe } from 'vitest';
import { runLanguageModelContract } from '../test-utils/language-model-contract.js';
import { createAmazonBedrockProvider } from './amazon-bedrock-provider.js';
import { startBedrockFakeUpstream } from './test-utils/bedrock-fake-upstream.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('AmazonBedrockLanguageModel signed with SigV4', () => {
  runLanguageModelContract({
    startUpstream: () => startBedrockFakeUpstream({ credentials, region: 'us-west-2' }),
    createModel: ({ upstream, timeouts }) =>
      createAmazonBedrockProvider({
        region: 'us-west-2',
        credentials,
        baseURL: upstream.origin,
        timeouts,
      }).languageModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
  });
});

describe('AmazonBedrockLanguageModel with a Bedrock API key', () => {
  runLanguageModelContract({
    startUpstream: () => startBedrockFakeUpstream({ apiKey: 'bedrock-api-key-test' }),
    createModel: ({ upstream, timeouts }) =>
      createAmazonBedrockProvider({
        region: 'us-east-1',
        apiKey: 'bedrock-api-key-test',
        baseURL: upstream.origin,
        timeouts,
      }).languageModel('amazon.nova-pro-v1:0'),
  });
});
