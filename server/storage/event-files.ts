// Where an event's files live: <data>/events/<eventId>/{originals,previews,thumbs,selfies,incoming}/.
// Files are named by ids the server made, never by a name a user chose.
import { join } from 'node:path';
import { ID_PATTERN } from '../contract/limits.js';

const SAFE_ID = new RegExp(ID_PATTERN);

function safe(id: string): string {
  if (!SAFE_ID.test(id)) throw new Error(`unsafe id in a file path: ${JSON.stringify(id)}`);
  return id;
}

export function createEventFiles(dataDir: string) {
  const eventDir = (eventId: string) => join(dataDir, 'events', safe(eventId));
  return {
    eventDir,
    incomingDir: (eventId: string) => join(eventDir(eventId), 'incoming'),
    original: (eventId: string, photoId: string, ext: string) => join(eventDir(eventId), 'originals', `${safe(photoId)}${ext}`),
    preview: (eventId: string, photoId: string) => join(eventDir(eventId), 'previews', `${safe(photoId)}.jpg`),
    thumb: (eventId: string, photoId: string) => join(eventDir(eventId), 'thumbs', `${safe(photoId)}.jpg`),
    selfieUpload: (eventId: string, selfieId: string) => join(eventDir(eventId), 'selfies', `${safe(selfieId)}.upload`),
    selfie: (eventId: string, selfieId: string) => join(eventDir(eventId), 'selfies', `${safe(selfieId)}.jpg`),
    /** The event's logo, named by the hash of its bytes (a new logo is a new file). */
    logo: (eventId: string, hash: string) => join(eventDir(eventId), 'branding', `logo-${safe(hash)}.png`),
  };
}
export type EventFiles = ReturnType<typeof createEventFiles>;
