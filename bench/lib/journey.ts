// One virtual attendee on their phone: the whole journey of API.md, timed per endpoint.
// check the code → availability → register → selfie (~3 MB) → poll /api/me until accepted →
// gallery and thumbnails a few times with think time → log out → log in → gallery again.
// In a soak, return visits (me, gallery and thumbnails twice; a new login every 5th) follow.
import type { Agent } from 'node:http';
import { phoneAgent, request, type HttpResult } from './http.js';
import type { Recorder } from './recorder.js';

export const PASSWORD = 'correct horse battery staple';

export interface JourneyContext {
  base: string;
  code: string;
  eventId: string;
  rec: Recorder;
  /** The phone selfies (3 MB JPEGs) handed out round-robin. */
  selfies: Blob[];
  selfieTimeoutMs: number;
  /** No new request after this time (epoch ms). */
  deadline: number;
  /** Return visits until this time (epoch ms), for the soak. */
  soakUntil?: number;
  /** The source address of attendee `index` (undefined: 127.0.0.1, every phone behind one router). */
  addressOf?: (index: number) => string | undefined;
}

export interface JourneyOutcome {
  ok: boolean;
  /** Why the journey stopped early. */
  reason?: string;
  galleryPhotos: number;
  thumbs: number;
  selfieAcceptedMs?: number;
  /** When the selfie upload started and when /api/me first said accepted (epoch ms). */
  selfieUploadAt?: number;
  selfieAcceptedAt?: number;
  returnVisits: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const think = (ctx: JourneyContext) => sleep(Math.min(1000 + Math.random() * 2000, Math.max(0, ctx.deadline - Date.now())));

/** Stops a virtual phone's session: a failed request or the deadline. */
export class Abort extends Error {}

/** A phone's timed calls: recorded per endpoint, through its agent; a failure stops it. */
export function phoneCaller(base: string, rec: Recorder, agent: Agent, deadline: number) {
  return async (endpoint: string, path: string, init: Parameters<typeof request>[1] = {}): Promise<HttpResult> => {
    if (Date.now() > deadline) throw new Abort('deadline');
    const res = rec.record(endpoint, await request(base + path, { ...init, agent }));
    if (!res.ok) throw new Abort(`${endpoint} ${res.status || res.error}`);
    return res;
  };
}

export function selfieForm(selfie: Blob): FormData {
  const form = new FormData();
  form.append('file', selfie, 'IMG_0001.jpg');
  return form;
}

export async function journey(ctx: JourneyContext, index: number, username: string): Promise<JourneyOutcome> {
  const { base, rec } = ctx;
  const out: JourneyOutcome = { ok: false, galleryPhotos: 0, thumbs: 0, returnVisits: 0 };
  const agent: Agent = phoneAgent(ctx.addressOf?.(index));
  const call = phoneCaller(base, rec, agent, ctx.deadline);
  const gallery = async (token: string) => {
    const page = await call('my-photos', '/api/my-photos?limit=30', { token });
    const photos = (page.body?.photos ?? []) as { id: string }[];
    out.galleryPhotos = Math.max(out.galleryPhotos, photos.length);
    const visible = photos.slice(0, 12);
    // A phone loads the visible thumbnails about six at a time.
    for (let i = 0; i < visible.length; i += 6) {
      await Promise.all(visible.slice(i, i + 6).map((p) => call('photo-thumb', `/api/photo/${p.id}?size=thumb`, { token, binary: true })));
      out.thumbs += Math.min(6, visible.length - i);
    }
  };
  try {
    await call('check-event-code', `/api/check-event-code?code=${encodeURIComponent(ctx.code)}`);
    await call('check-user-availability', `/api/check-user-availability?code=${encodeURIComponent(ctx.code)}&username=${encodeURIComponent(username)}`);
    const reg = await call('register', '/api/register', {
      method: 'POST',
      json: { code: ctx.code, username, displayName: `Attendee ${index}`, password: PASSWORD, consent: true },
    });
    let token = reg.body.token as string;
    const t0 = Date.now();
    out.selfieUploadAt = t0;
    await call('upload-selfie', '/api/upload-selfie', {
      method: 'POST',
      token,
      form: selfieForm(ctx.selfies[index % ctx.selfies.length]!),
      timeoutMs: 120_000,
    });
    for (;;) {
      const me = await call('me', '/api/me', { token });
      const status = me.body?.selfies?.[0]?.status as string | undefined;
      // Held: it looks like another attendee's face and waits for the operator; the phone goes on.
      if (status === 'accepted' || status === 'held') break;
      if (status === 'rejected') throw new Abort(`selfie rejected: ${me.body.selfies[0].reason}`);
      if (Date.now() - t0 > ctx.selfieTimeoutMs) throw new Abort('selfie not accepted in time');
      await sleep(1000);
    }
    out.selfieAcceptedAt = Date.now();
    out.selfieAcceptedMs = out.selfieAcceptedAt - t0;
    for (let round = 0; round < 3; round++) {
      await think(ctx);
      await gallery(token);
    }
    await call('logout', '/api/logout', { method: 'POST', token });
    await think(ctx);
    token = (await call('login', '/api/login', { method: 'POST', json: { identifier: username, password: PASSWORD, eventId: ctx.eventId } })).body.token;
    await gallery(token);
    await call('logout', '/api/logout', { method: 'POST', token });
    out.ok = true;
    // Return visits: the app is opened again (session kept), the gallery browsed; every 5th
    // visit the attendee logs out and back in.
    let loggedIn = false;
    for (let visit = 0; ctx.soakUntil && visit < 10_000 && Date.now() < ctx.soakUntil; visit++) {
      await think(ctx);
      if (!loggedIn) {
        token = (await call('login', '/api/login', { method: 'POST', json: { identifier: username, password: PASSWORD, eventId: ctx.eventId } })).body.token;
        loggedIn = true;
      }
      await call('me', '/api/me', { token });
      await gallery(token);
      await think(ctx);
      await gallery(token);
      if (visit % 5 === 4) {
        await call('logout', '/api/logout', { method: 'POST', token });
        loggedIn = false;
      }
      out.returnVisits++;
    }
  } catch (err) {
    if (!(err instanceof Abort)) throw err;
    if (!out.ok) out.reason = err.message;
    else if (err.message !== 'deadline') {
      out.ok = false;
      out.reason = `return visit: ${err.message}`;
    }
  } finally {
    agent.destroy();
  }
  return out;
}
