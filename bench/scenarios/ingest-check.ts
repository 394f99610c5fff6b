// Did FindMe match everyone it should, and no one it should not? Compares the event's photos
// (admin list: attendees per photo) and the fixture attendees' galleries (attendee API) with
// what was composited into each photo.
import { galleryNames, photoIdsByName } from '../lib/events.js';
import type { SetPhoto } from '../lib/photo-set.js';
import type { FindMeServer } from '../lib/server-process.js';

export interface MatchCheck {
  expected: number;
  found: number;
  missed: { photo: string; attendee: string }[];
  falseMatches: { photo: string; attendee: string }[];
  /** Fixture attendees whose gallery differs from the photos they are in. */
  galleryMismatches: { attendee: string; missing: string[]; extra: string[] }[];
  /** Filled in later: the same comparison for the face model alone (the floor run). */
  modelAlone?: { found: number; falseMatches: number };
}

export async function checkMatches(server: FindMeServer, eventId: string, set: SetPhoto[], tokens: Map<string, string>): Promise<MatchCheck> {
  const photos = (await server.admin('GET', `/api/admin/events/${eventId}/photos?limit=1000`)).photos as {
    id: string;
    fileName: string;
    attendeeIds: string[];
  }[];
  const attendees = (await server.admin('GET', `/api/admin/events/${eventId}/attendees`)).attendees as { id: string; username: string }[];
  const nameOf = new Map(attendees.map((a) => [a.id, a.username]));
  const byFile = new Map(photos.map((p) => [p.fileName, p]));
  const check: MatchCheck = { expected: 0, found: 0, missed: [], falseMatches: [], galleryMismatches: [] };
  for (const p of set) {
    const got = new Set((byFile.get(p.name)?.attendeeIds ?? []).map((id) => nameOf.get(id) ?? id));
    for (const a of p.expected) {
      check.expected++;
      if (got.has(a)) check.found++;
      else check.missed.push({ photo: p.name, attendee: a });
    }
    for (const a of got) if (!p.expected.includes(a)) check.falseMatches.push({ photo: p.name, attendee: a });
  }
  const ids = await photoIdsByName(server, eventId);
  const namesById = new Map([...ids].map(([name, id]) => [id, name]));
  for (const [attendee, token] of tokens) {
    const gallery = await galleryNames(server, token, namesById);
    const want = set
      .filter((p) => p.expected.includes(attendee))
      .map((p) => p.name)
      .sort();
    const missing = want.filter((n) => !gallery.includes(n));
    const extra = gallery.filter((n) => !want.includes(n));
    if (missing.length || extra.length) check.galleryMismatches.push({ attendee, missing, extra });
  }
  return check;
}
