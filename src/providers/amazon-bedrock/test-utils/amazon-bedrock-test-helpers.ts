import {
  concatBytes,
  encodeEventFrames,
  type RecordedBedrockEvent,
} from './amazon-bedrock-recordings.js';

/** A JSON reply as Bedrock sends it. */
export function jsonResponse(
  body: unknown,
  { status = 200, headers = {} }: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': 'req-test-1',
      ...headers,
    },
  });
}

/** A ConverseStream reply: the events framed as `application/vnd.amazon.eventstream`. */
export function eventStreamResponse(events: ReadonlyArray<RecordedBedrockEvent>): Response {
  return new Response(concatBytes(encodeEventFrames(events)), {
    status: 200,
    headers: {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-requestid': 'req-test-1',
    },
  });
}

/**
 * An independent reading of a recorded ConverseStream, straight from its events: the text,
 * reasoning, signatures and tool calls it carries, its stop reason and its last usage.
 */
export function summariseWireEvents(events: ReadonlyArray<RecordedBedrockEvent>) {
  const toolIds = new Map<number, string>();
  const toolCalls: Record<string, { name: string; input: string }> = {};
  let text = '';
  let reasoning = '';
  const signatures: string[] = [];
  let stopReason: string | undefined;
  let usage: Record<string, number> | undefined;
  for (const { eventType, payload } of events) {
    if (eventType === 'contentBlockStart' && payload.start?.toolUse) {
      toolIds.set(payload.contentBlockIndex, payload.start.toolUse.toolUseId);
      toolCalls[payload.start.toolUse.toolUseId] = { name: payload.start.toolUse.name, input: '' };
    }
    if (eventType === 'contentBlockDelta') {
      const delta = payload.delta;
      if (typeof delta.text === 'string') text += delta.text;
      if (delta.reasoningContent?.text) reasoning += delta.reasoningContent.text;
      if (delta.reasoningContent?.signature) signatures.push(delta.reasoningContent.signature);
      const id = toolIds.get(payload.contentBlockIndex);
      const call = id === undefined ? undefined : toolCalls[id];
      if (call && delta.toolUse) call.input += delta.toolUse.input;
    }
    if (eventType === 'messageStop') stopReason = payload.stopReason;
    if (eventType === 'metadata') usage = payload.usage;
  }
  for (const call of Object.values(toolCalls)) if (call.input === '') call.input = '{}';
  return { text, reasoning, signatures, toolCalls, stopReason, usage };
}

/** An error reply in Bedrock's shape: `x-amzn-errortype` plus `{"message"}`. */
export function bedrockErrorResponse({
  status,
  type,
  message,
  headers = {},
}: {
  status: number;
  type: string;
  message: string;
  headers?: Record<string, string>;
}): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': 'req-error-1',
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      ...headers,
    },
  });
}
