// Hot folders: one watched folder per event (chokidar). A file is taken once it has stopped
// growing; what is already there is taken at start and after a restart (duplicates are
// skipped by hash); non-images and temporary files are ignored.
import { watch, type FSWatcher } from 'chokidar';
import pLimit from 'p-limit';
import { isImageCandidate } from './folders.js';
import type { IngestOutcome } from './ingest-service.js';

export interface HotFolderDeps {
  ingest: (eventId: string, path: string) => Promise<IngestOutcome>;
  onError: (err: unknown, context: { eventId: string; path?: string }) => void;
  /** How long a file must stay the same size before it is taken. */
  stabilityMs?: number;
}

export function createHotFolders(deps: HotFolderDeps) {
  const watchers = new Map<string, { folder: string; watcher: FSWatcher; pending: Set<Promise<unknown>> }>();
  const limit = pLimit(2); // reading and hashing two files at a time is enough to feed the pool

  return {
    async watch(eventId: string, folder: string) {
      await this.unwatch(eventId);
      const pending = new Set<Promise<unknown>>();
      const stability = deps.stabilityMs ?? 1500;
      const watcher = watch(folder, {
        ignoreInitial: false,
        depth: 8,
        awaitWriteFinish: { stabilityThreshold: stability, pollInterval: Math.min(250, stability / 2) },
        ignored: (path, stats) => Boolean(stats?.isFile() && !isImageCandidate(path)),
      });
      watcher.on('add', (path) => {
        if (!isImageCandidate(path)) return;
        const task = limit(() => deps.ingest(eventId, path)).catch((err: unknown) => deps.onError(err, { eventId, path }));
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
    folderOf: (eventId: string) => watchers.get(eventId)?.folder ?? null,
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
