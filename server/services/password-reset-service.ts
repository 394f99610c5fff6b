// A way back in after a forgotten password, with no e-mail (the venue is offline): the operator
// makes a one-time code for the attendee on the dashboard; the phone sends it with the
// attendee's username or e-mail and a new password, and gets a new session like a login.
import { createHash, randomInt } from 'node:crypto';
import type { Attendee, ResetPasswordBody } from '../contract/attendee.js';
import { RESET_CODE_LENGTH } from '../contract/limits.js';
import type { Db } from '../db/database.js';
import type { AttendeeRow, AttendeesRepo } from '../db/repositories/attendees-repo.js';
import type { ResetCodesRepo } from '../db/repositories/reset-codes-repo.js';
import type { SessionsRepo } from '../db/repositories/sessions-repo.js';
import type { LoginThrottle } from '../security/login-throttle.js';
import type { PasswordHasher } from '../security/password-hasher.js';
import { hashToken, newToken } from '../security/tokens.js';
import { AppError } from '../util/app-error.js';
import { checkPasswordLength, emailKey, SESSION_TTL_MS, toAttendee, usernameKey } from './accounts-service.js';
import { CODE_ALPHABET } from './events-service.js';

/** Long enough to walk from the welcome desk and type it; short enough that a lost note is soon worthless. */
export const RESET_CODE_TTL_MS = 15 * 60_000;

export interface PasswordResetDeps {
  db: Db;
  codes: ResetCodesRepo;
  attendees: AttendeesRepo;
  sessions: SessionsRepo;
  hasher: PasswordHasher;
  bcryptRounds: () => number;
  /** The login throttle: a reset clears the attendee's failed logins. */
  throttle: LoginThrottle;
  /** Closes the live streams of the attendee's ended sessions. */
  closeStreams: (attendeeId: string) => void;
  now?: () => number;
}

/** What the attendee typed, as the code was made: upper-case, without spaces or dashes. */
export const normalizeResetCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
const hashCode = (code: string) => createHash('sha256').update(code).digest();
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') === true;

export function createPasswordResetService(deps: PasswordResetDeps) {
  const now = deps.now ?? Date.now;
  // One answer for a wrong, used, replaced or expired code and for a code of someone else: it tells nothing.
  const invalid = () =>
    new AppError(
      400,
      'reset_code_invalid',
      'This reset code is not valid for this account: it may be mistyped, used or expired. Ask the organiser for a new one.',
    );

  function newCode(): string {
    let code = '';
    for (let i = 0; i < RESET_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    return code;
  }

  const matchesIdentifier = (attendee: AttendeeRow, identifier: string) =>
    identifier.includes('@') ? attendee.email !== null && attendee.email === emailKey(identifier) : usernameKey(attendee.username) === usernameKey(identifier);

  return {
    /** A new code for the event's attendee (their older code stops working); 404 when the event has no such attendee. */
    createCode(eventId: string, attendeeId: string): { code: string; expiresAt: string } {
      const attendee = deps.attendees.findById(attendeeId);
      if (!attendee || attendee.eventId !== eventId) throw new AppError(404, 'not_found', 'No such attendee in this event.');
      const t = now();
      deps.codes.removeExpired(t);
      for (;;) {
        const code = newCode();
        try {
          deps.codes.put(attendeeId, hashCode(code), t, t + RESET_CODE_TTL_MS);
          return { code, expiresAt: new Date(t + RESET_CODE_TTL_MS).toISOString() };
        } catch (err) {
          if (!isUniqueViolation(err)) throw err; // another attendee's live code: draw again
        }
      }
    },

    /** Sets the new password, ends the attendee's other sessions and starts a new one. */
    async reset(input: ResetPasswordBody): Promise<{ token: string; attendee: Attendee }> {
      checkPasswordLength(input.password);
      const code = normalizeResetCode(input.code);
      if (code.length !== RESET_CODE_LENGTH) throw invalid();
      const codeHash = hashCode(code);
      const row = deps.codes.findByHash(codeHash);
      const attendee = row && row.expiresAt > now() ? deps.attendees.findById(row.attendeeId) : undefined;
      if (!attendee || !matchesIdentifier(attendee, input.identifier.trim())) throw invalid();

      const passwordHash = await deps.hasher.hash(input.password, deps.bcryptRounds());
      const token = newToken();
      // Single use even when two phones send the same code at once: only one deletes it.
      const done = deps.db.transaction(() => {
        const t = now();
        if (!deps.codes.consume(codeHash, attendee.id, t)) return false;
        deps.attendees.setPasswordHash(attendee.id, passwordHash);
        deps.sessions.removeAllOf(attendee.id);
        deps.sessions.insert(hashToken(token), attendee.id, t, t + SESSION_TTL_MS);
        return true;
      })();
      if (!done) throw invalid();
      deps.closeStreams(attendee.id);
      deps.throttle.succeeded(usernameKey(attendee.username));
      if (attendee.email) deps.throttle.succeeded(attendee.email);
      return { token, attendee: toAttendee(attendee) };
    },
  };
}
export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
