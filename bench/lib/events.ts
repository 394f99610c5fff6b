// Setting up events through the admin API: fixture photos imported, attendees registered.
import { readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import { FIXTURES, fixture, manifest } from './fixtures.js';
import { request } from './http.js';
import { PASSWORD } from './journey.js';
import type { FindMeServer } from './server-process.js';

/** An event holding the 15 fixture photos, processed; returns photo ids by file name. */
export async function eventWithFixturePhotos(server: FindMeServer, name: string): Promise<{ id: string; code: string; photoIds: Map<string, string> }> {
  const event = await server.createEvent(name);
  await server.admin('POST', `/api/admin/events/${event.id}/import`, { folder: `${FIXTURES}/photos` });
  await server.waitIdle(180_000);
  return { ...event, photoIds: await photoIdsByName(server, event.id) };
}

export async function photoIdsByName(server: FindMeServer, eventId: string): Promise<Map<string, string>> {
  const list = await server.admin('GET', `/api/admin/events/${eventId}/photos?limit=1000`);
  return new Map((list.photos as { id: string; fileName: string }[]).map((p) => [p.fileName, p.id]));
}

/**
 * Registers `count` attendees: the 5 fixture attendees first (username = their name, with
 * their real selfie), then plain accounts without a selfie. Returns the fixture tokens.
 */
export async function registerAttendees(server: FindMeServer, code: string, count: number): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const limit = pLimit(4);
  const names = [...manifest.attendees, ...Array.from({ length: Math.max(0, count - manifest.attendees.length) }, (_, i) => `guest${i}`)];
  await Promise.all(
    names.map((username) =>
      limit(async () => {
        const reg = await request(`${server.attendeeUrl}/api/register`, {
          method: 'POST',
          json: { code, username, password: PASSWORD, consent: true },
          timeoutMs: 60_000,
        });
        if (reg.status !== 201) throw new Error(`register ${username}: ${reg.status} ${reg.error ?? JSON.stringify(reg.body)}`);
        if (!manifest.selfies[username]) return;
        tokens.set(username, reg.body.token);
        const form = new FormData();
        form.append('file', new Blob([readFileSync(fixture(manifest.selfies[username]!))], { type: 'image/jpeg' }), 'selfie.jpg');
        const up = await request(`${server.attendeeUrl}/api/upload-selfie`, { method: 'POST', token: reg.body.token, form });
        if (up.status !== 202) throw new Error(`selfie ${username}: ${up.status} ${JSON.stringify(up.body)}`);
      }),
    ),
  );
  await server.waitIdle(180_000);
  return tokens;
}

/** File names in an attendee's gallery (every page). */
export async function galleryNames(server: FindMeServer, token: string, namesById: Map<string, string>): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await request(`${server.attendeeUrl}/api/my-photos?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    if (res.status !== 200) throw new Error(`my-photos ${res.status}`);
    out.push(...(res.body.photos as { id: string }[]).map((p) => namesById.get(p.id) ?? `?${p.id}`));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return out.sort();
}
