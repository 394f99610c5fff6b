// FindMe as a child process of the benchmark, run as it ships: plain Node on the compiled
// dist/server/ (npm run build:node; bench/run.ts compiles first), so that neither this process
// nor its worker threads carry tsx's loader (about 120 MB of RSS over a photo import). The same
// start as server/cli.ts (config from the environment, the file logger, createFindMe, both
// listeners), plus an IPC channel so the benchmark can read the pipeline's stage totals
// (findme.stages.totals(), not on HTTP) while the server runs in its own process (its RSS and
// CPU are sampled from /proc).
import { join } from 'node:path';
import { readConfig } from '../../dist/server/config.js';
import { createFindMe } from '../../dist/server/core.js';
import { createLogger } from '../../dist/server/logger.js';
import { packageRoot, packageVersion } from '../../dist/server/util/app-paths.js';

const root = packageRoot();
const config = readConfig(process.env, process.env.FINDME_DATA_DIR ?? '');
const logger = createLogger({ dataDir: config.dataDir, level: config.logLevel, consoleLevel: 'warn' });
const findme = await createFindMe({ config, logger, rendererDir: join(root, 'dist', 'renderer'), version: packageVersion(root) });
const urls = await findme.listen();
const send = (m) => process.send?.(m);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await findme.close();
  logger.flush();
  process.exit(0);
}

process.on('message', (m) => {
  if (m.type === 'stages') send({ type: 'stages', totals: findme.stages.totals() });
  else if (m.type === 'stop') void stop();
});
// The benchmark went away: do not linger.
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
send({ type: 'ready', attendeePort: urls.attendeePort, adminPort: urls.adminPort });
