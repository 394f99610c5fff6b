// Electron main process: starts the server core in-process and opens the dashboard. Thin:
// every piece of logic lives in server/.
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { readConfig } from '../server/config.js';
import { createFindMe, type FindMe } from '../server/core.js';
import { createLogger } from '../server/logger.js';
import { packageRoot } from '../server/util/app-paths.js';
import { IPC } from '../preload/findme-api.js';

let findme: FindMe | undefined;
let adminUrl = '';

if (!app.requestSingleInstanceLock()) app.quit();

async function start() {
  const config = readConfig(process.env, app.getPath('userData'));
  const logger = createLogger({ dataDir: config.dataDir, level: config.logLevel });
  const root = packageRoot();
  findme = await createFindMe({ config, logger, rendererDir: join(root, 'dist', 'renderer'), version: app.getVersion() });
  const urls = await findme.listen();
  adminUrl = urls.adminUrl;

  ipcMain.handle(IPC.admin, () => ({ url: adminUrl, token: config.adminToken }));
  ipcMain.handle(IPC.appVersion, () => app.getVersion());
  ipcMain.handle(IPC.pickFolder, async () => {
    const result = await dialog.showOpenDialog({ properties: ['openDirectory'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
  ipcMain.handle(IPC.revealFile, (_e, path: unknown) => {
    if (typeof path === 'string' && path.length < 4096) shell.showItemInFolder(path);
  });

  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    webPreferences: {
      preload: join(root, 'dist', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(adminUrl)) event.preventDefault();
  });
  await win.loadURL(urls.dashboardUrl);
}

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => app.quit());
app.on('before-quit', (event) => {
  if (!findme) return;
  event.preventDefault();
  const closing = findme;
  findme = undefined;
  void closing.close().finally(() => app.quit());
});

app.whenReady().then(start).catch((err: unknown) => {
  dialog.showErrorBox('FindMe could not start', err instanceof Error ? err.message : String(err));
  app.quit();
});
