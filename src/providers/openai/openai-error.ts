import { z } from 'zod';
import {
  createJsonErrorResponseHandler,
  type FailedResponseHandler,
} from '../../provider-utils/index.js';

/**
 * How a server shapes its error bodies: the schema, and how to read a message and a type from a
 * body that matches it.
 */
export type OpenAIErrorStructure<TSchema extends z.ZodType> = {
  readonly errorSchema: TSchema;
  readonly errorToMessage: (error: z.output<TSchema>) => string;
  readonly errorToType?: (error: z.output<TSchema>) => string | undefined;
};

/** An error structure turned into the two readers the model class needs. */
export type OpenAIErrorHandling = {
  /** Turns a non-2xx reply into a ProviderCallError. */
  readonly failedResponseHandler: FailedResponseHandler;
  /** Reads an error object sent inside a stream; undefined when `value` does not match. */
  readonly readError: (value: unknown) => { message: string; type: string | undefined } | undefined;
};

/** Builds the error readers for an error structure. */
export function createOpenAIErrorHandling<TSchema extends z.ZodType>({
  errorSchema,
  errorToMessage,
  errorToType,
}: OpenAIErrorStructure<TSchema>): OpenAIErrorHandling {
  return {
    failedResponseHandler: createJsonErrorResponseHandler({
      errorSchema,
      errorToMessage,
      ...(errorToType ? { errorToType } : {}),
    }),
    readError: (value) => {
      const parsed = errorSchema.safeParse(value);
      if (!parsed.success) return undefined;
      return { message: errorToMessage(parsed.data), type: errorToType?.(parsed.data) };
    },
  };
}

/**
 * OpenAI's error body, `{ error: { message, type, param, code } }`.
 *
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export const openaiErrorDataSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().nullish(),
    param: z.unknown().optional(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

/** A parsed OpenAI error body. */
export type OpenAIErrorData = z.output<typeof openaiErrorDataSchema>;

/** The error handling of api.openai.com. */
export const openaiErrorHandling: OpenAIErrorHandling = createOpenAIErrorHandling({
  errorSchema: openaiErrorDataSchema,
  errorToMessage: (data) => data.error.message,
  errorToType: (data) => data.error.type ?? undefined,
});
