// Attendee accounts: registration with consent, availability, login across events, sessions.
import { randomUUID } from 'node:crypto';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_BYTES, type Attendee, type LoginBody, type RegisterBody } from '../contract/attendee.js';
import type { AttendeeRow, AttendeesRepo } from '../db/repositories/attendees-repo.js';
import type { EventsRepo } from '../db/repositories/events-repo.js';
import type { SessionsRepo } from '../db/repositories/sessions-repo.js';
import { AppError } from '../util/app-error.js';
import type { LoginThrottle } from '../security/login-throttle.js';
import type { PasswordHasher } from '../security/password-hasher.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { EventsService } from './events-service.js';

/** The version of the consent text the attendee app shows; recorded with each account. */
export const CONSENT_VERSION = '2026-11-v1';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export const usernameKey = (username: string) => username.trim().normalize('NFC').toLowerCase();
export const emailKey = (email: string) => email.trim().toLowerCase();

export interface AccountsDeps {
  attendees: AttendeesRepo;
  sessions: SessionsRepo;
  events: EventsRepo;
  eventsService: EventsService;
  hasher: PasswordHasher;
  /** Failed logins per account (security/login-throttle.ts). */
  throttle: LoginThrottle;
  bcryptRounds: () => number;
  onError?: (err: unknown, context: string) => void;
  now?: () => number;
}

export function toAttendee(row: AttendeeRow): Attendee {
  return { id: row.id, eventId: row.eventId, username: row.username, displayName: row.displayName };
}

export function checkPasswordLength(password: string) {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes < PASSWORD_MIN_BYTES) throw new AppError(400, 'password_too_short', `The password must be at least ${PASSWORD_MIN_BYTES} characters.`);
  if (bytes > PASSWORD_MAX_BYTES) throw new AppError(400, 'password_too_long', `The password must be at most ${PASSWORD_MAX_BYTES} bytes.`);
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

export type { AttendeeRow };

export function createAccountsService(deps: AccountsDeps) {
  const now = deps.now ?? Date.now;
  // Compared against when no account matches, so a wrong identifier costs as long as a wrong
  // password: one per cost, made at the cost in force (the operator may change it live).
  const dummyHashes = new Map<number, Promise<string>>();
  const getDummyHash = () => {
    const rounds = deps.bcryptRounds();
    let hash = dummyHashes.get(rounds);
    if (!hash) {
      hash = deps.hasher.hash('findme-dummy-password', rounds);
      hash.catch(() => dummyHashes.delete(rounds)); // a failed hash is made again next time
      dummyHashes.set(rounds, hash);
    }
    return hash;
  };

  function eventOrThrow(code: string) {
    const event = deps.eventsService.byCode(code);
    if (!event) throw new AppError(404, 'event_not_found', 'No event has this code. Check the code on the poster.');
    return event;
  }

  function startSession(attendeeId: string): string {
    const token = newToken();
    const t = now();
    deps.sessions.insert(hashToken(token), attendeeId, t, t + SESSION_TTL_MS);
    return token;
  }

  function takenError(eventId: string, uname: string, email: string | null): AppError | null {
    if (deps.attendees.usernameTaken(eventId, uname)) return new AppError(409, 'username_taken', 'This username is already taken at this event.');
    if (email && deps.attendees.emailTaken(eventId, email)) return new AppError(409, 'email_taken', 'This e-mail address is already registered at this event.');
    return null;
  }

  return {
    availability(q: { code: string; username?: string; email?: string }) {
      const event = eventOrThrow(q.code);
      return {
        ...(q.username !== undefined && { usernameAvailable: !deps.attendees.usernameTaken(event.id, usernameKey(q.username)) }),
        ...(q.email !== undefined && { emailAvailable: !deps.attendees.emailTaken(event.id, emailKey(q.email)) }),
      };
    },

    async register(input: RegisterBody): Promise<{ token: string; attendee: Attendee }> {
      if (input.consent !== true) {
        throw new AppError(400, 'consent_required', 'Please accept the processing of your selfie and face data to create an account.');
      }
      checkPasswordLength(input.password);
      const event = eventOrThrow(input.code);
      if (!event.registrationOpen) {
        throw new AppError(403, 'registration_closed', 'Registrations are closed for this event. If you already have an account, log in.');
      }
      const uname = usernameKey(input.username);
      const email = input.email ? emailKey(input.email) : null;
      const taken = takenError(event.id, uname, email);
      if (taken) throw taken;
      const passwordHash = await deps.hasher.hash(input.password, deps.bcryptRounds());
      const t = now();
      const row = {
        id: randomUUID(),
        eventId: event.id,
        username: input.username.trim(),
        usernameKey: uname,
        email,
        displayName: (input.displayName ?? input.username).trim() || input.username,
        passwordHash,
        consentAt: t,
        consentVersion: CONSENT_VERSION,
        createdAt: t,
      };
      try {
        deps.attendees.insert(row);
      } catch (err) {
        // Two phones raced for the same name while the hash was computed.
        if (isUniqueViolation(err)) throw takenError(event.id, uname, email) ?? err;
        throw err;
      }
      return { token: startSession(row.id), attendee: toAttendee({ ...row, passwordHash }) };
    },

    async login(input: LoginBody): Promise<{ token: string; attendee: Attendee }> {
      checkPasswordLength(input.password);
      const key = input.identifier.includes('@') ? emailKey(input.identifier) : usernameKey(input.identifier);
      const waitMs = deps.throttle.waitMs(key);
      if (waitMs > 0) {
        const minutes = Math.ceil(waitMs / 60_000);
        throw new AppError(
          429,
          'too_many_failed_logins',
          `Too many wrong passwords for this account: try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}, or ask the organiser.`,
          undefined,
          { 'retry-after': String(Math.ceil(waitMs / 1000)) },
        );
      }
      let candidates = deps.attendees.findByIdentifier(key);
      if (input.eventId !== undefined) candidates = candidates.filter((c) => c.eventId === input.eventId);
      const invalid = new AppError(401, 'invalid_credentials', 'Wrong username, e-mail or password.');
      if (candidates.length === 0) {
        await deps.hasher.verify(input.password, await getDummyHash());
        deps.throttle.failed(key);
        throw invalid;
      }
      const results = await Promise.all(candidates.map((c) => deps.hasher.verify(input.password, c.passwordHash)));
      const matched = candidates.filter((_, i) => results[i]);
      if (matched.length === 0) {
        deps.throttle.failed(key);
        throw invalid;
      }
      deps.throttle.succeeded(key);
      if (matched.length > 1) {
        const events = deps.events.namesByIds(matched.map((m) => m.eventId));
        throw new AppError(409, 'choose_event', 'You have an account at several events: choose one.', { events });
      }
      const attendee = matched[0]!;
      const rounds = deps.bcryptRounds();
      if (deps.hasher.roundsOf(attendee.passwordHash) !== rounds) {
        // Upgrade (or align) the hash to the current cost; the login does not wait for it.
        deps.hasher
          .hash(input.password, rounds)
          .then((hash) => deps.attendees.setPasswordHash(attendee.id, hash))
          .catch((err) => deps.onError?.(err, 'rehash'));
      }
      return { token: startSession(attendee.id), attendee: toAttendee(attendee) };
    },

    logout(token: string) {
      deps.sessions.remove(hashToken(token));
    },

    /** The attendee a session token belongs to; 401 for a missing, forged or expired token. */
    authenticate(token: string | undefined): AttendeeRow {
      if (!token) throw new AppError(401, 'unauthorized', 'Please log in.');
      const hash = hashToken(token);
      const session = deps.sessions.find(hash);
      if (!session) throw new AppError(401, 'unauthorized', 'Please log in.');
      if (session.expiresAt <= now()) {
        deps.sessions.remove(hash);
        throw new AppError(401, 'session_expired', 'Your session has expired: please log in again.');
      }
      const attendee = deps.attendees.findById(session.attendeeId);
      if (!attendee) throw new AppError(401, 'unauthorized', 'Please log in.');
      return attendee;
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
