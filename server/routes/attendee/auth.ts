// How an attendee request proves who it is: the session cookie or `Authorization: Bearer`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsService, AttendeeRow } from '../../services/accounts-service.js';
import { SESSION_TTL_MS } from '../../services/accounts-service.js';

export const SESSION_COOKIE = 'findme_session';

declare module 'fastify' {
  interface FastifyRequest {
    attendee?: AttendeeRow;
  }
}

export function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return req.cookies[SESSION_COOKIE] || undefined;
}

export function setSessionCookie(reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** A preHandler that sets `req.attendee` or answers 401. */
export function requireAttendee(accounts: AccountsService) {
  return async (req: FastifyRequest) => {
    req.attendee = accounts.authenticate(tokenOf(req));
  };
}

/** The authenticated attendee; only call after `requireAttendee`. */
export function attendeeOf(req: FastifyRequest): AttendeeRow {
  if (!req.attendee) throw new Error('attendeeOf() called on a route without requireAttendee');
  return req.attendee;
}
