// Server-sent events: one long response per client, a comment every 20 s to keep proxies and
// phones from dropping it, and cleanup when the client goes.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SseStream {
  send(event: string, data: unknown): void;
  onClose(fn: () => void): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Open event streams, ended when the server closes (see http-base.ts). */
    sseStreams: Set<() => void>;
  }
}

export function openSse(req: FastifyRequest, reply: FastifyReply): SseStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  req.raw.socket.setTimeout(0); // a stream is idle between events by design
  const closers: (() => void)[] = [];
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    closers.splice(0).forEach((fn) => fn());
  };
  req.server.sseStreams.add(close);
  closers.push(() => {
    req.server.sseStreams.delete(close);
    res.end();
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
  };
}
