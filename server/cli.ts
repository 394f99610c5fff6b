// Headless entry point (`npm run serve`): starts FindMe under plain Node and prints where to go.
import { join } from 'node:path';
import { ConfigError, readConfig } from './config.js';
import { createFindMe } from './core.js';
import { createLogger } from './logger.js';
import { ensureWritableDataDir } from './storage/data-dir.js';
import { mallocTuningInEffect } from './util/malloc-tuning.js';
import { defaultDataDir, packageRoot, packageVersion } from './util/app-paths.js';

async function main() {
  let config;
  try {
    config = readConfig(process.env, defaultDataDir());
    ensureWritableDataDir(config.dataDir);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`FindMe cannot start: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const root = packageRoot();
  const logger = createLogger({ dataDir: config.dataDir, level: config.logLevel, consoleLevel: process.env.FINDME_CONSOLE_LOG_LEVEL ?? 'warn' });
  const malloc = mallocTuningInEffect();
  if (malloc) logger.info({ malloc }, 'native memory settings of this process');
  const findme = await createFindMe({ config, logger, rendererDir: join(root, 'dist', 'renderer'), version: packageVersion(root) });

  let urls;
  try {
    urls = await findme.listen();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    console.error(
      e.code === 'EADDRINUSE'
        ? `FindMe cannot start: a port is already in use (${e.message}). Set FINDME_PORT / FINDME_ADMIN_PORT to free ports.`
        : `FindMe cannot start: ${e.message}`,
    );
    await findme.close();
    process.exit(1);
  }

  console.log(`
FindMe ${packageVersion(root)} is running headless.
  Attendees (venue Wi-Fi): ${urls.attendeeUrls.join('  ')}
  Dashboard (this laptop): ${urls.dashboardUrl}
  Admin token:             ${config.adminToken}${config.adminTokenGenerated ? '  (generated for this run; set FINDME_ADMIN_TOKEN to keep one)' : ''}
  Data folder:             ${config.dataDir}
Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: finishing requests and closing the database…`);
    const force = setTimeout(() => {
      console.error('Shutdown took more than 15 s: exiting anyway (queued work is kept).');
      process.exit(1);
    }, 15_000);
    force.unref();
    await findme.close();
    logger.flush();
    console.log('FindMe stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error('FindMe failed to start:', err);
  process.exit(1);
});
