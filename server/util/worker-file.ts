// Where a worker_threads entry file is, whether we run from TypeScript sources (tsx, vitest)
// or from the compiled dist/ folder. Under sources the worker gets tsx's loader.
import { fileURLToPath } from 'node:url';

export interface WorkerFile {
  filename: string;
  execArgv: string[];
}

export function workerFile(callerUrl: string, baseName: string): WorkerFile {
  const fromSource = callerUrl.endsWith('.ts');
  const filename = fileURLToPath(new URL(`./${baseName}.${fromSource ? 'ts' : 'js'}`, callerUrl));
  return { filename, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}
