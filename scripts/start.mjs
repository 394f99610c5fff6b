// `npm start`: the Electron app where Electron's binary is present, headless FindMe otherwise.
// `npm run serve` (--headless): always headless. Builds the renderer first when it is missing,
// and compiles the Node side each time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const headlessOnly = process.argv.includes('--headless');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Where the electron package keeps its binary (path.txt names it under dist/). Read here rather
// than through require('electron'), which since Electron 45 tries to download a missing binary.
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

if (!existsSync(join(root, 'dist', 'renderer', 'attendee', 'index.html'))) {
  console.log('Building the attendee and dashboard apps (first start)…');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

// main/, preload/ and server/ compiled to dist/ (a few seconds): FindMe runs as it ships, with
// or without Electron (from sources under tsx its threads would carry about 120 MB more).
run('npx', ['tsc', '-p', 'tsconfig.node.json']);
const electron = headlessOnly ? null : electronBinary();
if (electron) {
  const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!headlessOnly) {
    console.log("Electron's binary is not installed on this machine: starting FindMe headless instead.");
    console.log('(Where the network allows it, `node node_modules/electron/install.js` fetches it.)');
  }
  // glibc reads its malloc settings only at a process's start: set here, for the server's process.
  const { withMallocTuning } = await import(pathToFileURL(join(root, 'dist', 'server', 'util', 'malloc-tuning.js')).href);
  const env = withMallocTuning(process.env);
  const child = spawn(process.execPath, [join(root, 'dist', 'server', 'cli.js')], { cwd: root, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
