// FindMe as a child process of the benchmark: the same start as server/cli.ts (config from the
// environment, the file logger, createFindMe, both listeners), plus an IPC channel so the
// benchmark can read the pipeline's stage totals (findme.stages.totals(), not on HTTP) while
// the server runs in its own process (its RSS and CPU are sampled from /proc).
import { join } from 'node:path';
import { readConfig } from '../../server/config.js';
import { createFindMe } from '../../server/core.js';
import { createLogger } from '../../server/logger.js';
import { packageRoot, packageVersion } from '../../server/util/app-paths.js';
import { sendToParent, type Message } from '../lib/child.js';

const root = packageRoot();
const config = readConfig(process.env, process.env.FINDME_DATA_DIR ?? '');
const logger = createLogger({ dataDir: config.dataDir, level: config.logLevel, consoleLevel: 'warn' });
const findme = await createFindMe({ config, logger, rendererDir: join(root, 'dist', 'renderer'), version: packageVersion(root) });
const urls = await findme.listen();

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

process.on('message', (m: Message) => {
  if (m.type === 'stages') sendToParent({ type: 'stages', totals: findme.stages.totals() });
  else if (m.type === 'stop') void stop();
});
// The benchmark went away: do not linger.
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
sendToParent({ type: 'ready', attendeePort: urls.attendeePort, adminPort: urls.adminPort });
