// Server-sent events: one long response per client, a comment every 20 s to keep proxies and
// phones from dropping it, and cleanup when the client goes. A stream does not live forever:
// it ends after `maxAgeMs` (the browser comes back by itself after `retry`), and a client that
// stops reading (its socket backed up across two heartbeats) is dropped.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SseStream {
  send(event: string, data: unknown): void;
  onClose(fn: () => void): void;
  /** Ends the stream from the server's side. */
  close(): void;
}

export interface SseOptions {
  /** The stream ends after this long; default 15 minutes. */
  maxAgeMs?: number;
}

export const SSE_MAX_AGE_MS = 15 * 60_000;
const HEARTBEAT_MS = 20_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Open event streams, ended when the server closes (see http-base.ts). */
    sseStreams: Set<() => void>;
  }
}

export function openSse(req: FastifyRequest, reply: FastifyReply, opts: SseOptions = {}): SseStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  const socket = req.raw.socket;
  socket.setTimeout(0); // a stream is idle between events by design…
  socket.setKeepAlive(true, HEARTBEAT_MS); // …but a peer that vanished is found by TCP keep-alive
  const closers: (() => void)[] = [];
  let backedUp = false;
  const heartbeat = setInterval(() => {
    if (backedUp && res.writableNeedDrain) return close(); // not read since the last heartbeat
    backedUp = res.writableNeedDrain;
    res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  const maxAge = setTimeout(() => close(), opts.maxAgeMs ?? SSE_MAX_AGE_MS);
  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(maxAge);
    closers.splice(0).forEach((fn) => fn());
  }
  req.server.sseStreams.add(close);
  closers.push(() => {
    req.server.sseStreams.delete(close);
    res.end();
    // A client that does not read would keep the socket: it goes once our end is flushed or in 5 s.
    setTimeout(() => {
      if (!res.writableFinished) res.destroy();
    }, 5000).unref();
  });
  req.raw.on('close', close);
  res.on('error', close);
  return {
    send(event, data) {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
    close,
  };
}
