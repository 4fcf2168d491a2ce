export { createAnthropicProvider } from './anthropic-provider.js';
export type { AnthropicProviderSettings } from './anthropic-provider.js';
export type {
  AnthropicCacheControl,
  AnthropicModelId,
  AnthropicOptions,
} from './anthropic-options.js';
