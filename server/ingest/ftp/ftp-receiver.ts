// The FTP receiver: one TCP listener for every event with FTP on (each event has its own user),
// with limits on sockets (in all and per address), failed logins per address, idle control and
// data connections; and what the dashboard shows of each camera (by address): connected or not,
// files received, the last error.
import { createServer, type Server, type Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import { LRUCache } from 'lru-cache';
import type { FtpCamera } from '../../contract/ftp.js';
import { runFtpSession, type FtpAccount } from './ftp-session.js';
import { createPassivePorts, normalise, type PassiveRange } from './passive-ports.js';
import { refuseByName, type UploadResult } from './take-upload.js';

export const FTP_LIMITS = {
  connections: 32,
  connectionsPerAddress: 8,
  /** Failed logins an address may make in `failedLoginWindowMs` before it is refused. */
  failedLogins: 10,
  failedLoginWindowMs: 10 * 60_000,
  /** Cameras keep the control connection open between shots. */
  idleMs: 15 * 60_000,
  dataWaitMs: 30_000,
};

export interface FtpReceiverDeps {
  /** The account whose user and password these are, or null. */
  authenticate(user: string, password: string): FtpAccount | null;
  take(account: FtpAccount, name: string, data: Socket, signal: AbortSignal): Promise<UploadResult>;
  passiveRange: () => PassiveRange;
  tls?: () => SecureContext | null;
  onError?: (err: unknown, context: Record<string, unknown>) => void;
  limits?: Partial<typeof FTP_LIMITS>;
}

interface CameraState extends FtpCamera {
  sockets: Set<Socket>;
}

export function createFtpReceiver(deps: FtpReceiverDeps) {
  const limits = { ...FTP_LIMITS, ...deps.limits };
  const passive = createPassivePorts(deps.passiveRange, limits.dataWaitMs);
  const failures = new LRUCache<string, number>({ max: 10_000, ttl: limits.failedLoginWindowMs });
  const cameras = new Map<string, Map<string, CameraState>>(); // eventId → address → camera
  const perAddress = new Map<string, number>();
  const sockets = new Set<Socket>();
  const sessions = new Set<Promise<void>>();
  let server: Server | null = null;
  let address: { host: string; port: number } | null = null;

  const cameraOf = (account: FtpAccount, addr: string): CameraState => {
    let byAddress = cameras.get(account.eventId);
    if (!byAddress) cameras.set(account.eventId, (byAddress = new Map()));
    let cam = byAddress.get(addr);
    if (!cam) {
      cam = { address: addr, connected: false, lastSeenAt: null, photos: 0, duplicates: 0, refused: 0, lost: 0, lastError: null, sockets: new Set() };
      byAddress.set(addr, cam);
    }
    return cam;
  };

  function record(camera: CameraState, file: string, result: UploadResult) {
    camera.lastSeenAt = new Date().toISOString();
    camera[result.kind === 'photo' ? 'photos' : result.kind === 'duplicate' ? 'duplicates' : result.kind]++;
    if (result.code !== 226) camera.lastError = { at: camera.lastSeenAt, message: result.text, reason: result.reason ?? 'unreadable_image', file };
  }

  function onConnection(socket: Socket) {
    const addr = normalise(socket.remoteAddress);
    const count = perAddress.get(addr) ?? 0;
    if (sockets.size >= limits.connections || count >= limits.connectionsPerAddress) {
      socket.on('error', () => {});
      socket.resume(); // read the camera's FIN, or the socket never closes
      socket.end('421 Too many connections; close another one first.\r\n');
      setTimeout(() => socket.destroy(), 2000).unref();
      return;
    }
    sockets.add(socket);
    perAddress.set(addr, count + 1);
    let camera: CameraState | null = null;
    const session = runFtpSession(
      socket,
      {
        passive,
        idleMs: limits.idleMs,
        tls: deps.tls,
        refuse(name) {
          const refused = refuseByName(name);
          if (refused && camera) record(camera, name, { ...refused, kind: 'refused', reason: 'not_jpeg' });
          return refused;
        },
        async login(user, password, from) {
          if ((failures.get(from) ?? 0) >= limits.failedLogins) return { ok: false, blocked: true };
          const account = deps.authenticate(user, password);
          if (account) return { ok: true, account };
          failures.set(from, (failures.get(from) ?? 0) + 1);
          return { ok: false, blocked: false };
        },
        async store(account, name, data, signal) {
          const result = await deps.take(account, name, data, signal);
          if (camera) record(camera, name, result);
          return result;
        },
      },
      (account) => {
        camera = cameraOf(account, addr);
        camera.sockets.add(socket);
        camera.connected = true;
        camera.lastSeenAt = new Date().toISOString();
      },
    )
      .catch((err: unknown) => deps.onError?.(err, { address: addr }))
      .finally(() => {
        sockets.delete(socket);
        const left = (perAddress.get(addr) ?? 1) - 1;
        if (left > 0) perAddress.set(addr, left);
        else perAddress.delete(addr);
        if (camera) {
          camera.sockets.delete(socket);
          camera.connected = camera.sockets.size > 0;
        }
        sessions.delete(session);
      });
    sessions.add(session);
  }

  return {
    /** Starts listening; resolves with the port (0 asks for any free one). */
    start(host: string, port: number): Promise<number> {
      if (server) return Promise.resolve(address!.port);
      const s = createServer({ pauseOnConnect: true }, onConnection);
      s.on('error', (err) => deps.onError?.(err, { listener: true }));
      return new Promise((resolve, reject) => {
        s.once('error', reject);
        s.listen({ host, port }, () => {
          s.off('error', reject);
          server = s;
          address = { host, port: (s.address() as { port: number }).port };
          resolve(address.port);
        });
      });
    },
    /** Stops listening and ends every session (a transfer under way is dropped; the camera sends it again). */
    async stop() {
      const s = server;
      server = null;
      address = null;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await Promise.all([closed, ...sessions]);
    },
    /** Ends the sessions logged in for this event (its FTP turned off, or the event purged). */
    disconnect(eventId: string) {
      for (const cam of cameras.get(eventId)?.values() ?? []) for (const socket of cam.sockets) socket.destroy();
    },
    forget(eventId: string) {
      this.disconnect(eventId);
      cameras.delete(eventId);
    },
    port: () => address?.port ?? null,
    cameras: (eventId: string): FtpCamera[] => [...(cameras.get(eventId)?.values() ?? [])].map(({ sockets: _s, ...cam }) => cam),
    passivePortsInUse: () => passive.inUse(),
  };
}
export type FtpReceiver = ReturnType<typeof createFtpReceiver>;
