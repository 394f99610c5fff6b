// The admin listener's two gates. `requireAdminToken` is the onRequest hook of the one
// encapsulated scope where every admin route is registered (so it holds whatever the URL looks
// like: %XX-encoded, absolute-form); `requireOwnHost` refuses any Host but the listener's own
// address and port, so a web page reached through DNS rebinding cannot talk to it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../util/app-error.js';
import type { StreamTickets } from '../../security/stream-tickets.js';
import { safeEqual } from '../../security/tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route is an event stream: EventSource cannot send a header, so ?ticket= (or ?token=) is taken. */
    adminQueryAuth?: boolean;
  }
}

const unauthorized = () => new AppError(401, 'unauthorized', 'The admin token is missing or wrong.');

export function requireAdminToken(adminToken: string, tickets: StreamTickets) {
  return async (req: FastifyRequest) => {
    const header = req.headers.authorization ?? '';
    if (header.startsWith('Bearer ')) {
      if (safeEqual(header.slice(7).trim(), adminToken)) return;
      throw unauthorized();
    }
    if (req.routeOptions.config.adminQueryAuth) {
      const query = (req.query ?? {}) as Record<string, unknown>;
      if (typeof query.ticket === 'string' && tickets.redeem(query.ticket)) return;
      if (typeof query.token === 'string' && query.token && safeEqual(query.token, adminToken)) return;
    }
    throw unauthorized();
  };
}

export function requireOwnHost(app: FastifyInstance) {
  return async (req: FastifyRequest) => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      throw new AppError(421, 'wrong_host', 'The dashboard answers only at its own address (127.0.0.1 and its port).');
    }
  };
}
