import type { z } from 'zod';
import {
  invalidResponseError,
  safeParseJson,
  type CallTarget,
} from '../../provider-utils/index.js';
import {
  amazonBedrockContentBlockDeltaSchema,
  amazonBedrockContentBlockStartSchema,
  amazonBedrockContentBlockStopSchema,
  amazonBedrockExceptionSchema,
  amazonBedrockMessageStartSchema,
  amazonBedrockMessageStopSchema,
  amazonBedrockMetadataSchema,
  type AmazonBedrockStreamEvent,
} from './amazon-bedrock-api.js';
import { createAmazonBedrockStreamError } from './amazon-bedrock-error.js';
import type { AwsEventStreamMessage } from './amazon-bedrock-event-stream.js';

/**
 * Reads one event-stream message as a ConverseStream event, by its headers: `:message-type`
 * `event` with `:event-type` naming the ConverseStreamOutput member (unknown members are passed on
 * as `unknown`), `exception` with `:exception-type`, or `error` with `:error-code` /
 * `:error-message`. Exceptions and errors become ProviderCallErrors; an unreadable payload is a
 * retryable invalid-response error.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 * @see https://smithy.io/2.0/aws/amazon-eventstream.html
 */
export function parseAmazonBedrockStreamMessage({
  message,
  target,
  url,
}: {
  message: AwsEventStreamMessage;
  target: CallTarget;
  url: string;
}): AmazonBedrockStreamEvent {
  const messageType = message.headers[':message-type'];
  if (messageType === 'exception') {
    const parsed = safeParseJson({ text: message.payload, schema: amazonBedrockExceptionSchema });
    const body = parsed.success ? parsed.value : undefined;
    throw createAmazonBedrockStreamError({
      exceptionType: message.headers[':exception-type'] ?? 'unknownException',
      message: body?.message ?? body?.Message ?? undefined,
      target,
      url,
    });
  }
  if (messageType === 'error') {
    throw createAmazonBedrockStreamError({
      exceptionType: message.headers[':error-code'] ?? 'unknownError',
      message: message.headers[':error-message'],
      target,
      url,
    });
  }
  const eventType = message.headers[':event-type'] ?? '';
  if (messageType !== 'event') return { type: 'unknown', eventType };
  const payload = <TSchema extends z.ZodType>(schema: TSchema): z.output<TSchema> => {
    const parsed = safeParseJson({ text: message.payload, schema });
    if (parsed.success) return parsed.value;
    throw invalidResponseError({
      target,
      url,
      text: message.payload,
      detail: `${eventType} event: ${parsed.error.message}`,
    });
  };
  switch (eventType) {
    case 'messageStart':
      return { type: eventType, ...payload(amazonBedrockMessageStartSchema) };
    case 'contentBlockStart':
      return { type: eventType, ...payload(amazonBedrockContentBlockStartSchema) };
    case 'contentBlockDelta':
      return { type: eventType, ...payload(amazonBedrockContentBlockDeltaSchema) };
    case 'contentBlockStop':
      return { type: eventType, ...payload(amazonBedrockContentBlockStopSchema) };
    case 'messageStop':
      return { type: eventType, ...payload(amazonBedrockMessageStopSchema) };
    case 'metadata':
      return { type: eventType, ...payload(amazonBedrockMetadataSchema) };
    default:
      return { type: 'unknown', eventType };
  }
}
