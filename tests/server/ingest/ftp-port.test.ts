// The FTP receiver's port taken by another program (after a restart, say): FindMe starts anyway,
// and the dashboard is told why the receiver does not listen, with a code it words itself.
import { createServer, type Server } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import type { FtpAccess } from '../../../server/contract/ftp.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let blocker: Server | undefined;
let s: TestServer | undefined;
afterAll(async () => {
  await s?.close();
  await new Promise((r) => blocker?.close(r) ?? r(null));
});

it('starts with its FTP port taken, says so with port_in_use, and a switch turned on then is refused', async () => {
  const first = await startTestServer();
  const event = await first.createEvent('Port taken', 'PORT01');
  expect((await first.admin<FtpAccess>('PUT', `/api/admin/events/${event.id}/ftp`, { enabled: true })).body.listening).toBe(true);
  const dataDir = first.dataDir;
  await first.close(true);

  blocker = createServer();
  const port = await new Promise<number>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)));
  s = await startTestServer({ dataDir, ftpPort: port }); // starts: a taken FTP port is not fatal
  const access = (await s.admin<FtpAccess>('GET', `/api/admin/events/${event.id}/ftp`)).body;
  expect(access).toMatchObject({ enabled: true, listening: false, problemCode: 'port_in_use' });
  expect(access.problem).toContain(`Port ${access.port}`);

  const other = await s.createEvent('Another', 'PORT02');
  const refused = await s.admin('PUT', `/api/admin/events/${other.id}/ftp`, { enabled: true });
  expect([refused.status, refused.body.error.code]).toEqual([409, 'ftp_unavailable']);
  expect((await s.admin<FtpAccess>('GET', `/api/admin/events/${other.id}/ftp`)).body).toMatchObject({ enabled: false, problemCode: null });
});
