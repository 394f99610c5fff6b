// The admin listener from another address: a network namespace joined to this host by a veth
// pair (made by the test itself; the machine's own LAN addresses are never used). From there
// the attendee listener answers, the admin listener cannot be reached at all, and no admin
// route exists on the attendee listener. Skipped, saying why, where namespaces cannot be made.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../../helpers/test-server.js';

const id = String(process.pid % 10000);
const NS = `findme-t${id}`;
const HOST_IF = `fmh${id}`;
const NS_IF = `fmn${id}`;
const SUBNET = `10.231.${Number(id) % 250}`;
const HOST_IP = `${SUBNET}.1`;

function sh(...args: string[]) {
  return execFileSync(args[0]!, args.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 }).toString();
}

function makeNamespace(): string | null {
  try {
    sh('ip', 'netns', 'add', NS);
  } catch (err) {
    return `cannot create a network namespace here (${(err as Error).message.split('\n')[0]})`;
  }
  sh('ip', 'link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', NS_IF);
  sh('ip', 'link', 'set', NS_IF, 'netns', NS);
  sh('ip', 'addr', 'add', `${HOST_IP}/24`, 'dev', HOST_IF);
  sh('ip', 'link', 'set', HOST_IF, 'up');
  sh('ip', 'netns', 'exec', NS, 'ip', 'addr', 'add', `${SUBNET}.2/24`, 'dev', NS_IF);
  sh('ip', 'netns', 'exec', NS, 'ip', 'link', 'set', NS_IF, 'up');
  sh('ip', 'netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up');
  return null;
}

function cleanup() {
  try {
    sh('ip', 'link', 'del', HOST_IF);
  } catch {
    /* already gone */
  }
  try {
    sh('ip', 'netns', 'del', NS);
  } catch {
    /* already gone */
  }
}

/**
 * An HTTP GET made from inside the namespace: "<status>" or "ERR <code>". Asynchronous: the
 * server under test runs in this process and must keep its event loop.
 */
async function getFromNamespace(url: string, headers: Record<string, string> = {}): Promise<string> {
  const script = `fetch(${JSON.stringify(url)}, { headers: ${JSON.stringify(headers)}, signal: AbortSignal.timeout(4000) })
    .then((r) => console.log(r.status)).catch((e) => console.log('ERR ' + (e.cause?.code ?? e.name)))`;
  const { stdout } = await promisify(execFile)('ip', ['netns', 'exec', NS, process.execPath, '-e', script], { timeout: 10_000 });
  return stdout.trim();
}

const skipReason = makeNamespace();
let s: TestServer;

describe.skipIf(skipReason !== null)(`from another host (${skipReason ?? 'network namespace'})`, () => {
  beforeAll(async () => {
    s = await startTestServer({ env: { FINDME_HOST: '0.0.0.0' } });
  });
  afterAll(async () => {
    await s?.close();
    cleanup();
  });

  it('reaches the attendee listener, never the admin listener or admin routes', async () => {
    const attendeePort = new URL(s.attendeeUrl).port;
    const adminPort = new URL(s.adminUrl).port;
    expect(await getFromNamespace(`http://${HOST_IP}:${attendeePort}/api/health-check`)).toBe('200');
    expect(await getFromNamespace(`http://${HOST_IP}:${adminPort}/api/admin/events`, { authorization: `Bearer ${ADMIN_TOKEN}` })).toMatch(
      /^ERR (ECONNREFUSED|UND_ERR_CONNECT_TIMEOUT|TimeoutError)/,
    );
    for (const path of ['/api/admin/events', '/api/admin/settings', '/api/admin/stream', '/api/docs']) {
      expect(await getFromNamespace(`http://${HOST_IP}:${attendeePort}${path}`, { authorization: `Bearer ${ADMIN_TOKEN}` }), path).toBe('404');
    }
  });
});

if (skipReason !== null) {
  it.skip(`network namespace test skipped: ${skipReason}`, () => undefined);
  cleanup();
}
