// Hot folders: one watched folder per event (chokidar). A file is taken once it has stopped
// growing; what is already there is taken at start and after a restart (duplicates are
// skipped by hash); non-images and temporary files are ignored, and so is anything that is not
// a regular file under the folder (see openFolderFile). Symlinks are not followed, and each
// folder has its own limiter: one folder's stuck files cannot hold up another's.
import { watch, type FSWatcher } from 'chokidar';
import pLimit from 'p-limit';
import type { FolderImport } from './folder-import.js';
import { isImageCandidate } from './folders.js';

export interface HotFolderDeps {
  /** Takes one file of the folder (only a regular file really in it, outside the data folder). */
  ingestFile: FolderImport['ingestFile'];
  onError: (err: unknown, context: { eventId: string; path?: string }) => void;
  /** How long a file must stay the same size before it is taken. */
  stabilityMs?: number;
}

export function createHotFolders(deps: HotFolderDeps) {
  const watchers = new Map<string, { folder: string; watcher: FSWatcher; pending: Set<Promise<unknown>> }>();

  return {
    async watch(eventId: string, folder: string) {
      await this.unwatch(eventId);
      const pending = new Set<Promise<unknown>>();
      const limit = pLimit(2); // two files at a time per folder is enough to feed the pool
      const stability = deps.stabilityMs ?? 1500;
      const watcher = watch(folder, {
        ignoreInitial: false,
        depth: 8,
        followSymlinks: false,
        awaitWriteFinish: { stabilityThreshold: stability, pollInterval: Math.min(250, stability / 2) },
        ignored: (path, stats) => Boolean(stats?.isFile() && !isImageCandidate(path)),
      });
      watcher.on('add', (path) => {
        if (!isImageCandidate(path)) return;
        const task = limit(() => deps.ingestFile(eventId, folder, path, 'hot_folder')).catch((err: unknown) => deps.onError(err, { eventId, path }));
        pending.add(task);
        void task.finally(() => pending.delete(task));
      });
      watcher.on('error', (err) => deps.onError(err, { eventId }));
      watchers.set(eventId, { folder, watcher, pending });
      await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    },
    async unwatch(eventId: string) {
      const w = watchers.get(eventId);
      if (!w) return;
      watchers.delete(eventId);
      await w.watcher.close();
    },
    /** Resolves when every file seen so far has been ingested (tests and shutdown). */
    async settled() {
      await Promise.all([...watchers.values()].flatMap((w) => [...w.pending]));
    },
    async closeAll() {
      const all = [...watchers.keys()];
      await Promise.all(all.map((id) => this.unwatch(id)));
    },
  };
}
export type HotFolders = ReturnType<typeof createHotFolders>;
