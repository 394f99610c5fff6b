// Describes every crop and every group photo with one engine, in worker threads, keeping the
// results on disk (eval/.cache/<engine>/) so that a second run, or a change to the decision
// rule only, does not run the model again.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { workerFile } from '../../server/util/worker-file.js';
import type { CropResult, CropTask, FaceOut, FrameResult, FrameTask } from './describe.worker.js';
import type { EngineId } from './engines.js';

type Stored<T> = Record<string, T>;
interface StoredFace {
  box: FaceOut['box'];
  score: number;
  d: string;
}

const pack = (f: FaceOut): StoredFace => ({
  box: f.box,
  score: f.score,
  d: Buffer.from(f.descriptor.buffer, f.descriptor.byteOffset, f.descriptor.byteLength).toString('base64'),
});
const unpack = (f: StoredFace): FaceOut => {
  const b = Buffer.from(f.d, 'base64');
  return { box: f.box, score: f.score, descriptor: new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4).slice() };
};

function load<T>(path: string): Stored<T> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Stored<T>) : {};
}
function save(path: string, data: unknown) {
  writeFileSync(`${path}.partial`, JSON.stringify(data));
  renameSync(`${path}.partial`, path);
}

export interface Extracted {
  crops: Map<string, CropResult>;
  frames: Map<string, FrameResult>;
}

/**
 * `selfieCache` and `photoCache` name what the engine does to selfies and to photos: engines
 * that share a path share its cached results.
 */
export async function extract(
  engine: EngineId,
  cache: { dir: string; selfies: string; photos: string },
  crops: { key: string; path: string }[],
  frames: { key: string; path: () => Promise<string> }[],
  threads: number,
  log: (s: string) => void,
): Promise<Extracted> {
  mkdirSync(cache.dir, { recursive: true });
  const cropFile = join(cache.dir, `selfies-${cache.selfies}.json`);
  const frameFile = join(cache.dir, `photos-${cache.photos}.json`);
  const storedCrops = load<Omit<CropResult, 'face'> & { face: StoredFace | null }>(cropFile);
  const storedFrames = load<{ faces: StoredFace[]; ms: number }>(frameFile);
  const todoCrops = crops.filter((c) => !storedCrops[c.key]);
  const todoFrames = frames.filter((f) => !storedFrames[f.key]);
  if (todoCrops.length || todoFrames.length) {
    log(`  ${engine}: describing ${todoCrops.length} crops and ${todoFrames.length} group photos on ${threads} threads`);
    const { filename, execArgv } = workerFile(import.meta.url, 'describe.worker');
    const pool = new Piscina({ filename, execArgv, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: 1 });
    try {
      let done = 0;
      const progress = (total: number, what: string) => {
        if (++done % 100 === 0 || done === total) log(`    ${what} ${done}/${total}`);
      };
      await Promise.all(
        todoCrops.map(async (c) => {
          const r = (await pool.run({ kind: 'crop', engine, path: c.path } satisfies CropTask)) as CropResult;
          storedCrops[c.key] = { ...r, face: r.face ? pack(r.face) : null };
          progress(todoCrops.length, 'crops');
        }),
      );
      save(cropFile, storedCrops);
      done = 0;
      let sinceSave = 0;
      // Group photos a few at a time: each is drawn (cached) just before it is described.
      const queue = [...todoFrames];
      await Promise.all(
        Array.from({ length: threads }, async () => {
          for (let f = queue.shift(); f; f = queue.shift()) {
            const path = await f.path();
            const r = (await pool.run({ kind: 'frame', engine, path } satisfies FrameTask)) as FrameResult;
            storedFrames[f.key] = { faces: r.faces.map(pack), ms: r.ms };
            if (++sinceSave % 10 === 0) save(frameFile, storedFrames);
            if (++done % 10 === 0 || done === todoFrames.length) log(`    group photos ${done}/${todoFrames.length}`);
          }
        }),
      );
      save(frameFile, storedFrames);
    } finally {
      await pool.destroy();
    }
  }
  return {
    crops: new Map(
      crops.map((c) => {
        const s = storedCrops[c.key]!;
        return [c.key, { ...s, face: s.face ? unpack(s.face) : null }];
      }),
    ),
    frames: new Map(frames.map((f) => [f.key, { faces: storedFrames[f.key]!.faces.map(unpack), ms: storedFrames[f.key]!.ms }])),
  };
}
