import type { FetchFunction } from '../../../provider-utils/index.js';
import type { StreamEvent } from '../../../spec/index.js';

/** Deterministic ids: `id-0`, `id-1`, ... */
export function mockId(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${next++}`;
}

/** A fetch that answers every call with `body` and records the requests it saw. */
export function replayFetch({
  body,
  contentType = 'text/event-stream; charset=utf-8',
  status = 200,
}: {
  body: string;
  contentType?: string;
  status?: number;
}): FetchFunction & { readonly calls: Array<{ url: string; init: RequestInit }> } {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(
      new Response(body, { status, headers: { 'content-type': contentType } }),
    );
  };
  return Object.assign(fetch, { calls });
}

/** Frames JSON chunk lines (`*.chunks.txt`) as the SSE body the API sent. */
export function framedAsServerSentEvents(
  lines: ReadonlyArray<string>,
  { withDone = true } = {},
): string {
  return `${lines.map((line) => `data: ${line}\n\n`).join('')}${withDone ? 'data: [DONE]\n\n' : ''}`;
}

/** Joins the deltas of one kind. */
export function joinDeltas(
  events: ReadonlyArray<StreamEvent>,
  type: 'text-delta' | 'reasoning-delta' | 'tool-call-delta',
): string {
  let text = '';
  for (const event of events) if (event.type === type) text += event.delta;
  return text;
}
