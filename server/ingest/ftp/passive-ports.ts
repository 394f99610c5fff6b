// Passive-mode data connections of the FTP receiver. Each PASV/EPSV opens one listener on a free
// port of the configured range, on the address the camera reached us at; it takes exactly one
// connection, and only from the camera's own address (no port stealing), then stops listening.
// A listener nobody connects to closes after `acceptMs`, so ports cannot be hoarded.
import { createServer, type Server, type Socket } from 'node:net';

export interface PassiveRange {
  min: number;
  max: number;
}

export interface PassiveListener {
  port: number;
  /** The camera's data connection; rejects when it does not come in time or the listener is closed. */
  accepted: Promise<Socket>;
  close(): void;
}

export function createPassivePorts(range: () => PassiveRange, acceptMs = 30_000) {
  const inUse = new Set<number>();
  let cursor = 0;

  function listenOn(server: Server, port: number, host: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
        else reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ port, host, exclusive: true });
    });
  }

  return {
    /** Ports of the range held by open listeners. */
    inUse: () => inUse.size,

    /** Opens a listener on `host` for a data connection from `peer`; rejects when the range is exhausted. */
    async open(host: string, peer: string): Promise<PassiveListener> {
      const { min, max } = range();
      const size = max - min + 1;
      let settle: { resolve(s: Socket): void; reject(e: Error): void } | undefined;
      const accepted = new Promise<Socket>((resolve, reject) => {
        settle = { resolve, reject };
      });
      accepted.catch(() => {}); // the session may never ask for it
      let taken = false;
      const server = createServer({ pauseOnConnect: true }, (socket) => {
        if (taken || normalise(socket.remoteAddress) !== normalise(peer)) {
          socket.destroy();
          return;
        }
        taken = true;
        close();
        settle?.resolve(socket);
      });
      server.maxConnections = 4;
      let port = 0;
      for (let tries = 0; tries < size && !port; tries++) {
        const candidate = min + (cursor++ % size);
        if (inUse.has(candidate)) continue;
        if (await listenOn(server, candidate, host)) port = candidate;
      }
      if (!port) throw new Error('no free passive port');
      inUse.add(port);
      const timer = setTimeout(() => close(new Error('the data connection did not come')), acceptMs);
      timer.unref();
      let closed = false;
      function close(reason = new Error('the data connection was not needed')) {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        inUse.delete(port);
        server.close();
        if (!taken) settle?.reject(reason);
      }
      return { port, accepted, close: () => close() };
    },
  };
}
export type PassivePorts = ReturnType<typeof createPassivePorts>;

/** `::ffff:192.168.1.5` and `192.168.1.5` are the same camera. */
export const normalise = (address: string | undefined) => (address ?? '').replace(/^::ffff:/i, '');
