// The shared face fixtures (../shared/fixtures/faces) and helpers to feed them to a server.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MyPhotosResponse } from '../../server/contract/attendee.js';
import { packageRoot } from '../../server/util/app-paths.js';
import type { ApiResult, TestServer } from './test-server.js';

export const FIXTURES = join(packageRoot(), '..', 'shared', 'fixtures', 'faces');

export interface Manifest {
  attendees: string[];
  selfies: Record<string, string>;
  photos: Record<string, { faces: string[] }>;
}

export const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as Manifest;
export const fixture = (rel: string) => join(FIXTURES, rel);

export function formWith(field: string, files: { name: string; bytes: Uint8Array; type?: string }[]): FormData {
  const form = new FormData();
  for (const f of files) form.append(field, new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.name);
  return form;
}

export async function uploadSelfie(s: TestServer, token: string, bytes: Uint8Array, name = 'selfie.jpg') {
  const res = await fetch(`${s.attendeeUrl}/api/upload-selfie`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: formWith('file', [{ name, bytes, type: 'image/jpeg' }]),
  });
  return { status: res.status, headers: res.headers, body: await res.json() } as ApiResult;
}

export async function uploadPhotos(s: TestServer, eventId: string, files: { name: string; bytes: Uint8Array }[]) {
  const res = await fetch(`${s.adminUrl}/api/admin/events/${eventId}/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.adminToken}` },
    body: formWith('files', files),
  });
  return { status: res.status, headers: res.headers, body: await res.json() } as ApiResult;
}

export const fixtureFile = (rel: string) => ({ name: basename(rel), bytes: readFileSync(fixture(rel)) });

/** Waits until no job is queued or running. */
export async function waitForIdle(s: TestServer, timeoutMs = 120_000) {
  const start = Date.now();
  for (;;) {
    const { queue } = s.findme.queue.stats();
    if (queue.queued === 0 && queue.running === 0) return queue;
    if (Date.now() - start > timeoutMs) throw new Error(`queue not idle after ${timeoutMs} ms: ${JSON.stringify(queue)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** File names of every photo in an attendee's gallery (following cursors). */
export async function galleryFileNames(s: TestServer, eventId: string, token: string): Promise<string[]> {
  const names = new Map<string, string>();
  const all = (await s.admin('GET', `/api/admin/events/${eventId}/photos?limit=1000`)).body.photos as { id: string; fileName: string }[];
  for (const p of all) names.set(p.id, p.fileName);
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const res: ApiResult<MyPhotosResponse> = await s.api<MyPhotosResponse>('GET', `/api/my-photos?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token });
    if (res.status !== 200) throw new Error(`my-photos ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...res.body.photos.map((p) => names.get(p.id) ?? `?${p.id}`));
    cursor = res.body.nextCursor;
  } while (cursor);
  return out.sort();
}

/** What the manifest says an attendee should see. */
export const expectedFor = (attendee: string) =>
  Object.entries(manifest.photos)
    .filter(([, v]) => v.faces.includes(attendee))
    .map(([k]) => basename(k))
    .sort();
