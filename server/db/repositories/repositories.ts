// Every repository over one database: what the composition root (core.ts) hands to services.
import type { Db } from '../database.js';
import { createAttendeesRepo } from './attendees-repo.js';
import { createBrandingRepo } from './branding-repo.js';
import { createEventsRepo } from './events-repo.js';
import { createFtpAccountsRepo } from './ftp-accounts-repo.js';
import { createJobsRepo } from './jobs-repo.js';
import { createMatchesRepo } from './matches-repo.js';
import { createPhotosRepo } from './photos-repo.js';
import { createRefusedFilesRepo } from './refused-files-repo.js';
import { createResetCodesRepo } from './reset-codes-repo.js';
import { createSelfiesRepo } from './selfies-repo.js';
import { createSessionsRepo } from './sessions-repo.js';
import { createSettingsRepo } from './settings-repo.js';
import { createWallRepo } from './wall-repo.js';

export function createRepositories(db: Db) {
  return {
    events: createEventsRepo(db),
    attendees: createAttendeesRepo(db),
    sessions: createSessionsRepo(db),
    resetCodes: createResetCodesRepo(db),
    settings: createSettingsRepo(db),
    photos: createPhotosRepo(db),
    selfies: createSelfiesRepo(db),
    matches: createMatchesRepo(db),
    jobs: createJobsRepo(db),
    ftpAccounts: createFtpAccountsRepo(db),
    refusedFiles: createRefusedFilesRepo(db),
    wall: createWallRepo(db),
    branding: createBrandingRepo(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
