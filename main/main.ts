// Electron main process: starts the server core in-process and opens the dashboard on the
// admin listener. Thin: the logic lives in server/ and in the plain modules beside this file.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, safeStorage, session, shell, Tray } from 'electron';
import { join } from 'node:path';
import { readConfig } from '../server/config.js';
import { createFindMe, type FindMe } from '../server/core.js';
import { createFileSecretStore } from '../server/security/secret-store.js';
import { createLogger } from '../server/logger.js';
import { ensureWritableDataDir } from '../server/storage/data-dir.js';
import { packageRoot } from '../server/util/app-paths.js';
import { createIpcHandlers, isTrustedSender } from './ipc-handlers.js';
import { createQuitSequence } from './quit-sequence.js';
import { trayTooltip } from './tray-status.js';
import { DASHBOARD_CSP, dashboardWindowOptions, isAllowedNavigation } from './window-options.js';
import { loadBounds, saveBounds } from './window-state.js';

let findme: FindMe | undefined;
let win: BrowserWindow | undefined;
let tray: Tray | undefined;

const quitSequence = createQuitSequence({ getCore: () => findme, quit: () => app.quit() });

async function start() {
  const config = readConfig(process.env, app.getPath('userData'));
  ensureWritableDataDir(config.dataDir);
  const logger = createLogger({ dataDir: config.dataDir, level: config.logLevel });
  const root = packageRoot();
  // A Rekognition secret typed in the dashboard is kept encrypted by the OS keychain.
  const encrypted = safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  if (!encrypted) logger.warn('no OS keychain: a Rekognition secret typed in the dashboard would be stored unencrypted; prefer an AWS profile');
  const secretStore = createFileSecretStore(
    join(config.dataDir, 'secrets.json'),
    encrypted ? { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (stored) => safeStorage.decryptString(stored) } : undefined,
    (err, name) => logger.warn({ err, name }, 'a stored secret could not be decrypted'),
  );
  findme = await createFindMe({ config, logger, rendererDir: join(root, 'dist', 'renderer'), version: app.getVersion(), secretStore });
  const urls = await findme.listen();
  const core = findme;

  const handlers = createIpcHandlers({
    showOpenFolderDialog: async () => {
      const r = await dialog.showOpenDialog({ properties: ['openDirectory'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  });
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, urls.adminUrl)) throw new Error('IPC refused: untrusted sender');
      return handler(payload);
    });
  }

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DASHBOARD_CSP] } });
  });

  const boundsFile = join(app.getPath('userData'), 'window-state.json');
  win = new BrowserWindow(dashboardWindowOptions(join(root, 'dist', 'preload', 'preload.cjs'), loadBounds(boundsFile), join(root, 'resources', 'icon.png')));
  win.once('ready-to-show', () => win?.show());
  win.on('close', () => win && saveBounds(boundsFile, win.getBounds()));
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (!isAllowedNavigation(url, urls.adminUrl)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, urls.adminUrl)) event.preventDefault();
  });
  await win.loadURL(urls.dashboardUrl);

  tray = new Tray(nativeImage.createFromPath(join(root, 'resources', 'tray.png')));
  tray.setContextMenu(
    Menu.buildFromTemplate([{ label: 'Open dashboard', click: () => win?.show() }, { type: 'separator' }, { label: 'Quit FindMe', click: () => app.quit() }]),
  );
  const refreshTray = () => tray?.setToolTip(trayTooltip(core.queue.stats()));
  refreshTray();
  setInterval(refreshTray, 2000).unref();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.show();
    win?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitSequence.beforeQuit()) event.preventDefault();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('FindMe could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
