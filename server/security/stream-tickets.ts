// Short-lived, one-use tickets that open the dashboard's event stream: EventSource cannot send
// an Authorization header, and a ticket in a URL is worth little once used or after 30 s.
// Kept in lru-cache (expiry, and at most 1,000: a flood from the token holder cannot grow memory).
import { LRUCache } from 'lru-cache';
import { newToken } from './tokens.js';

export const TICKET_TTL_MS = 30_000;

export function createStreamTickets() {
  const tickets = new LRUCache<string, true>({ max: 1000, ttl: TICKET_TTL_MS });
  return {
    issue(): { ticket: string; expiresAt: number } {
      const ticket = newToken();
      tickets.set(ticket, true);
      return { ticket, expiresAt: Date.now() + TICKET_TTL_MS };
    },
    /** True once per valid ticket; the ticket is used up. */
    redeem(given: string): boolean {
      const valid = tickets.has(given); // has() honours the expiry; delete() alone would not
      tickets.delete(given);
      return valid;
    },
  };
}
export type StreamTickets = ReturnType<typeof createStreamTickets>;
