import { isOpenAIReasoningModel, openaiDialect } from '../openai/openai-chat-dialect.js';
import type { OpenAIChatDialect } from '../openai/openai-chat-dialect.js';
import { openaiProviderOptionsSchema, parseProviderOptions } from '../openai/openai-options.js';
import { azureOpenAIErrorHandling } from './azure-openai-error.js';

/** The `providerOptions` key of Azure OpenAI; it takes the same fields as `openai`. */
export const AZURE_OPENAI_OPTIONS_KEY = 'azure';

/**
 * The OpenAI model a deployment serves, guessed from its name. Deployment names are free-form, so
 * the first OpenAI model name inside it counts (`prod-o3-mini` → `o3-mini`, `gpt-4o-eu` →
 * `gpt-4o-eu`); a name without one is treated as a chat model such as gpt-4o.
 */
export function guessAzureModelFamily(deploymentName: string): string {
  const match = /(?:^|[^a-z0-9])((?:o\d|gpt-)[a-z0-9.-]*)/i.exec(deploymentName);
  return match?.[1]?.toLowerCase() ?? deploymentName;
}

/**
 * The Chat Completions dialect of one Azure OpenAI deployment: OpenAI's, with the output-token
 * limit in `max_completion_tokens` for reasoning models (o-series, gpt-5), which reject
 * `max_tokens`, and in `max_tokens` for the others, which every api-version accepts.
 *
 * @see https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference
 * @see https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/reasoning
 */
export function createAzureOpenAIDialect(deploymentName: string): OpenAIChatDialect {
  const family = guessAzureModelFamily(deploymentName);
  return {
    providerOptionsKey: AZURE_OPENAI_OPTIONS_KEY,
    parseProviderOptions: (options) =>
      parseProviderOptions({
        options,
        schema: openaiProviderOptionsSchema,
        key: AZURE_OPENAI_OPTIONS_KEY,
      }),
    maxTokensField: isOpenAIReasoningModel(family) ? 'max_completion_tokens' : 'max_tokens',
    supportsJsonSchema: true,
    supportsStreamUsage: true,
    modelQuirks: () => openaiDialect.modelQuirks(family),
    errors: azureOpenAIErrorHandling,
  };
}
