// Where a worker_threads entry file is, whether we run from TypeScript sources (tsx, vitest)
// or from the compiled dist/ folder. Under sources the worker gets tsx's loader.
import { fileURLToPath } from 'node:url';

export interface WorkerFile {
  filename: string;
  execArgv: string[];
}

export function workerFile(callerUrl: string, baseName: string): WorkerFile {
  const fromSource = callerUrl.endsWith('.ts');
  // In a packaged app the workers' code is unpacked next to the asar archive (electron-builder.yml).
  const filename = unpackedPath(fileURLToPath(new URL(`./${baseName}.${fromSource ? 'ts' : 'js'}`, callerUrl)));
  return { filename, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

/** The real on-disk path of a file that electron-builder unpacked from app.asar. */
export function unpackedPath(path: string): string {
  return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}
