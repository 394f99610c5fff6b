// Time spent per stage of the photo pipeline (decode, faces, encode, match, database), summed
// since start: the benchmark and the dashboard read it.
export interface StageTotals {
  photos: number;
  decodeMs: number;
  facesMs: number;
  encodeMs: number;
  matchMs: number;
  dbMs: number;
}

export function createStageStats() {
  const totals: StageTotals = { photos: 0, decodeMs: 0, facesMs: 0, encodeMs: 0, matchMs: 0, dbMs: 0 };
  return {
    record(t: Omit<StageTotals, 'photos'>) {
      totals.photos++;
      totals.decodeMs += t.decodeMs;
      totals.facesMs += t.facesMs;
      totals.encodeMs += t.encodeMs;
      totals.matchMs += t.matchMs;
      totals.dbMs += t.dbMs;
    },
    totals: (): StageTotals => ({ ...totals }),
  };
}
