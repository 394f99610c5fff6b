// Cross-site request protection for cookie-authenticated writes: the session cookie is
// SameSite=Lax, and on top of that a write that carries the cookie must come from this
// server's own pages (its Origin, or failing that its Referer, names our host). Requests
// authenticated with a Bearer header cannot be forged by another site and pass.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../util/app-error.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginGuard(cookieName: string) {
  return async (req: FastifyRequest) => {
    if (SAFE_METHODS.has(req.method)) return;
    if (req.headers.authorization?.startsWith('Bearer ')) return;
    if (!req.headers.cookie?.includes(`${cookieName}=`)) return; // no session: nothing to ride on
    const source = req.headers.origin ?? req.headers.referer;
    if (source === undefined) return; // non-browser clients send neither; browsers always send Origin on POST
    let host: string;
    try {
      host = new URL(source).host;
    } catch {
      host = '';
    }
    if (host !== req.headers.host) throw new AppError(403, 'cross_site_request', 'This request came from another site and was refused.');
  };
}
