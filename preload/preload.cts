// Runs in the sandboxed dashboard window before its page: exposes window.findme and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { FindMeDesktopApi } from './findme-api.js';

// Kept in step with IPC in findme-api.ts (a sandboxed preload cannot import local modules);
// the tests compare the two.
const api: FindMeDesktopApi = {
  pickFolder: () => ipcRenderer.invoke('findme:pick-folder'),
};

contextBridge.exposeInMainWorld('findme', api);
