// Quitting: the first quit request is held while FindMe finishes its running jobs (or leaves
// them safely queued) and closes the database; then the app really quits. Pure: tested under Node.
export interface Closeable {
  close(jobTimeoutMs?: number): Promise<void>;
}

export function createQuitSequence(opts: { getCore: () => Closeable | undefined; quit: () => void; onError?: (err: unknown) => void; jobTimeoutMs?: number }) {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return {
    /** Call from app 'before-quit'; returns true when the quit must be held (preventDefault). */
    beforeQuit(): boolean {
      if (state === 'closed') return false;
      if (state === 'closing') return true;
      const core = opts.getCore();
      if (!core) {
        state = 'closed';
        return false;
      }
      state = 'closing';
      core
        .close(opts.jobTimeoutMs ?? 10_000)
        .catch((err: unknown) => opts.onError?.(err))
        .finally(() => {
          state = 'closed';
          opts.quit();
        });
      return true;
    },
    state: () => state,
  };
}
