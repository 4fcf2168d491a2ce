export { createOpenAIProvider } from './openai-provider.js';
export type { OpenAIProvider, OpenAIProviderSettings } from './openai-provider.js';
export type { OpenAIModelId, OpenAIProviderOptions } from './openai-options.js';
