// Structured logs (pino): to the console, and to a rotating file in the data folder.
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

/**
 * Never logged: credentials (wherever a plugin puts request headers) and personal fields.
 * Applied by createLogger and again by the core to every child logger it makes, so a logger
 * handed in from outside (Electron, tests) gets the same protection.
 */
export const REDACT = {
  paths: [
    'password', 'token', 'email', 'descriptor',
    '*.password', '*.token', '*.email', '*.descriptor', '*.adminToken', '*.secretAccessKey',
    'req.headers.authorization', 'req.headers.cookie', '*.headers.authorization', '*.headers.cookie',
    '*.*.headers.authorization', '*.*.headers.cookie', 'res.headers["set-cookie"]',
  ],
  censor: '[redacted]',
};

export interface LoggerOptions {
  dataDir: string;
  level: string;
  /** Console level; the file always gets `level`. */
  consoleLevel?: string;
}

export function createLogger(opts: LoggerOptions): Logger {
  const transport = pino.transport({
    targets: [
      {
        target: 'pino-roll',
        level: opts.level,
        options: { file: join(opts.dataDir, 'logs', 'findme'), extension: '.log', size: '10m', frequency: 'daily', limit: { count: 7 }, mkdir: true },
      },
      { target: 'pino/file', level: opts.consoleLevel ?? opts.level, options: { destination: 1 } },
    ],
  });
  return pino({ level: opts.level, redact: REDACT }, transport);
}
