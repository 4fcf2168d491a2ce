import { z } from 'zod';
import { createOpenAIErrorHandling, type OpenAIErrorHandling } from '../openai/openai-error.js';

/** One category of Azure's content filter verdict, e.g. `sexual` or `jailbreak`. */
const contentFilterCategorySchema = z.object({
  filtered: z.boolean().nullish(),
  detected: z.boolean().nullish(),
  severity: z.string().nullish(),
});

/**
 * Azure OpenAI error bodies, parsed leniently (STYLE.md rule 10): the OpenAI shape with Azure's
 * `innererror` (content filter verdicts; `code` is often a status as a string, `type` absent), and
 * the `{ statusCode, message }` shape that Azure's gateway sends for rejected Entra ID tokens.
 *
 * @see https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-filter
 */
export const azureOpenAIErrorSchema = z.union([
  z.object({
    error: z.object({
      message: z.string(),
      type: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
      innererror: z
        .object({
          code: z.string().nullish(),
          content_filter_result: z.record(z.string(), contentFilterCategorySchema).nullish(),
        })
        .nullish(),
    }),
  }),
  z.object({ statusCode: z.number(), message: z.string() }),
]);

/** A parsed Azure OpenAI error body. */
export type AzureOpenAIErrorData = z.output<typeof azureOpenAIErrorSchema>;

/** True when the body says the prompt was blocked by the content filter. */
function isPromptFiltered(data: AzureOpenAIErrorData): boolean {
  if (!('error' in data)) return false;
  return (
    data.error.code === 'content_filter' ||
    data.error.innererror?.code === 'ResponsibleAIPolicyViolation'
  );
}

/** The categories that triggered the filter: filtered ones, or detected ones (prompt shields). */
export function listFilteredCategories(data: AzureOpenAIErrorData): string[] {
  if (!('error' in data)) return [];
  const result = data.error.innererror?.content_filter_result ?? {};
  return Object.entries(result)
    .filter(([, verdict]) => verdict.filtered === true || verdict.detected === true)
    .map(([category, verdict]) =>
      verdict.severity && verdict.severity !== 'safe'
        ? `${category} (${verdict.severity})`
        : category,
    );
}

function errorToMessage(data: AzureOpenAIErrorData): string {
  if (!('error' in data)) return data.message;
  if (!isPromptFiltered(data)) return data.error.message;
  const categories = listFilteredCategories(data);
  const named = categories.length > 0 ? categories.join(', ') : 'no category named';
  return `The prompt was blocked by Azure OpenAI's content filter (${named}). Rephrase the prompt, or review the content filter configuration of the deployment. Azure said: ${data.error.message}`;
}

function errorToType(data: AzureOpenAIErrorData): string | undefined {
  if (!('error' in data)) return undefined;
  if (isPromptFiltered(data)) return 'content_filter';
  const { type, code } = data.error;
  return type ?? (code == null ? undefined : String(code));
}

/** The error handling of Azure OpenAI. */
export const azureOpenAIErrorHandling: OpenAIErrorHandling = createOpenAIErrorHandling({
  errorSchema: azureOpenAIErrorSchema,
  errorToMessage,
  errorToType,
});
