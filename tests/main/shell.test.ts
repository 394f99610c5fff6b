// The Electron shell's logic, run under plain Node: window options, navigation lock, window
// state, IPC validation and the quit sequence.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIpcHandlers, isTrustedSender, IpcPayloadError } from '../../main/ipc-handlers.js';
import { createQuitSequence } from '../../main/quit-sequence.js';
import { trayTooltip } from '../../main/tray-status.js';
import { DASHBOARD_CSP, dashboardWindowOptions, isAllowedNavigation } from '../../main/window-options.js';
import { DEFAULT_BOUNDS, loadBounds, parseBounds, saveBounds } from '../../main/window-state.js';
import { IPC } from '../../preload/findme-api.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('window', () => {
  it('runs the dashboard isolated, sandboxed and without Node', () => {
    const o = dashboardWindowOptions('/app/preload.cjs', { width: 1000, height: 700, x: 5, y: 6 });
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/app/preload.cjs' });
    expect(o).toMatchObject({ width: 1000, height: 700, x: 5, y: 6, show: false });
    expect(DASHBOARD_CSP).toMatch(/default-src 'self'/);
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-eval/);
  });

  it('keeps navigation on the admin origin', () => {
    const admin = 'http://127.0.0.1:8081/';
    expect(isAllowedNavigation('http://127.0.0.1:8081/#token=x', admin)).toBe(true);
    for (const url of ['http://127.0.0.1:8080/', 'https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedNavigation(url, admin), url).toBe(false);
    }
  });

  it('remembers bounds and ignores corrupt or absurd state files', () => {
    const file = join(dir, 'window-state.json');
    expect(loadBounds(file)).toEqual(DEFAULT_BOUNDS);
    saveBounds(file, { width: 1111, height: 777, x: 10, y: 20 });
    expect(loadBounds(file)).toEqual({ width: 1111, height: 777, x: 10, y: 20 });
    writeFileSync(file, '{not json');
    expect(loadBounds(file)).toEqual(DEFAULT_BOUNDS);
    expect(parseBounds({ width: 1e9, height: 500 })).toEqual(DEFAULT_BOUNDS);
    expect(parseBounds({ width: 800, height: 600, x: 'left' })).toEqual({ width: 800, height: 600 });
  });
});

describe('IPC', () => {
  const handlers = createIpcHandlers({ showOpenFolderDialog: async () => '/picked' });

  it('answers each channel of the preload API, and the preload calls those channels', async () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.values(IPC).sort());
    expect(await handlers[IPC.pickFolder](undefined)).toBe('/picked');
    const preload = readFileSync(join(import.meta.dirname, '..', '..', 'preload', 'preload.cts'), 'utf8');
    const invoked = [...preload.matchAll(/ipcRenderer\.invoke\('([^']+)'/g)].map((m) => m[1]).sort();
    expect(invoked).toEqual(Object.values(IPC).sort());
  });

  it('refuses bad payloads and untrusted senders', () => {
    for (const bad of [42, '', '/a\0b', { path: '/x' }]) {
      expect(() => handlers[IPC.pickFolder](bad), String(bad).slice(0, 20)).toThrow(IpcPayloadError);
    }
    expect(isTrustedSender('http://127.0.0.1:8081/index.html', 'http://127.0.0.1:8081/')).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:8080/', 'http://127.0.0.1:8081/')).toBe(false);
    expect(isTrustedSender(undefined, 'http://127.0.0.1:8081/')).toBe(false);
  });
});

describe('quit', () => {
  it('holds the first quit until the core has closed, then quits once', async () => {
    let closedWith: number | undefined;
    let release!: () => void;
    const closing = new Promise<void>((r) => (release = r));
    let quits = 0;
    const seq = createQuitSequence({
      getCore: () => ({
        close: (t) => {
          closedWith = t;
          return closing;
        },
      }),
      quit: () => quits++,
      jobTimeoutMs: 1234,
    });
    expect(seq.beforeQuit()).toBe(true); // held
    expect(seq.beforeQuit()).toBe(true); // still closing
    expect(closedWith).toBe(1234);
    expect(quits).toBe(0);
    release();
    await expect.poll(() => quits).toBe(1);
    expect(seq.beforeQuit()).toBe(false); // now the real quit goes through
  });

  it('quits at once when the core never started, and still quits when closing fails', async () => {
    expect(createQuitSequence({ getCore: () => undefined, quit: () => undefined }).beforeQuit()).toBe(false);
    let quits = 0;
    const errors: unknown[] = [];
    const seq = createQuitSequence({
      getCore: () => ({ close: () => Promise.reject(new Error('disk gone')) }),
      quit: () => quits++,
      onError: (e) => errors.push(e),
    });
    expect(seq.beforeQuit()).toBe(true);
    await expect.poll(() => quits).toBe(1);
    expect(errors).toHaveLength(1);
  });
});

it('summarises the queue in the tray tooltip', () => {
  const stats = {
    queue: {
      queued: 3,
      running: 2,
      done: 40,
      failed: 1,
      totalEnqueued: 46,
      totalProcessed: 41,
      workersActive: 2,
      workers: 2,
      photosPerMinute: 60,
      etaSeconds: 300,
    },
    cache: {},
  };
  expect(trayTooltip(stats)).toBe('FindMe — 40 photos done\n5 in progress, about 5 min left\n1 failed: see the dashboard');
});
