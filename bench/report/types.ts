// The report's data: what run.ts writes to bench/reports/<date>.json.
import type { MachineInfo } from '../lib/machine.js';
import type { FrontendResult } from '../scenarios/frontend.js';
import type { GalleriesResult } from '../scenarios/galleries.js';
import type { IngestResult } from '../scenarios/ingest.js';
import type { LoadResult } from '../scenarios/load.js';
import type { SoakResult } from '../scenarios/soak.js';

export interface TargetRow {
  id: string;
  target: string;
  measured: string;
  baseline: string;
  status: 'PASS' | 'MISS' | 'n/a';
  /** For a miss: the bottleneck measured, and what would move it. */
  note?: string;
}

export interface BenchReport {
  version: 1;
  mode: string;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  command: string;
  machine: MachineInfo & { loadAverageAtEnd: number[] };
  load?: LoadResult;
  galleries?: GalleriesResult;
  ingest?: IngestResult;
  soak?: SoakResult;
  frontend?: FrontendResult;
  errors: { scenario: string; message: string }[];
  targets: TargetRow[];
}
