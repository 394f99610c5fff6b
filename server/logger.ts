// Structured logs (pino): to the console, and to a rotating file in the data folder; logging
// never takes the server down.
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createSafeLogDestination } from './log-file.js';

/**
 * Never logged: credentials (wherever a plugin puts request headers) and personal fields.
 * Applied by createLogger and again by the core to every child logger it makes, so a logger
 * handed in from outside (Electron, tests) gets the same protection.
 */
export const REDACT = {
  paths: [
    'password',
    'token',
    'email',
    'descriptor',
    '*.password',
    '*.token',
    '*.email',
    '*.descriptor',
    '*.adminToken',
    '*.secretAccessKey',
    'req.headers.authorization',
    'req.headers.cookie',
    '*.headers.authorization',
    '*.headers.cookie',
    '*.*.headers.authorization',
    '*.*.headers.cookie',
    'res.headers["set-cookie"]',
  ],
  censor: '[redacted]',
};

export interface LoggerOptions {
  dataDir: string;
  level: string;
  /** Console level; the file always gets `level`. */
  consoleLevel?: string;
}

/**
 * Logs to `<data>/logs/findme.<day>.<n>.log` (a new file each day or past 10 MB, 7 kept) and to
 * the console. Both destinations are in-process and can never stop the server: a full disk or a
 * closed stdout drops log lines (counted), never throws, never blocks (see log-file.ts).
 */
export function createLogger(opts: LoggerOptions): Logger {
  const file = createSafeLogDestination({ target: { dir: join(opts.dataDir, 'logs'), base: 'findme' }, maxBytes: 10 * 1024 * 1024, keep: 7 });
  const consoleLevel = opts.consoleLevel ?? opts.level;
  const streams: pino.StreamEntry[] = [{ level: opts.level as pino.Level, stream: file }];
  if (consoleLevel !== 'silent') streams.push({ level: consoleLevel as pino.Level, stream: createSafeLogDestination({ target: { fd: 1 } }) });
  const destination = Object.assign(pino.multistream(streams), {
    // logger.flush() (at exit) writes what is still buffered.
    flush(cb?: (err?: Error) => void) {
      destination.flushSync();
      cb?.();
    },
  });
  const lowest =
    [opts.level, consoleLevel].filter((l) => l !== 'silent').sort((a, b) => (pino.levels.values[a] ?? 0) - (pino.levels.values[b] ?? 0))[0] ?? 'silent';
  return pino({ level: lowest, redact: REDACT }, destination);
}
