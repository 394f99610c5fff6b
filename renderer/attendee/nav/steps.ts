// The attendee app's places, as the browser's history holds them: every sign-up step and the
// photo viewer is an entry of its own, so Back, Forward and a reload go where the attendee
// expects. An entry's `depth` counts the app's entries before it in this tab: Back buttons
// inside the app go back in history only when there is an entry of ours to go back to.
import type { EventRef } from '../../../server/contract/common';

export type SignOutReason = 'logout' | 'deleted' | 'expired' | 'removed';

export type Step =
  | { name: 'join' }
  | { name: 'register'; event: EventRef; code: string }
  | { name: 'consent'; event: EventRef; code: string }
  | { name: 'login'; event: EventRef | null }
  /** A forgotten password: the operator's one-time code and a new password. */
  | { name: 'reset'; event: EventRef | null; identifier: string }
  /** `photo`: the photo open in the viewer. */
  | { name: 'home'; photo?: string }
  | { name: 'farewell'; reason: SignOutReason };

export interface Entry {
  findme: 1;
  depth: number;
  step: Step;
}

const STEP_NAMES = new Set<string>(['join', 'register', 'consent', 'login', 'reset', 'home', 'farewell']);
const isEvent = (e: unknown): e is EventRef =>
  typeof e === 'object' && e !== null && typeof (e as EventRef).id === 'string' && typeof (e as EventRef).name === 'string';

/** The app's entry in history.state, checked (a reload keeps it; anything else is ignored). */
export function readEntry(state: unknown): Entry | null {
  if (typeof state !== 'object' || state === null) return null;
  const { findme, depth, step } = state as Partial<Entry>;
  if (findme !== 1 || typeof depth !== 'number' || typeof step !== 'object' || step === null || !STEP_NAMES.has(step.name)) return null;
  if ((step.name === 'register' || step.name === 'consent') && (!isEvent(step.event) || typeof step.code !== 'string')) return null;
  if ((step.name === 'login' || step.name === 'reset') && step.event !== null && !isEvent(step.event)) return null;
  if (step.name === 'reset' && typeof step.identifier !== 'string') return null;
  if (step.name === 'home' && step.photo !== undefined && typeof step.photo !== 'string') return null;
  if (step.name === 'farewell' && !['logout', 'deleted', 'expired', 'removed'].includes(step.reason)) return null;
  return { findme, depth, step };
}

/** Steps that exist only signed out (sign-up, log-in, farewell), and the one only signed in. */
export const signedOutOnly = (step: Step) => step.name !== 'home';

/** The event code in the path (/e/<CODE>), upper-cased; '' at /. */
export function codeFromPath(): string {
  const m = /^\/e\/([A-Za-z0-9]{1,32})\/?$/.exec(location.pathname);
  return m?.[1]?.toUpperCase() ?? '';
}

/** Is this a path of the phone app? Anything else is the "page not found" screen. */
export const knownPath = () => location.pathname === '/' || /^\/e\/[A-Za-z0-9]{1,32}\/?$/.test(location.pathname);
