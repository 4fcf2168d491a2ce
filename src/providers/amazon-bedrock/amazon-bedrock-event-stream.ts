import { crc32 } from 'node:zlib';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { CallTarget } from '../../provider-utils/index.js';
import { ProviderCallError } from '../../spec/index.js';

/** One decoded `application/vnd.amazon.eventstream` message. */
export type AwsEventStreamMessage = {
  /** The string-valued headers, e.g. `:message-type`, `:event-type`, `:exception-type`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The payload, UTF-8 decoded (JSON for Bedrock). */
  readonly payload: string;
};

/** A frame failed its length or CRC32 checks, or the stream ended inside a frame. */
export class AwsEventStreamFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsEventStreamFrameError';
  }
}

/** Total length (4) + headers length (4) + prelude CRC (4). */
const PRELUDE_BYTES = 12;
/** Prelude plus the trailing message CRC. */
const MINIMUM_MESSAGE_BYTES = 16;
/** The event-stream limits: 16 MiB of payload and 128 KiB of headers per message. */
const MAXIMUM_MESSAGE_BYTES = 16 * 1024 * 1024 + 128 * 1024 + MINIMUM_MESSAGE_BYTES;

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/**
 * Splits a byte stream into event-stream messages, in any chunking: a frame may span many chunks
 * and a chunk may hold many frames. Each complete frame goes through `EventStreamCodec.decode`,
 * which verifies the prelude and message CRC32s and parses the headers. The prelude checksum is
 * also checked as soon as its 12 bytes arrive, so that a corrupted length cannot make the decoder
 * wait for bytes that will never come.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html
 * @see https://smithy.io/2.0/aws/amazon-eventstream.html
 */
export class AwsEventStreamDecoder {
  private buffer: Uint8Array = new Uint8Array(0);

  /** Adds bytes; returns the messages they completed. Throws AwsEventStreamFrameError. */
  feed(chunk: Uint8Array): AwsEventStreamMessage[] {
    const buffer = new Uint8Array(this.buffer.length + chunk.length);
    buffer.set(this.buffer, 0);
    buffer.set(chunk, this.buffer.length);
    const messages: AwsEventStreamMessage[] = [];
    let offset = 0;
    while (buffer.length - offset >= PRELUDE_BYTES) {
      const view = new DataView(buffer.buffer, buffer.byteOffset + offset, PRELUDE_BYTES);
      const totalLength = view.getUint32(0, false);
      const headersLength = view.getUint32(4, false);
      if (crc32(buffer.subarray(offset, offset + 8)) !== view.getUint32(8, false)) {
        throw new AwsEventStreamFrameError('the prelude checksum does not match');
      }
      if (
        totalLength < MINIMUM_MESSAGE_BYTES ||
        totalLength > MAXIMUM_MESSAGE_BYTES ||
        headersLength > totalLength - MINIMUM_MESSAGE_BYTES
      ) {
        throw new AwsEventStreamFrameError(
          `impossible frame lengths (total ${totalLength}, headers ${headersLength})`,
        );
      }
      if (buffer.length - offset < totalLength) break;
      messages.push(decodeFrame(buffer.subarray(offset, offset + totalLength)));
      offset += totalLength;
    }
    this.buffer = buffer.subarray(offset);
    return messages;
  }

  /** Call at the end of the byte stream: throws when it stopped in the middle of a frame. */
  end(): void {
    if (this.buffer.length > 0) {
      throw new AwsEventStreamFrameError(
        `the stream ended in the middle of a frame (${this.buffer.length} bytes left over)`,
      );
    }
  }
}

function decodeFrame(frame: Uint8Array): AwsEventStreamMessage {
  let decoded: ReturnType<EventStreamCodec['decode']>;
  try {
    decoded = codec.decode(frame);
  } catch (error) {
    throw new AwsEventStreamFrameError(error instanceof Error ? error.message : String(error));
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(decoded.headers)) {
    if (header.type === 'string') headers[name] = header.value;
  }
  return { headers, payload: toUtf8(decoded.body) };
}

/**
 * Decodes the event-stream messages of a response body as its chunks arrive. A corrupted frame, or
 * a body that ends inside a frame, becomes a retryable ProviderCallError; transport errors
 * (timeouts, cut connections, aborts) from `chunks` pass through unchanged.
 */
export async function* readAwsEventStream({
  chunks,
  target,
  url,
}: {
  chunks: AsyncIterable<Uint8Array>;
  target: CallTarget;
  url: string;
}): AsyncGenerator<AwsEventStreamMessage> {
  const decoder = new AwsEventStreamDecoder();
  const toProviderError = (error: AwsEventStreamFrameError) =>
    new ProviderCallError({
      ...target,
      url,
      statusCode: undefined,
      isRetryable: true,
      message: `Provider '${target.provider}' sent a corrupted event-stream frame (${error.message}); the response was discarded.`,
      cause: error,
    });
  for await (const chunk of chunks) {
    let messages: AwsEventStreamMessage[];
    try {
      messages = decoder.feed(chunk);
    } catch (error) {
      if (error instanceof AwsEventStreamFrameError) throw toProviderError(error);
      throw error;
    }
    yield* messages;
  }
  try {
    decoder.end();
  } catch (error) {
    if (error instanceof AwsEventStreamFrameError) throw toProviderError(error);
    throw error;
  }
}
