import { describe, expect, it } from 'vitest';
import { MALLOC_TUNING, mallocTuningInEffect, withMallocTuning } from '../../../server/util/malloc-tuning.js';

describe('malloc tuning of the server process', () => {
  it('adds two arenas and a fixed 1 MB mmap threshold on Linux', () => {
    const env = withMallocTuning({ PATH: '/usr/bin' }, 'linux');
    expect(env).toEqual({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576' });
  });

  it("keeps the operator's own values", () => {
    expect(withMallocTuning({ MALLOC_ARENA_MAX: '8' }, 'linux').MALLOC_ARENA_MAX).toBe('8');
  });

  it('leaves the environment alone where the allocator is not glibc', () => {
    for (const platform of ['win32', 'darwin'] as const) expect(withMallocTuning({ A: '1' }, platform)).toEqual({ A: '1' });
  });

  it('says which settings a process started with', () => {
    expect(mallocTuningInEffect(withMallocTuning({}, 'linux'), 'linux')).toBe('MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=1048576');
    expect(mallocTuningInEffect({}, 'linux')).toBe('MALLOC_ARENA_MAX=(glibc default) MALLOC_MMAP_THRESHOLD_=(glibc default)');
    expect(mallocTuningInEffect({}, 'darwin')).toBeNull();
    expect(Object.keys(MALLOC_TUNING)).toHaveLength(2);
  });
});
