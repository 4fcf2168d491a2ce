import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../spec/index.js';
import {
  AwsEventStreamDecoder,
  AwsEventStreamFrameError,
  readAwsEventStream,
  type AwsEventStreamMessage,
} from './amazon-bedrock-event-stream.js';
import {
  concatBytes,
  encodeEventFrames,
  encodeExceptionFrame,
  readBedrockFixtureEvents,
} from './test-utils/amazon-bedrock-recordings.js';

const events = readBedrockFixtureEvents('amazon-bedrock-reasoning');
const frames = encodeEventFrames(events);
const stream = concatBytes(frames);

/** What each frame should decode to: its event type and the recorded payload (plus padding). */
function expectRecordedEvents(messages: AwsEventStreamMessage[]): void {
  expect(messages).toHaveLength(events.length);
  messages.forEach((message, index) => {
    expect(message.headers).toEqual({
      ':event-type': events[index]?.eventType,
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    const { p: padding, ...payload } = JSON.parse(message.payload);
    expect(payload).toEqual(events[index]?.payload);
    expect(typeof padding).toBe('string');
  });
}

function feedAll(decoder: AwsEventStreamDecoder, chunks: Uint8Array[]): AwsEventStreamMessage[] {
  const messages = chunks.flatMap((chunk) => decoder.feed(chunk));
  decoder.end();
  return messages;
}

async function* chunksOf(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

describe('AwsEventStreamDecoder', () => {
  it('decodes a recorded ConverseStream delivered in one chunk (every frame in it)', () => {
    expectRecordedEvents(feedAll(new AwsEventStreamDecoder(), [stream]));
  });

  it('decodes the stream split into two chunks at every byte boundary', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const messages = feedAll(new AwsEventStreamDecoder(), [
        stream.subarray(0, cut),
        stream.subarray(cut),
      ]);
      expect(messages.length, `split at byte ${cut}`).toBe(events.length);
    }
    expectRecordedEvents(
      feedAll(new AwsEventStreamDecoder(), [stream.subarray(0, 77), stream.subarray(77)]),
    );
  });

  it('decodes the stream fed one byte at a time', () => {
    const bytes = Array.from(stream, (byte) => Uint8Array.of(byte));
    expectRecordedEvents(feedAll(new AwsEventStreamDecoder(), bytes));
  });

  it('returns several frames from one chunk and keeps the partial frame after them', () => {
    const decoder = new AwsEventStreamDecoder();
    const firstThree = concatBytes(frames.slice(0, 3));
    const half = Math.floor((frames[3]?.length ?? 0) / 2);
    const chunk = concatBytes([firstThree, frames[3]?.subarray(0, half) ?? new Uint8Array()]);
    expect(decoder.feed(chunk)).toHaveLength(3);
    const rest = concatBytes([frames[3]?.subarray(half) ?? new Uint8Array(), ...frames.slice(4)]);
    expect(decoder.feed(rest)).toHaveLength(events.length - 3);
    expect(() => decoder.end()).not.toThrow();
  });

  it('rejects a frame whose message CRC does not match its bytes', () => {
    const corrupted = concatBytes(frames);
    const second = frames[0]?.length ?? 0;
    // Flip a header byte of the second frame: its prelude is intact, its message CRC is not.
    corrupted[second + 40] = (corrupted[second + 40] ?? 0) ^ 0xff;
    const decoder = new AwsEventStreamDecoder();
    expect(decoder.feed(corrupted.subarray(0, second))).toHaveLength(1);
    expect(() => decoder.feed(corrupted.subarray(second))).toThrow(AwsEventStreamFrameError);
    expect(() => new AwsEventStreamDecoder().feed(corrupted)).toThrow(/checksum/);
  });

  it('rejects a corrupted prelude as soon as its 12 bytes arrive, without waiting for the length it claims', () => {
    const corrupted = Uint8Array.from(frames[0] ?? []);
    corrupted[1] = 0x7f; // total length now ~8 MB; the prelude CRC no longer matches
    const decoder = new AwsEventStreamDecoder();
    expect(decoder.feed(corrupted.subarray(0, 11))).toEqual([]);
    expect(() => decoder.feed(corrupted.subarray(11, 12))).toThrow(/prelude checksum/);
  });

  it('rejects a stream that ends in the middle of a frame', () => {
    const decoder = new AwsEventStreamDecoder();
    decoder.feed(stream.subarray(0, stream.length - 5));
    expect(() => decoder.end()).toThrow(/ended in the middle of a frame \(\d+ bytes left over\)/);
  });

  it('decodes exception frames with their :exception-type header', () => {
    const [message] = new AwsEventStreamDecoder().feed(
      encodeExceptionFrame({ exceptionType: 'throttlingException', message: 'Slow down.' }),
    );
    expect(message?.headers[':message-type']).toBe('exception');
    expect(message?.headers[':exception-type']).toBe('throttlingException');
    expect(JSON.parse(message?.payload ?? '')).toEqual({ message: 'Slow down.' });
  });
});

describe('readAwsEventStream', () => {
  const target = { provider: 'bedrock', modelId: 'anthropic.claude-test' };
  const url = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse-stream';

  it('yields each message as soon as its last byte arrives', async () => {
    const reader = readAwsEventStream({
      chunks: chunksOf([stream.subarray(0, (frames[0]?.length ?? 0) + 3), stream.subarray(3)]),
      target,
      url,
    });
    const first = await reader.next();
    expect(first.value?.headers[':event-type']).toBe('messageStart');
  });

  it('turns a corrupted frame into a retryable ProviderCallError', async () => {
    const corrupted = Uint8Array.from(stream);
    corrupted[30] = (corrupted[30] ?? 0) ^ 0x01;
    const error = await (async () => {
      for await (const _message of readAwsEventStream({
        chunks: chunksOf([corrupted]),
        target,
        url,
      })) {
        // drain
      }
    })().catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(ProviderCallError.isInstance(error) && error.code).toBe('upstream_error');
    expect(String(error)).toMatch(/corrupted event-stream frame/);
  });

  it('turns a body cut inside a frame into a retryable ProviderCallError', async () => {
    const error = await (async () => {
      for await (const _message of readAwsEventStream({
        chunks: chunksOf([stream.subarray(0, 100)]),
        target,
        url,
      })) {
        // drain
      }
    })().catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
  });

  it('passes transport errors through unchanged', async () => {
    const failure = new Error('socket hang up');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield frames[0] ?? new Uint8Array();
      await Promise.resolve();
      throw failure;
    }
    const error = await (async () => {
      for await (const _message of readAwsEventStream({ chunks: failing(), target, url })) {
        // drain
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBe(failure);
  });
});
