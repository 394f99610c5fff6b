// The FTP receiver's limits, spoken to over raw sockets: sockets per address, failed logins per
// address, a passive port nobody connects to is given back, a data connection from another
// address is refused, and an overlong command line ends the session.
import { connect, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createFtpReceiver, type FtpReceiver } from '../../../server/ingest/ftp/ftp-receiver.js';

const ACCOUNT = { eventId: 'ev1', eventName: 'Gala', username: 'findme-gala' };
let receiver: FtpReceiver;
afterEach(() => receiver?.stop());

function start(limits: Parameters<typeof createFtpReceiver>[0]['limits']) {
  receiver = createFtpReceiver({
    authenticate: (user, password) => (user === 'findme-gala' && password === 'secret' ? ACCOUNT : null),
    take: async () => ({ code: 226, text: 'Received.', kind: 'photo' }),
    passiveRange: () => ({ min: 41300, max: 41301 }),
    limits,
  });
  return receiver.start('127.0.0.1', 0);
}

/** A control connection that reads whole replies (multi-line ones included). */
function control(port: number, localAddress = '127.0.0.1') {
  const socket: Socket = connect({ port, host: '127.0.0.1', localAddress });
  let text = '';
  const waiters: (() => void)[] = [];
  let closed = false;
  socket.on('data', (c) => {
    text += c.toString();
    waiters.splice(0).forEach((w) => w());
  });
  socket.on('close', () => {
    closed = true;
    waiters.splice(0).forEach((w) => w());
  });
  socket.on('error', () => {});
  const next = async (): Promise<string> => {
    for (;;) {
      const m = /^(\d{3}) [^\r\n]*\r\n/m.exec(text);
      if (m) {
        const end = m.index + m[0].length;
        const reply = text.slice(0, end).trim();
        text = text.slice(end);
        return reply;
      }
      if (closed) return 'closed';
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return {
    socket,
    next,
    async send(line: string) {
      socket.write(`${line}\r\n`);
      return next();
    },
    closed: () => new Promise<void>((r) => (closed ? r() : socket.once('close', () => r()))),
  };
}

it('refuses a third socket from one address', async () => {
  const port = await start({ connectionsPerAddress: 2 });
  const a = control(port);
  const b = control(port);
  expect([await a.next(), await b.next()]).toEqual(['220 FindMe photo receiver ready.', '220 FindMe photo receiver ready.']);
  const c = control(port);
  expect(await c.next()).toMatch(/^421 Too many connections/);
  // another address is another camera
  const d = control(port, '127.0.0.2');
  expect(await d.next()).toMatch(/^220/);
  a.socket.destroy();
  await a.closed();
  await expect.poll(async () => control(port).next()).toMatch(/^220/);
});

it('blocks an address after too many failed logins, even with the right password', async () => {
  const port = await start({ failedLogins: 2 });
  for (let i = 0; i < 2; i++) {
    const c = control(port);
    await c.next();
    await c.send('USER findme-gala');
    expect(await c.send('PASS wrong')).toMatch(/^530 Login incorrect/);
    c.socket.destroy();
  }
  const c = control(port);
  await c.next();
  await c.send('USER findme-gala');
  expect(await c.send('PASS secret')).toMatch(/^421 Too many failed logins/);
  await c.closed();
  // another address still logs in
  const other = control(port, '127.0.0.3');
  await other.next();
  await other.send('USER findme-gala');
  expect(await other.send('PASS secret')).toMatch(/^230 .*Gala/);
});

it('gives a passive port back when nobody connects, and refuses a data connection from another address', async () => {
  const port = await start({ dataWaitMs: 300 });
  const c = control(port);
  await c.next();
  await c.send('USER findme-gala');
  await c.send('PASS secret');
  const first = await c.send('EPSV');
  const dataPort = Number(/\(\|\|\|(\d+)\|\)/.exec(first)![1]);
  expect(receiver.passivePortsInUse()).toBe(1);
  await expect.poll(() => receiver.passivePortsInUse(), { timeout: 3000 }).toBe(0);

  // a stranger on the LAN races the camera to its data port
  const pasv = await c.send('PASV');
  const [, , , , p1 = 0, p2 = 0] = /\((.*)\)/.exec(pasv)![1]!.split(',').map(Number);
  const thief = connect({ port: p1 * 256 + p2, host: '127.0.0.1', localAddress: '127.0.0.9' });
  const stolen = await new Promise<string>((resolve) => {
    thief.on('close', () => resolve('closed'));
    thief.on('error', () => resolve('closed'));
  });
  expect(stolen).toBe('closed');
  expect(dataPort).toBeGreaterThanOrEqual(41300);
  const stor = await c.send('STOR x.jpg');
  expect(stor).toMatch(/^425/); // the real camera's listener was closed after the wait
});

it('ends a session whose command line never ends', async () => {
  const port = await start({});
  const c = control(port);
  await c.next();
  c.socket.write('USER '.padEnd(5000, 'x'));
  expect(await c.next()).toBe('500 Line too long.');
  await c.closed();
});
