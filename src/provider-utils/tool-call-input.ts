import { InvalidRequestError } from '../spec/index.js';
import { parseJsonOrUndefined } from './parse-json.js';

/** Whether a value is a JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Input of {@link parseToolCallInput}. */
export type ParseToolCallInputOptions = {
  /** The canonical tool call's arguments: JSON object text. */
  readonly input: string;
  /** Where the call stands in the request, e.g. `messages[2].content[0]`, for the error. */
  readonly param: string;
  readonly toolName: string;
};

/**
 * Parses a replayed tool call's arguments into the object vendors that take structured tool
 * input (Anthropic, Bedrock, Gemini) need. Blank text is `{}`, because some clients send "" for a
 * call without arguments. Throws InvalidRequestError when the text is not a JSON object.
 */
export function parseToolCallInput({
  input,
  param,
  toolName,
}: ParseToolCallInputOptions): Record<string, unknown> {
  if (input.trim().length === 0) return {};
  const parsed = parseJsonOrUndefined(input);
  if (isJsonObject(parsed)) return parsed;
  throw new InvalidRequestError({
    message: `The arguments of the call to tool '${toolName}' at ${param} are not a JSON object. Send the tool call's arguments as a JSON object text, e.g. '{"city":"Paris"}'.`,
    param,
  });
}
