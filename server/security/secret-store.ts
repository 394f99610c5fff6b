// Where secrets the operator types in (the Rekognition secret access key) are kept: never in the
// settings table, never in a response, never in a log. Headless, they sit in a file of their
// own (mode 0600) in the data folder; the Electron app passes a codec backed by safeStorage so
// the file holds only ciphertext (see README, "Running an event with Rekognition").
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tempNameFor } from '../util/atomic-file.js';

export interface SecretStore {
  get(name: string): string | null;
  /** null removes the secret. */
  set(name: string, value: string | null): void;
  has(name: string): boolean;
}

/** Turns a secret into the bytes kept on disk and back (e.g. Electron's safeStorage). */
export interface SecretCodec {
  encrypt(plain: string): Buffer;
  decrypt(stored: Buffer): string;
}

export const REKOGNITION_SECRET = 'rekognitionSecretAccessKey';

type StoredSecret = { plain: string } | { encrypted: string };

export function createFileSecretStore(file: string, codec?: SecretCodec, onError?: (err: unknown, name: string) => void): SecretStore {
  let stored: Record<string, StoredSecret> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, StoredSecret>;
  } catch {
    // none yet
  }
  const cache = new Map<string, string | null>();
  // Secrets written in plain text (headless) are encrypted as soon as a codec is given.
  if (codec && Object.values(stored).some((e) => 'plain' in e)) {
    stored = Object.fromEntries(Object.entries(stored).map(([k, e]) => [k, 'plain' in e ? { encrypted: codec.encrypt(e.plain).toString('base64') } : e]));
    writePrivate(file, JSON.stringify(stored));
  }

  function decode(name: string): string | null {
    const entry = stored[name];
    if (!entry) return null;
    if ('plain' in entry) return entry.plain;
    if (!codec) return null; // written by the desktop app: unreadable here
    try {
      return codec.decrypt(Buffer.from(entry.encrypted, 'base64'));
    } catch (err) {
      onError?.(err, name);
      return null;
    }
  }

  return {
    get(name) {
      if (!cache.has(name)) cache.set(name, decode(name));
      return cache.get(name) ?? null;
    },
    set(name, value) {
      const next = { ...stored };
      if (value === null) delete next[name];
      else next[name] = codec ? { encrypted: codec.encrypt(value).toString('base64') } : { plain: value };
      writePrivate(file, JSON.stringify(next));
      stored = next;
      cache.set(name, value);
    },
    has(name) {
      return this.get(name) !== null;
    },
  };
}

/** Written whole or not at all, readable by this user only from the first byte. */
function writePrivate(file: string, data: string) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tempNameFor(file);
  try {
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
