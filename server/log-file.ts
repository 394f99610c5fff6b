// A log destination that can never take the server down: lines are buffered (bounded) and
// written asynchronously; a write that fails (disk full, file gone, stdout closed) drops what it
// held, counts it, and tries again a few seconds later. It never throws, never blocks, and never
// emits 'error'. For a file: one per day, a new one past `maxBytes`, `keep` kept.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, unlinkSync, write, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface SafeLogOptions {
  /** A folder and a base name (files `<base>.<YYYY-MM-DD>.<n>.log`), or an fd (1: stdout). */
  target: { dir: string; base: string } | { fd: number };
  maxBytes?: number;
  keep?: number;
  /** Buffered bytes at most while writes wait or fail; beyond, lines are dropped. */
  maxBufferBytes?: number;
  retryMs?: number;
  now?: () => Date;
}

export interface SafeLogDestination {
  write(line: string): boolean;
  /** Writes what is buffered now, synchronously (at exit); errors are swallowed. */
  flushSync(): void;
  /** Lines dropped since start. */
  dropped(): number;
  close(): void;
}

export function createSafeLogDestination(opts: SafeLogOptions): SafeLogDestination {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const keep = opts.keep ?? 7;
  const maxBuffer = opts.maxBufferBytes ?? 4 * 1024 * 1024;
  const retryMs = opts.retryMs ?? 2000;
  const now = opts.now ?? (() => new Date());
  const file = 'dir' in opts.target ? opts.target : null;

  let fd: number | null = file ? null : (opts.target as { fd: number }).fd;
  let day = '';
  let size = 0;
  let buffer: string[] = [];
  let buffered = 0;
  let writing = false;
  let retryAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let lost = 0;
  let closed = false;

  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  const drop = (lines: number) => {
    lost += lines;
  };

  function prune() {
    if (!file) return;
    const names = readdirSync(file.dir)
      .filter((n) => n.startsWith(`${file.base}.`) && n.endsWith('.log'))
      .sort(byAge);
    for (const old of names.slice(0, Math.max(0, names.length - keep))) unlinkSync(join(file.dir, old));
  }

  /** Opens today's file (a new number past maxBytes); false when it cannot. */
  function ensureOpen(): boolean {
    if (!file) return fd !== null;
    const today = dayOf(now());
    if (fd !== null && today === day && size < maxBytes) return true;
    try {
      if (fd !== null) closeSync(fd);
    } catch {
      /* already gone */
    }
    fd = null;
    try {
      mkdirSync(file.dir, { recursive: true });
      const existing = readdirSync(file.dir).filter((n) => n.startsWith(`${file.base}.${today}.`) && n.endsWith('.log'));
      const last = Math.max(0, ...existing.map((n) => Number(n.split('.').at(-2)) || 0));
      const n = today === day && size >= maxBytes ? last + 1 : Math.max(1, last);
      fd = openSync(join(file.dir, `${file.base}.${today}.${n}.log`), 'a');
      day = today;
      size = 0;
      prune();
      return true;
    } catch {
      return fd !== null;
    }
  }

  function schedule(delay = 0) {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, delay);
    timer.unref();
  }

  function flush() {
    if (writing || buffer.length === 0 || closed) return;
    const wait = retryAt - Date.now();
    if (wait > 0) return schedule(wait);
    if (!ensureOpen()) {
      fail(null);
      return;
    }
    const lines = buffer;
    const data = lines.join('');
    buffer = [];
    buffered = 0;
    writing = true;
    write(fd!, data, null, 'utf8', (err, written) => {
      writing = false;
      if (err) {
        drop(lines.length);
        fail(err);
        return;
      }
      size += written;
      if (written < Buffer.byteLength(data)) {
        // A short write: the rest goes next (rare; bytes, not lines, so re-buffer the tail).
        const rest = Buffer.from(data).subarray(written).toString('utf8');
        buffer.unshift(rest);
        buffered += rest.length;
      }
      if (buffer.length) schedule();
    });
  }

  function fail(_err: NodeJS.ErrnoException | null) {
    // Drop what waits too: while the disk is full, nothing is kept in memory for later.
    drop(buffer.length);
    buffer = [];
    buffered = 0;
    retryAt = Date.now() + retryMs;
    if (file && fd !== null) {
      try {
        closeSync(fd);
      } catch {
        /* gone */
      }
      fd = null; // reopened (maybe as a new file) on the next try
    }
  }

  return {
    write(line: string) {
      if (closed) return true;
      if (buffered + line.length > maxBuffer) {
        drop(1);
        return true;
      }
      buffer.push(line);
      buffered += line.length;
      if (!writing) schedule();
      return true;
    },
    flushSync() {
      if (writing || buffer.length === 0 || !ensureOpen()) return;
      try {
        size += writeSync(fd!, buffer.join(''));
        if (file) fsyncSync(fd!);
      } catch {
        drop(buffer.length);
      }
      buffer = [];
      buffered = 0;
    },
    dropped: () => lost,
    close() {
      this.flushSync();
      closed = true;
      clearTimeout(timer);
      if (file && fd !== null) {
        try {
          closeSync(fd);
        } catch {
          /* gone */
        }
        fd = null;
      }
    },
  };
}

/** `<base>.<day>.<n>.log` oldest first. */
function byAge(a: string, b: string): number {
  const key = (n: string) => {
    const parts = n.split('.');
    return [parts.at(-3) ?? '', Number(parts.at(-2)) || 0] as const;
  };
  const [da, na] = key(a);
  const [db, nb] = key(b);
  return da === db ? na - nb : da < db ? -1 : 1;
}
