/** One server-sent event. `event` is undefined when the stream gave no `event:` field. */
export type ServerSentEvent = { readonly event: string | undefined; readonly data: string };

/**
 * Incremental text/event-stream parser (WHATWG HTML §9.2.6): feed it decoded text in any
 * chunking, get whole events back. Handles CRLF, CR and LF line ends, comments and multi-line data.
 */
export class EventSourceParser {
  private buffer = '';
  private eventName: string | undefined = undefined;
  private dataLines: string[] = [];
  private pendingCarriageReturn = false;

  /** Parses `text` and returns the events it completed. */
  feed(text: string): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    let input = text;
    if (this.pendingCarriageReturn && input.startsWith('\n')) input = input.slice(1);
    this.pendingCarriageReturn = false;
    this.buffer += input;
    let start = 0;
    const buffer = this.buffer;
    for (;;) {
      let end = -1;
      let next = -1;
      for (let index = start; index < buffer.length; index++) {
        const char = buffer.charCodeAt(index);
        if (char === 10) {
          end = index;
          next = index + 1;
          break;
        }
        if (char === 13) {
          end = index;
          if (index + 1 < buffer.length) {
            next = buffer.charCodeAt(index + 1) === 10 ? index + 2 : index + 1;
          } else {
            next = index + 1;
            this.pendingCarriageReturn = true;
          }
          break;
        }
      }
      if (end === -1) break;
      this.processLine(buffer.slice(start, end), events);
      start = next;
    }
    this.buffer = start === 0 ? buffer : buffer.slice(start);
    return events;
  }

  /** Flushes an event left unterminated at the end of the stream. */
  end(): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    if (this.buffer.length > 0) this.processLine(this.buffer, events);
    this.buffer = '';
    this.processLine('', events);
    return events;
  }

  private processLine(line: string, events: ServerSentEvent[]): void {
    if (line.length === 0) {
      if (this.dataLines.length > 0) {
        events.push({ event: this.eventName, data: this.dataLines.join('\n') });
      }
      this.dataLines = [];
      this.eventName = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
  }
}

/** Iterates the server-sent events of a response body. */
export async function* readServerSentEvents(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  const parser = new EventSourceParser();
  for await (const chunk of body) {
    const events = parser.feed(decoder.decode(chunk, { stream: true }));
    for (const event of events) yield event;
  }
  const tail = decoder.decode();
  for (const event of tail ? parser.feed(tail) : []) yield event;
  for (const event of parser.end()) yield event;
}
