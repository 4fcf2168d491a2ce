export { createMistralProvider } from './mistral-provider.js';
export type { MistralProviderSettings } from './mistral-provider.js';
export type { MistralModelId, MistralProviderOptions } from './mistral-options.js';
