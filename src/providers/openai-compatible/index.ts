export { createOpenAICompatibleProvider } from './openai-compatible-provider.js';
export type { OpenAICompatibleProviderSettings } from './openai-compatible-provider.js';
export type { OpenAICompatibleFlavor } from './openai-compatible-flavors.js';
