import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayCall, GatewayStreamResult } from '../gateway/index.js';
import {
  ProviderCallError,
  toGatewayError,
  type GatewayError,
  type StreamEvent,
} from '../spec/index.js';
import { gatewayHeaders } from './gateway-headers.js';
import { SseWriter } from './sse-writer.js';

/** Turns canonical events into one surface's SSE frames. */
export type StreamEncoder = {
  /** SSE text for one event; '' when the event has no counterpart in the surface. */
  encode(event: StreamEvent): string;
  /** False while the surface's final event has not been written (when the surface has one). */
  readonly isComplete?: boolean;
};

/**
 * Sends a started gateway stream to the client as server-sent events: headers first, then each
 * encoded event, waiting only on socket backpressure. A failure after the first byte can no
 * longer change the status, so it is sent inside the stream, in the surface's own shape.
 */
export async function sendEventStream({
  request,
  reply,
  call,
  result,
  encoder,
  encodeFailure,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  call: GatewayCall;
  result: GatewayStreamResult;
  encoder: StreamEncoder;
  /** The surface's in-stream error frame(s). */
  encodeFailure: (error: GatewayError) => string;
}): Promise<void> {
  void reply.hijack();
  const writer = new SseWriter(reply.raw);
  writer.open(
    gatewayHeaders({
      requestId: request.id,
      target: result.target,
      warnings: result.warnings,
      decision: result.decision,
    }),
  );
  try {
    for await (const event of result.stream) {
      const text = encoder.encode(event);
      if (text.length > 0) {
        const pending = writer.write(text);
        if (pending) await pending;
      }
      if (writer.isClosed) break;
    }
    if (encoder.isComplete === false && !writer.isClosed) {
      throw new ProviderCallError({
        provider: result.target.providerId,
        modelId: result.target.vendorModel,
        url: '',
        statusCode: undefined,
        message: `The stream from provider '${result.target.providerId}' ended before its final event.`,
      });
    }
    writer.end();
  } catch (error) {
    if (call.abortSignal.aborted) return;
    request.log.warn({ err: error, requestId: request.id }, 'stream failed after the first byte');
    writer.end(encodeFailure(toGatewayError(error)));
  }
}
