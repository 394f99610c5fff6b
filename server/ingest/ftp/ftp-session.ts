// One camera's FTP control connection: the commands cameras use to send photos (RFC 959, EPSV
// from RFC 2428, FEAT/OPTS from RFC 2389, AUTH TLS from RFC 4217) and nothing more. FindMe only
// receives: no download, delete, rename or active mode. Directories are virtual (every path
// stays under "/" and only names a photo); nothing a camera sends becomes a path on disk.
import type { Socket } from 'node:net';
import { posix } from 'node:path';
import { TLSSocket, type SecureContext } from 'node:tls';
import { normalise, type PassiveListener, type PassivePorts } from './passive-ports.js';

export interface FtpAccount {
  eventId: string;
  eventName: string;
  username: string;
}

export type LoginResult = { ok: true; account: FtpAccount } | { ok: false; blocked: boolean };

/** What the camera is told after a STOR: 226 for a photo taken (or already had), 4xx/5xx otherwise. */
export interface StoreReply {
  code: number;
  text: string;
  bytes?: number;
}

export interface SessionDeps {
  login(user: string, password: string, address: string): Promise<LoginResult>;
  passive: PassivePorts;
  /** Receives one file from the data connection and says what to answer. */
  store(account: FtpAccount, name: string, data: Socket, signal: AbortSignal): Promise<StoreReply>;
  /** A file refused by its name alone, before a byte is sent. */
  refuse(name: string): StoreReply | null;
  /** TLS for AUTH TLS and PROT P; without it FTPS is not offered. */
  tls?: () => SecureContext | null;
  /** The control connection may stay idle this long (cameras keep it open between shots). */
  idleMs: number;
}

const MAX_LINE = 1024;
const MAX_FAILED_LOGINS = 3;

export function runFtpSession(socket: Socket, deps: SessionDeps, onLogin: (account: FtpAccount) => void): Promise<void> {
  const peer = normalise(socket.remoteAddress);
  let control: Socket = socket;
  let user: string | null = null;
  let account: FtpAccount | null = null;
  let failedLogins = 0;
  let cwd = '/';
  let passive: PassiveListener | null = null;
  let transfer: AbortController | null = null;
  let protectData = false;
  const sizes = new Map<string, number>(); // virtual path → bytes, for SIZE after a STOR
  let buffer = '';
  let queue: Promise<void> = Promise.resolve();
  let ended = false;

  const reply = (code: number, ...lines: string[]) => {
    if (ended || control.destroyed) return;
    const text =
      lines.length > 1
        ? lines
            .slice(0, -1)
            .map((l, i) => (i === 0 ? `${code}-${l}` : ` ${l}`))
            .join('\r\n') + `\r\n${code} ${lines.at(-1)}\r\n`
        : `${code} ${lines[0] ?? ''}\r\n`;
    control.write(text);
  };
  const end = () => {
    if (ended) return;
    ended = true;
    transfer?.abort();
    passive?.close();
    control.end();
    control.destroySoon?.();
  };
  const here = (arg: string) => posix.resolve(cwd, arg || '.');

  const openPassive = async (): Promise<number | null> => {
    passive?.close();
    passive = null;
    try {
      passive = await deps.passive.open(normalise(control.localAddress), peer);
      return passive.port;
    } catch {
      reply(425, 'No passive port is free right now; try again in a moment.');
      return null;
    }
  };

  /**
   * The data connection the last PASV/EPSV announced: answers `preliminary` (150) once it is open,
   * then under PROT P secures it (the client starts TLS after the 150); null after a 425.
   */
  const dataConnection = async (preliminary: string): Promise<Socket | null> => {
    const listener = passive;
    passive = null;
    if (!listener) {
      reply(425, 'Use PASV or EPSV first.');
      return null;
    }
    let raw: Socket;
    try {
      raw = await listener.accepted;
    } catch {
      reply(425, 'The data connection did not open. Use passive mode.');
      return null;
    }
    reply(150, preliminary);
    const context = deps.tls?.();
    if (!protectData || !context) return raw;
    const secure = new TLSSocket(raw, { isServer: true, secureContext: context });
    try {
      await new Promise<void>((resolve, reject) => {
        secure.once('secure', resolve);
        secure.once('error', reject);
        raw.resume();
      });
      return secure;
    } catch {
      secure.destroy();
      reply(425, 'The secure data connection failed.');
      return null;
    }
  };

  const commands: Record<string, (arg: string) => void | Promise<void>> = {
    USER(arg) {
      if (account) return reply(503, 'Already logged in.');
      user = arg;
      reply(331, `Password required for ${arg.slice(0, 64)}.`);
    },
    async PASS(arg) {
      if (account) return reply(503, 'Already logged in.');
      if (user === null) return reply(503, 'Send USER first.');
      const result = await deps.login(user, arg, peer);
      if (result.ok) {
        account = result.account;
        onLogin(account);
        return reply(230, `Logged in. Photos go to the event "${account.eventName}".`);
      }
      if (result.blocked) {
        reply(421, 'Too many failed logins from this address; try again later.');
        return end();
      }
      failedLogins++;
      // a wrong password costs the sender a second
      await new Promise((r) => setTimeout(r, 1000));
      reply(530, 'Login incorrect. Check the user name and password shown on the FindMe dashboard.');
      if (failedLogins >= MAX_FAILED_LOGINS) end();
    },
    AUTH(arg) {
      const context = deps.tls?.();
      if (!context || !/^(TLS|TLS-C|SSL)$/i.test(arg)) return reply(504, 'FTPS is not turned on for this receiver.');
      if (control instanceof TLSSocket) return reply(503, 'Already secured.');
      reply(234, 'AUTH TLS OK.');
      control.removeListener('data', onData);
      const secure = new TLSSocket(control, { isServer: true, secureContext: context });
      secure.on('data', onData);
      secure.on('error', end);
      control = secure;
    },
    PBSZ: () => reply(200, 'PBSZ=0'),
    PROT(arg) {
      if (!(control instanceof TLSSocket)) return reply(503, 'Secure the control connection first (AUTH TLS).');
      if (/^P$/i.test(arg)) protectData = true;
      else if (/^C$/i.test(arg)) protectData = false;
      else return reply(504, 'Only PROT P and PROT C are supported.');
      reply(200, `Protection level set to ${protectData ? 'Private' : 'Clear'}.`);
    },
    SYST: () => reply(215, 'UNIX Type: L8'),
    FEAT: () => reply(211, 'Features:', 'EPSV', 'PASV', 'SIZE', 'UTF8', ...(deps.tls?.() ? ['AUTH TLS', 'PBSZ', 'PROT'] : []), 'End'),
    OPTS: (arg) => (/^UTF8( ON)?$/i.test(arg) ? reply(200, 'UTF8 set to on.') : reply(501, 'Option not understood.')),
    NOOP: () => reply(200, 'OK.'),
    HELP: () => reply(214, 'FindMe receives photos: log in, then PASV or EPSV, then STOR.'),
    STAT: () => reply(211, `FindMe photo receiver; ${account ? `logged in for "${account.eventName}"` : 'not logged in'}.`),
    QUIT() {
      reply(221, 'Goodbye.');
      end();
    },
    PWD: () => reply(257, `"${cwd.replaceAll('"', '""')}" is the current directory.`),
    CWD(arg) {
      cwd = here(arg);
      reply(250, `Directory is now "${cwd}".`);
    },
    CDUP() {
      cwd = posix.dirname(cwd);
      reply(250, `Directory is now "${cwd}".`);
    },
    MKD: (arg) => reply(257, `"${here(arg).replaceAll('"', '""')}" created.`),
    TYPE: (arg) => (/^(A|I|L 8)( N)?$/i.test(arg) ? reply(200, `Type set to ${arg.toUpperCase()}.`) : reply(504, 'Type not supported.')),
    MODE: (arg) => (/^S$/i.test(arg) ? reply(200, 'Mode S.') : reply(504, 'Only stream mode is supported.')),
    STRU: (arg) => (/^F$/i.test(arg) ? reply(200, 'Structure F.') : reply(504, 'Only file structure is supported.')),
    ALLO: () => reply(202, 'No storage allocation needed.'),
    REST: (arg) => (arg.trim() === '0' ? reply(350, 'Restarting at 0.') : reply(502, 'Resuming is not supported; send the whole file again.')),
    async PASV() {
      if (control.remoteFamily === 'IPv6' && !control.remoteAddress?.startsWith('::ffff:')) return reply(425, 'Use EPSV over IPv6.');
      const port = await openPassive();
      if (port === null) return;
      const ip = normalise(control.localAddress).split('.').join(',');
      reply(227, `Entering Passive Mode (${ip},${port >> 8},${port & 255}).`);
    },
    async EPSV(arg) {
      if (/^ALL$/i.test(arg)) return reply(200, 'EPSV ALL accepted.');
      const port = await openPassive();
      if (port !== null) reply(229, `Entering Extended Passive Mode (|||${port}|).`);
    },
    PORT: () => reply(502, 'Active mode is not supported; set the camera to passive mode (PASV).'),
    EPRT: () => reply(502, 'Active mode is not supported; set the camera to passive mode (PASV).'),
    async STOR(arg) {
      const path = here(arg);
      const name = posix.basename(path);
      if (!arg || path === '/') return reply(501, 'Give the file a name.');
      const early = deps.refuse(name);
      if (early) {
        passive?.close();
        passive = null;
        return reply(early.code, early.text);
      }
      const data = await dataConnection(`Ready to receive ${name}.`);
      if (!data) return;
      const controller = new AbortController();
      transfer = controller;
      try {
        const answer = await deps.store(account!, name, data, controller.signal);
        if (answer.bytes !== undefined) sizes.set(path, answer.bytes);
        reply(answer.code, answer.text);
        if (controller.signal.aborted) reply(226, 'Abort successful.');
      } finally {
        transfer = null;
        data.destroy();
      }
    },
    SIZE(arg) {
      const size = sizes.get(here(arg));
      if (size === undefined) reply(550, 'No such file.');
      else reply(213, String(size));
    },
    async LIST() {
      // Directories are virtual: a camera checking for a name before sending finds it free.
      const data = await dataConnection('Here comes the listing.');
      if (!data) return;
      data.end();
      reply(226, 'Listing done.');
    },
    APPE: () => reply(502, 'Appending is not supported; send the whole file.'),
  };
  const ALIASES: Record<string, string> = { XPWD: 'PWD', XCWD: 'CWD', XCUP: 'CDUP', XMKD: 'MKD', NLST: 'LIST', MLSD: 'LIST' };
  const BEFORE_LOGIN = new Set(['USER', 'PASS', 'AUTH', 'PBSZ', 'PROT', 'SYST', 'FEAT', 'OPTS', 'NOOP', 'HELP', 'STAT', 'QUIT']);
  const RECEIVE_ONLY = new Set(['RETR', 'DELE', 'RMD', 'XRMD', 'RNFR', 'RNTO', 'SITE', 'MDTM', 'STOU', 'MFMT']);

  async function run(line: string) {
    const space = line.indexOf(' ');
    const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const arg = space < 0 ? '' : line.slice(space + 1);
    const name = ALIASES[verb] ?? verb;
    if (!account && !BEFORE_LOGIN.has(name)) return reply(530, 'Log in with USER and PASS first.');
    if (RECEIVE_ONLY.has(name)) return reply(550, 'FindMe only receives photos.');
    const handler = commands[name];
    if (!handler) return reply(502, `${verb.slice(0, 16)} is not implemented.`);
    await handler(arg);
  }

  function onData(chunk: Buffer) {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      // ABOR (often preceded by Telnet IP/Synch bytes) is answered at once, even mid-transfer
      if (/ABOR$/i.test(line)) {
        if (transfer) transfer.abort();
        else reply(225, 'No transfer to abort.');
        continue;
      }
      queue = queue.then(() => run(line)).catch(() => reply(451, 'Something went wrong on the laptop; send the file again.'));
    }
    if (buffer.length > MAX_LINE) {
      reply(500, 'Line too long.');
      end();
    }
  }

  return new Promise((resolve) => {
    socket.setTimeout(deps.idleMs, () => {
      if (transfer) return; // a long upload keeps the control connection quiet
      reply(421, 'Idle too long; closing.');
      end();
    });
    socket.on('data', onData);
    socket.on('error', end);
    socket.once('close', () => {
      end();
      resolve();
    });
    reply(220, 'FindMe photo receiver ready.');
    socket.resume();
  });
}
