// Runs in the sandboxed dashboard window before its page: exposes window.findme and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { FindMeDesktopApi } from './findme-api.js';

// Kept in step with IPC in findme-api.ts (a sandboxed preload cannot import local modules).
const api: FindMeDesktopApi = {
  admin: () => ipcRenderer.invoke('findme:admin'),
  pickFolder: () => ipcRenderer.invoke('findme:pick-folder'),
  revealFile: (path: string) => ipcRenderer.invoke('findme:reveal-file', path),
  appVersion: () => ipcRenderer.invoke('findme:app-version'),
};

contextBridge.exposeInMainWorld('findme', api);
