// At start, removes what a crash left half-written: temporary *.partial files and files in
// incoming/ that never became a photo. Finished files are only ever reached by rename.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

export async function sweepPartialFiles(dataDir: string): Promise<number> {
  const eventsDir = join(dataDir, 'events');
  let removed = 0;
  let events: string[];
  try {
    events = await readdir(eventsDir);
  } catch {
    return 0; // no event has files yet
  }
  for (const event of events) {
    const entries = await readdir(join(eventsDir, event), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isFile()) continue;
      const parent = e.parentPath;
      if (e.name.endsWith('.partial') || parent.endsWith(`${event}/incoming`) || parent.endsWith(`${event}\\incoming`)) {
        await rm(join(parent, e.name), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
