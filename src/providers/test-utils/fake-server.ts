import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the fake upstream received. */
export type RecordedRequest = {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
};

export type FakeUpstream = {
  /** e.g. `http://127.0.0.1:43211`. */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
};

export type FakeHandler = (options: {
  request: RecordedRequest;
  response: ServerResponse;
  socket: Socket;
}) => void | Promise<void>;

/**
 * Starts a local HTTP server on 127.0.0.1 with a random port. The handler gets each request with
 * its whole body. Closing destroys open sockets, so hanging scenarios end too.
 */
export async function startFakeServer(handler: FakeHandler): Promise<FakeUpstream> {
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      Promise.resolve(handler({ request, response, socket: incoming.socket })).catch(
        (error: unknown) => {
          response.statusCode = 599;
          response.end(String(error));
        },
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes `text` in pieces with a pause between them, so clients see real chunking. */
export async function writeInPieces({
  response,
  text,
  pieceBytes = 64,
  pauseMs = 0,
}: {
  response: ServerResponse;
  text: string;
  pieceBytes?: number;
  pauseMs?: number;
}): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
    if (response.destroyed) return;
    response.write(bytes.subarray(offset, offset + pieceBytes));
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
