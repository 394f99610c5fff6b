// One STOR: the bytes of a data connection written to a temporary file, with a size cap and an
// idle timeout. Only a connection the camera closed itself after sending counts as received;
// a reset, a stall, an abort or too many bytes remove the file.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { finished } from 'node:stream';

export type Received = { ok: true; bytes: number } | { ok: false; why: 'too_large' | 'cut_off' | 'stalled' | 'aborted' };

export interface ReceiveOptions {
  maxBytes: number;
  /** No byte for this long and the transfer is given up. */
  idleMs: number;
  /** Aborts the transfer (ABOR, the control connection lost, shutdown). */
  signal: AbortSignal;
}

export function receiveFile(data: Socket, path: string, opts: ReceiveOptions): Promise<Received> {
  return new Promise((resolve) => {
    const out = createWriteStream(path, { flags: 'wx' });
    let bytes = 0;
    let outcome: Received | null = null;

    const finish = (result: Received) => {
      if (outcome) return;
      outcome = result;
      opts.signal.removeEventListener('abort', onAbort);
      data.setTimeout(0);
      const removeThen = (r: Received) =>
        void rm(path, { force: true }).then(
          () => resolve(r),
          () => resolve(r),
        );
      if (result.ok) {
        // the disk may still refuse the last bytes
        finished(out.end(), (err) => (err ? removeThen({ ok: false, why: 'cut_off' }) : resolve(result)));
        return;
      }
      data.destroy();
      out.destroy();
      finished(out, () => removeThen(result));
    };
    const onAbort = () => finish({ ok: false, why: 'aborted' });

    if (opts.signal.aborted) {
      onAbort();
      return;
    }
    opts.signal.addEventListener('abort', onAbort);
    data.setTimeout(opts.idleMs, () => finish({ ok: false, why: 'stalled' }));
    data.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > opts.maxBytes) return finish({ ok: false, why: 'too_large' });
      if (!out.write(chunk)) {
        data.pause();
        out.once('drain', () => data.resume());
      }
    });
    data.once('end', () => finish({ ok: true, bytes }));
    data.once('error', () => finish({ ok: false, why: 'cut_off' }));
    data.once('close', () => finish({ ok: false, why: 'cut_off' }));
    out.once('error', () => finish({ ok: false, why: 'cut_off' }));
    data.resume();
  });
}
