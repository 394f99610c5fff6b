// Attendee account routes: health, event code, availability, register, login, password reset, logout.
import {
  AuthResponse,
  CheckAvailabilityQuery,
  CheckAvailabilityResponse,
  CheckEventCodeQuery,
  CheckEventCodeResponse,
  HealthResponse,
  LoginBody,
  RegisterBody,
  ResetPasswordBody,
} from '../../contract/attendee.js';
import { AppError } from '../../util/app-error.js';
import { perMinute, type HttpApp } from '../../http/http-base.js';
import type { AttendeeStreams } from '../../live/attendee-streams.js';
import type { BrandingService } from '../../services/branding-service.js';
import { hashToken } from '../../security/tokens.js';
import type { AccountsService } from '../../services/accounts-service.js';
import type { EventsService } from '../../services/events-service.js';
import type { PasswordResetService } from '../../services/password-reset-service.js';
import { clearSessionCookie, setSessionCookie, tokenOf } from './auth.js';

export interface AccountRoutesDeps {
  accounts: AccountsService;
  events: EventsService;
  rateLimits: { login: number; register: number; selfie: number; gallery: number; availability: number; reset: number };
  /** Open live streams: a session's end closes its own. */
  streams: AttendeeStreams;
  /** Password checks waiting for a thread: above PASSWORD_QUEUE_LIMIT, logins and registrations are shed. */
  passwordsWaiting: () => number;
  branding: BrandingService;
  passwordReset: PasswordResetService;
}

/** About 2.5 s of bcrypt work queued on 2 threads at cost 10: more would keep a phone waiting too long. */
export const PASSWORD_QUEUE_LIMIT = 64;

export function registerAccountRoutes(app: HttpApp, deps: AccountRoutesDeps) {
  const { accounts } = deps;
  // Real overload is shed before any work, with a time to come back (the phone app retries).
  const shedWhenBusy = async () => {
    if (deps.passwordsWaiting() >= PASSWORD_QUEUE_LIMIT) {
      throw new AppError(503, 'server_busy', 'Many people are signing in at once: trying again in a moment.', undefined, { 'retry-after': '1' });
    }
  };

  app.get('/api/health-check', { schema: { response: { 200: HealthResponse } } }, async () => ({ status: 'ok' as const }));

  app.get(
    '/api/check-event-code',
    {
      schema: { querystring: CheckEventCodeQuery, response: { 200: CheckEventCodeResponse } },
    },
    async (req) => {
      const event = deps.events.byCode(req.query.code);
      if (!event) return { valid: false };
      return {
        valid: true,
        event: { id: event.id, name: event.name, registrationOpen: event.registrationOpen },
        branding: deps.branding.publicFor(event.id, req.query.code.trim()),
      };
    },
  );

  // Limited: otherwise it tells anyone, at full speed, which e-mail addresses have an account.
  app.get(
    '/api/check-user-availability',
    {
      config: perMinute(deps.rateLimits.availability),
      schema: { querystring: CheckAvailabilityQuery, response: { 200: CheckAvailabilityResponse } },
    },
    async (req) => accounts.availability(req.query),
  );

  app.post(
    '/api/register',
    {
      config: perMinute(deps.rateLimits.register),
      preHandler: shedWhenBusy,
      schema: { body: RegisterBody, response: { 201: AuthResponse } },
    },
    async (req, reply) => {
      const result = await accounts.register(req.body);
      setSessionCookie(reply, result.token);
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/login',
    {
      config: perMinute(deps.rateLimits.login),
      preHandler: shedWhenBusy,
      schema: { body: LoginBody, response: { 200: AuthResponse } },
    },
    async (req, reply) => {
      const result = await accounts.login(req.body);
      setSessionCookie(reply, result.token);
      return result;
    },
  );

  // The one-time code the organiser gave, the attendee's username or e-mail, a new password:
  // answered like a login (token and cookie); every other session of the attendee ends.
  app.post(
    '/api/reset-password',
    {
      config: perMinute(deps.rateLimits.reset),
      preHandler: shedWhenBusy,
      schema: { body: ResetPasswordBody, response: { 200: AuthResponse } },
    },
    async (req, reply) => {
      const result = await deps.passwordReset.reset(req.body);
      req.log.info({ attendeeId: result.attendee.id }, 'password reset with a one-time code');
      setSessionCookie(reply, result.token);
      return result;
    },
  );

  app.post('/api/logout', async (req, reply) => {
    const token = tokenOf(req);
    if (token) {
      accounts.logout(token);
      const sessionHash = hashToken(token).toString('hex');
      deps.streams.closeWhere((owner) => owner.sessionHash === sessionHash);
    }
    clearSessionCookie(reply);
    return reply.code(204).send();
  });
}
