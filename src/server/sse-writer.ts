import type { ServerResponse } from 'node:http';

/**
 * Writes server-sent events to a raw response, waiting only when the socket's buffer is full
 * (backpressure), so a fast upstream cannot make the gateway buffer without bound.
 */
export class SseWriter {
  private readonly response: ServerResponse;

  constructor(response: ServerResponse) {
    this.response = response;
  }

  /** True once the client has gone away. */
  get isClosed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }

  /** Sends the status line and headers. */
  open(headers: Record<string, string>): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    });
  }

  /** Writes pre-framed SSE text; resolves at once unless the socket asks to wait. */
  write(text: string): Promise<void> | undefined {
    if (this.isClosed) return undefined;
    if (this.response.write(text)) return undefined;
    return new Promise<void>((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.on('drain', done);
      this.response.on('close', done);
    });
  }

  end(text?: string): void {
    if (this.isClosed) return;
    if (text) this.response.end(text);
    else this.response.end();
  }
}
