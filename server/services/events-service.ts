// Events: creation with a short join code, listing, and code lookups through the cache.
import { randomInt, randomUUID } from 'node:crypto';
import type { AdminEvent } from '../contract/admin.js';
import type { EventsRepo, EventWithCounts } from '../db/repositories/events-repo.js';
import { AppError } from '../util/app-error.js';
import { createEventCodeCache } from './event-code-cache.js';

// No 0/O, 1/I/L: codes are read off posters and typed on phones.
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

export function createEventsService(deps: { events: EventsRepo; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const cache = createEventCodeCache((code) => {
    const row = deps.events.findByCode(code);
    return row ? { id: row.id, name: row.name, registrationOpen: row.registrationOpen } : null;
  });

  function generateCode(): string {
    for (;;) {
      let code = '';
      for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      if (!deps.events.codeExists(code)) return code;
    }
  }

  function requireEvent(id: string) {
    const event = deps.events.findById(id);
    if (!event) throw new AppError(404, 'event_not_found', 'No such event.');
    return event;
  }

  const toAdminEvent = (e: EventWithCounts): AdminEvent => ({
    id: e.id,
    name: e.name,
    code: e.code,
    createdAt: new Date(e.createdAt).toISOString(),
    attendeeCount: e.attendeeCount,
    photoCount: e.photoCount,
    hotFolder: e.hotFolder,
    registrationOpen: e.registrationOpen,
  });

  return {
    cache,
    /** The event with this id, or 404 event_not_found. */
    require: requireEvent,
    setHotFolder: (id: string, folder: string | null) => deps.events.setHotFolder(id, folder, now()),
    /** The event an attendee-typed code names, or null. */
    byCode: (code: string) => cache.get(normalizeCode(code)),
    create(input: { name: string; code?: string }) {
      const code = input.code ? normalizeCode(input.code) : generateCode();
      if (deps.events.codeExists(code)) throw new AppError(409, 'code_taken', `The code ${code} is already used by another event.`);
      const event = { id: randomUUID(), name: input.name.trim(), code, createdAt: now() };
      deps.events.insert(event);
      cache.invalidate(code);
      return { id: event.id, name: event.name, code };
    },
    list(): AdminEvent[] {
      return deps.events.listWithCounts().map(toAdminEvent);
    },
    /** Renames the event and/or opens or closes its registrations; 404 event_not_found. */
    update(id: string, change: { name?: string; registrationOpen?: boolean }): AdminEvent {
      const event = requireEvent(id);
      const name = change.name === undefined ? event.name : change.name.trim();
      if (!name) throw new AppError(400, 'invalid_request', 'The event needs a name.');
      deps.events.update(id, name, change.registrationOpen ?? event.registrationOpen, now());
      cache.invalidate(event.code); // phones see the new name and switch at once
      return toAdminEvent(deps.events.findWithCounts(id)!);
    },
    /** What a purge of the event would erase; 404 event_not_found. */
    contents: (id: string) => deps.events.contents(requireEvent(id).id),
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
