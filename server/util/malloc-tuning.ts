// glibc's malloc, tuned for FindMe's server process on Linux. Each image worker thread decodes
// and resizes photos through sharp (libvips, native memory); by default glibc gives every such
// thread arenas of its own and serves buffers up to 32 MB from them once a large one has been
// freed, so freed photo buffers stay resident. Two arenas and a fixed 1 MB mmap threshold
// (larger buffers go back to the system when freed) took the ingest benchmark's peak RSS from
// 1.39 GB to 1.19 GB at the same speed (README, Performance). glibc reads these only when a
// process starts, so they are set for the process that runs the server: the headless start
// (scripts/start.mjs) and the benchmark's host. An operator's own value wins. Windows and
// macOS (the installers' targets) have other allocators: there this is a no-op.
export const MALLOC_TUNING: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '1048576',
};

/** `env` with FindMe's malloc settings added where the platform is glibc's and they are unset. */
export function withMallocTuning(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): NodeJS.ProcessEnv {
  if (platform !== 'linux') return env;
  return { ...MALLOC_TUNING, ...env };
}

/** The settings this process started with, for the startup log (Linux only; null elsewhere). */
export function mallocTuningInEffect(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'linux') return null;
  return Object.keys(MALLOC_TUNING)
    .map((k) => `${k}=${env[k] ?? '(glibc default)'}`)
    .join(' ');
}
