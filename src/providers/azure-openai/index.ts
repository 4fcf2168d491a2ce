export { createAzureOpenAIProvider } from './azure-openai-provider.js';
export type { AzureOpenAIProvider, AzureOpenAIProviderSettings } from './azure-openai-provider.js';
