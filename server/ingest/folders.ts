// Folders given by the operator (import, hot folder): checked, then listed for image files.
import { stat, readdir } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../app/errors.js';

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp)$/i;
// Files still being written or left by tools: browsers, editors, rsync, our own partial files.
const TEMPORARY = /(^\.|^~\$|\.(part|partial|tmp|temp|crdownload|download)$)/i;

export function isImageCandidate(fileName: string): boolean {
  const name = basename(fileName);
  return IMAGE_EXTENSIONS.test(name) && !TEMPORARY.test(name);
}

/** An absolute, existing, readable folder outside the data folder, or a 400 invalid_folder. */
export async function checkFolder(folder: string, dataDir: string): Promise<string> {
  const bad = (why: string) => new AppError(400, 'invalid_folder', why);
  if (folder.includes('\0') || !isAbsolute(folder)) throw bad('Give the full path of a folder on this computer.');
  const path = resolve(folder);
  const rel = relative(resolve(dataDir), path);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) throw bad("This folder is inside FindMe's own data folder: choose another one.");
  try {
    if (!(await stat(path)).isDirectory()) throw bad('This path is a file, not a folder.');
    await readdir(path);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bad(`This folder cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  return path;
}

/** Image files in a folder and its subfolders, oldest name first. */
export async function listImageFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isImageCandidate(e.name))
    .map((e) => join(e.parentPath ?? folder, e.name))
    .sort();
}
