// Every /api/admin route needs `Authorization: Bearer <admin token>`.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../app/errors.js';
import { safeEqual } from '../../security/tokens.js';

export function requireAdminToken(adminToken: string) {
  return async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/admin')) return;
    const header = req.headers.authorization ?? '';
    // EventSource cannot send headers: the dashboard's stream passes the token as ?token=.
    const queryToken = (req.query as Record<string, unknown> | undefined)?.token;
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : typeof queryToken === 'string' ? queryToken : '';
    if (!given || !safeEqual(given, adminToken)) throw new AppError(401, 'unauthorized', 'The admin token is missing or wrong.');
  };
}
