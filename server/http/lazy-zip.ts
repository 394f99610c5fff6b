// A streamed ZIP that opens its files one at a time, as the archive reaches them: a gallery of
// 1,000 photos holds one file open, not 1,000. A file that cannot be opened (gone, unreadable)
// is skipped; stop() closes the open file and ends the archive when the client goes away.
import { ZipArchive } from 'archiver';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface ZipEntry {
  path: string;
  name: string;
}

export interface LazyZipEvents {
  onSkip(entry: ZipEntry, err: unknown): void;
  onError(err: Error): void;
}

export function createLazyZip(entries: ZipEntry[], events: LazyZipEvents): { stream: Readable; stop(): void } {
  const archive = new ZipArchive({ store: true }); // JPEGs do not compress further
  let stopped = false;
  let current: Readable | null = null;
  let wake: (() => void) | null = null;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    current?.destroy();
    current = null;
    wake?.();
    archive.abort();
  };
  archive.on('warning', (err: Error) => events.onSkip({ path: '', name: '(archive)' }, err));
  archive.on('error', (err: Error) => {
    events.onError(err);
    stop();
  });

  async function run() {
    for (const entry of entries) {
      if (stopped) return;
      let handle;
      try {
        handle = await open(entry.path, 'r');
      } catch (err) {
        events.onSkip(entry, err);
        continue;
      }
      if (stopped) {
        await handle.close();
        return;
      }
      const source = handle.createReadStream(); // closes the handle when read or destroyed
      current = source;
      // The next file is opened once the archive has taken this one whole (or everything stops).
      await new Promise<void>((resolve) => {
        wake = resolve;
        archive.once('entry', () => resolve());
        source.once('error', () => resolve());
        archive.append(source, { name: entry.name });
      });
      wake = null;
      current = null;
    }
    if (!stopped) await archive.finalize();
  }
  run().catch((err: unknown) => {
    events.onError(err instanceof Error ? err : new Error(String(err)));
    stop();
  });
  return { stream: archive, stop };
}
