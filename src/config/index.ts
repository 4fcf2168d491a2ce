export { ConfigError } from './config-error.js';
export {
  gatewayConfigSchema,
  OPENAI_COMPATIBLE_FLAVORS,
  providerConfigSchema,
} from './config-schema.js';
export type {
  GatewayConfig,
  GatewayConfigInput,
  ModelConfig,
  ProviderConfig,
  CatalogueConfig,
  RouteConfig,
  RouteStrategy,
} from './config-schema.js';
export {
  DEFAULT_ANTHROPIC_MODELS,
  DEFAULT_OPENAI_MODELS,
  detectDefaultConfig,
} from './default-config.js';
export type { DetectedDefaults, OllamaProbe } from './default-config.js';
export { loadConfig, parseConfig } from './load-config.js';
export { resolveEnvReferences } from './resolve-env-references.js';
