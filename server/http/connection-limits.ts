// Open sockets per client address, so one phone (or one attacker) cannot take every socket of a
// listener: past the limit a connection is answered 429 in the contract's shape and closed.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { rawErrorResponse } from './raw-error.js';

const REFUSAL = rawErrorResponse(429, 'Too Many Requests', 'too_many_connections', 'Too many connections from your device: close some tabs and try again.', {
  'Retry-After': '5',
});

/** `::ffff:10.0.0.5` and `10.0.0.5` are the same client. */
export const addressKey = (address: string | undefined) => (address ?? '?').replace(/^::ffff:/, '');

export function limitConnectionsPerAddress(server: Server, maxPerAddress: () => number) {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const key = addressKey(socket.remoteAddress);
    const count = (open.get(key) ?? 0) + 1;
    if (count > maxPerAddress()) {
      socket.on('error', () => undefined);
      socket.end(REFUSAL);
      setTimeout(() => socket.destroy(), 2000).unref(); // whether or not the client closes its side
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
  return { openFrom: (address: string) => open.get(addressKey(address)) ?? 0 };
}
