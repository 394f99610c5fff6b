// A login for an account that does not exist costs what a real one costs, also after the
// operator changes the bcrypt cost: the stand-in hash it is compared with is made at the cost in
// force, not once at the cost of the first login. The real hasher (bcrypt in its worker lane)
// is wrapped only to record the cost of each hash it compares against; no timing is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.js';
import { createAttendeesRepo } from '../../../server/db/repositories/attendees-repo.js';
import { createEventsRepo } from '../../../server/db/repositories/events-repo.js';
import { createSessionsRepo } from '../../../server/db/repositories/sessions-repo.js';
import { createLoginThrottle } from '../../../server/security/login-throttle.js';
import { createPasswordHasher, type PasswordHasher } from '../../../server/security/password-hasher.js';
import { createAccountsService } from '../../../server/services/accounts-service.js';
import { createEventsService } from '../../../server/services/events-service.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-timing-'));
const db = openDatabase(join(dir, 'findme.db'));
const real = createPasswordHasher(1);
const comparedCosts: number[] = [];
const hasher: PasswordHasher = {
  ...real,
  verify: (password, hash) => {
    comparedCosts.push(real.roundsOf(hash));
    return real.verify(password, hash);
  },
};
let rounds = 10;
const eventsRepo = createEventsRepo(db);
const accounts = createAccountsService({
  attendees: createAttendeesRepo(db),
  sessions: createSessionsRepo(db),
  events: eventsRepo,
  eventsService: createEventsService({ events: eventsRepo }),
  hasher,
  bcryptRounds: () => rounds,
  throttle: createLoginThrottle(),
});

afterAll(async () => {
  await real.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('compares an unknown identifier against a hash of the current cost', async () => {
  const unknown = () => accounts.login({ identifier: 'nobody-here', password: 'some password' });
  await expect(unknown()).rejects.toMatchObject({ code: 'invalid_credentials' });
  expect(comparedCosts.at(-1)).toBe(10);
  rounds = 12;
  await expect(unknown()).rejects.toMatchObject({ code: 'invalid_credentials' });
  expect(comparedCosts.at(-1)).toBe(12);
  rounds = 11;
  await expect(unknown()).rejects.toMatchObject({ code: 'invalid_credentials' });
  expect(comparedCosts.at(-1)).toBe(11);
});
