import { z } from 'zod';
import { createOpenAIErrorHandling, type OpenAIErrorHandling } from '../openai/openai-error.js';

/**
 * Error bodies of OpenAI-compatible servers, parsed leniently (STYLE.md rule 10): OpenAI's
 * `{ error: { message } }` (llama.cpp, Groq, Together, OpenRouter, Ollama, newer vLLM), a bare
 * `{ error: "..." }`, vLLM's older `{ object: "error", message }` and FastAPI's `{ detail }`.
 */
export const openaiCompatibleErrorSchema = z.union([
  z.object({
    error: z.object({
      message: z.string(),
      type: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
    }),
  }),
  z.object({ error: z.string() }),
  z.object({ message: z.string(), type: z.string().nullish() }),
  z.object({ detail: z.union([z.string(), z.array(z.object({ msg: z.string() }))]) }),
]);

/** A parsed compatible-server error body, in any of the known shapes. */
export type OpenAICompatibleErrorData = z.output<typeof openaiCompatibleErrorSchema>;

function errorToMessage(data: OpenAICompatibleErrorData): string {
  if ('error' in data) return typeof data.error === 'string' ? data.error : data.error.message;
  if ('message' in data) return data.message;
  return typeof data.detail === 'string'
    ? data.detail
    : data.detail.map((item) => item.msg).join('; ');
}

function errorToType(data: OpenAICompatibleErrorData): string | undefined {
  if ('error' in data)
    return typeof data.error === 'string' ? undefined : (data.error.type ?? undefined);
  if ('type' in data) return data.type ?? undefined;
  return undefined;
}

/** The error handling shared by every compatible flavor. */
export const openaiCompatibleErrorHandling: OpenAIErrorHandling = createOpenAIErrorHandling({
  errorSchema: openaiCompatibleErrorSchema,
  errorToMessage,
  errorToType,
});
