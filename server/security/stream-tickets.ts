// Short-lived, one-use tickets that open the dashboard's event stream: EventSource cannot send
// an Authorization header, and a ticket in a URL is worth little once used or after 30 s.
import { newToken, safeEqual } from './tokens.js';

export const TICKET_TTL_MS = 30_000;
const MAX_TICKETS = 1000;

export function createStreamTickets(now: () => number = Date.now) {
  const tickets = new Map<string, number>(); // ticket -> expiry

  function prune() {
    const t = now();
    for (const [ticket, expiresAt] of tickets) if (expiresAt <= t) tickets.delete(ticket);
  }

  return {
    issue(): { ticket: string; expiresAt: number } {
      prune();
      // Oldest first out: a flood of tickets from the token holder cannot grow memory.
      while (tickets.size >= MAX_TICKETS) tickets.delete(tickets.keys().next().value as string);
      const ticket = newToken();
      const expiresAt = now() + TICKET_TTL_MS;
      tickets.set(ticket, expiresAt);
      return { ticket, expiresAt };
    },
    /** True once per valid ticket; the ticket is used up. */
    redeem(given: string): boolean {
      prune();
      for (const ticket of tickets.keys()) {
        if (safeEqual(ticket, given)) {
          tickets.delete(ticket);
          return true;
        }
      }
      return false;
    },
  };
}
export type StreamTickets = ReturnType<typeof createStreamTickets>;
