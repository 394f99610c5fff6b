// Where FindMe's own files are: the package root (for the built renderer) and the default data folder.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding FindMe's package.json, from sources (server/) or from dist/server/. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'findme') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`FindMe's package.json not found above ${from}`);
    dir = parent;
  }
}

export function packageVersion(root = packageRoot()): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The OS's per-user app-data folder, as Electron's app.getPath('userData') would give it. */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'FindMe');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'FindMe');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'FindMe');
}
