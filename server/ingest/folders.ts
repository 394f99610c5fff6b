// Folders given by the operator (import, hot folder): checked, then listed for image files;
// each file found is opened only if it is a regular file, really under the folder, outside
// FindMe's data folder and under the size cap (no device, FIFO or symlink out is followed).
import { constants, type ReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../util/app-error.js';

/** The largest photo taken, by upload or from a folder. */
export const MAX_PHOTO_BYTES = 200 * 1024 * 1024;

/** `path` is `folder` or below it (both real paths). */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const realOrResolved = (path: string) => realpath(path).catch(() => resolve(path));

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp)$/i;
// Files still being written or left by tools: browsers, editors, rsync, our own partial files.
const TEMPORARY = /(^\.|^~\$|\.(part|partial|tmp|temp|crdownload|download)$)/i;

export function isImageCandidate(fileName: string): boolean {
  const name = basename(fileName);
  return IMAGE_EXTENSIONS.test(name) && !TEMPORARY.test(name);
}

/**
 * An absolute, existing, readable folder, neither inside the data folder nor holding it (symlinks
 * resolved), as its real path; or a 400 invalid_folder.
 */
export async function checkFolder(folder: string, dataDir: string): Promise<string> {
  const bad = (why: string) => new AppError(400, 'invalid_folder', why);
  if (folder.includes('\0') || !isAbsolute(folder)) throw bad('Give the full path of a folder on this computer.');
  let path: string;
  try {
    path = await realpath(resolve(folder));
    if (!(await stat(path)).isDirectory()) throw bad('This path is a file, not a folder.');
    await readdir(path);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bad(`This folder cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  const data = await realOrResolved(dataDir);
  if (isWithin(data, path)) throw bad("This folder is inside FindMe's own data folder: choose another one.");
  if (isWithin(path, data)) throw bad("This folder holds FindMe's own data folder: choose one with only photos in it.");
  return path;
}

export type FolderFile = { ok: true; stream: ReadStream; truncated: () => boolean } | { ok: false; reason: string };

/**
 * Opens a file found in an operator's folder for ingest, or says why it is not taken. Opened
 * without following a symlink and without blocking (a FIFO would wait for a writer forever),
 * then checked on the open descriptor; the stream stops after `maxBytes` + 1 bytes, and
 * `truncated()` tells if the file grew past the cap while it was read.
 */
export async function openFolderFile(path: string, folder: string, dataDir: string, maxBytes = MAX_PHOTO_BYTES): Promise<FolderFile> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return { ok: false, reason: 'the file is gone' };
  }
  if (!isWithin(await realOrResolved(folder), real)) return { ok: false, reason: 'a link to a file outside the folder' };
  if (isWithin(await realOrResolved(dataDir), real)) return { ok: false, reason: "a file of FindMe's own data folder" };
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { ok: false, reason: `the file cannot be opened (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const info = await handle.stat().catch(() => null);
  if (!info?.isFile()) {
    await handle.close();
    return { ok: false, reason: 'not a regular file' };
  }
  if (info.size > maxBytes) {
    await handle.close();
    return { ok: false, reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
  }
  const stream = handle.createReadStream({ start: 0, end: maxBytes }); // closes the handle when done
  return { ok: true, stream, truncated: () => stream.bytesRead > maxBytes };
}

/** Image files in a folder and its subfolders, oldest name first. */
export async function listImageFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isImageCandidate(e.name))
    .map((e) => join(e.parentPath ?? folder, e.name))
    .sort();
}
