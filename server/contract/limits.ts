// The contract's plain values: the rules both sides check (codes, names, passwords, ids, the
// selfie limit, the settings' ranges) and the shape of a photo's URL. No dependencies, so the
// pages may import these values (the rest of the contract they import as types only).
import { LOCAL_FACE_PROFILE } from './face-profile.js';

/** An event's join code: 4 to 12 letters or digits (stored upper-case). */
export const EVENT_CODE_PATTERN = '^[A-Za-z0-9]{4,12}$';
export const EVENT_CODE_MAX = 12;
export const EVENT_NAME_MAX = 120;
/** 3 to 32 letters, digits, dot, dash or underscore. */
export const USERNAME_PATTERN = '^[\\p{L}\\p{N}._-]{3,32}$';
export const USERNAME_MAX = 32;
export const DISPLAY_NAME_MAX = 60;
export const EMAIL_MAX = 254;
/** Passwords are counted in UTF-8 bytes (bcrypt reads 72 at most). */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;
/** Ids made by the server: what a path parameter may be. */
export const ID_PATTERN = '^[A-Za-z0-9-]{1,64}$';
/** A password reset code: 8 letters and digits (no 0/O, 1/I/L), shown as ABCD-EFGH; spaces and dashes typed with it are ignored. */
export const RESET_CODE_LENGTH = 8;
/** Selfies kept per attendee (processing, accepted or held). */
export const MAX_SELFIES = 3;

export type PhotoSize = 'thumb' | 'preview' | 'original';
/** Where an attendee's phone fetches one of its photos. */
export const photoPath = (photoId: string, size: PhotoSize) => `/api/photo/${encodeURIComponent(photoId)}?size=${size}`;

export const SETTING_LIMITS = {
  bcryptRounds: { min: 10, max: 14, default: 10 },
  workers: { min: 1, max: 16 },
  /** The local engine's threshold: its range comes with the face model (face-profile.ts). */
  matchThreshold: LOCAL_FACE_PROFILE.threshold,
  rekognitionConcurrency: { min: 1, max: 50, default: 10 },
  retentionDays: { min: 0, max: 3650, default: 0 },
  /** Calls per second to Rekognition; 5 is the smallest regional default quota. */
  rekognitionTps: { min: 1, max: 100, default: 5 },
  /** Rekognition similarity (0..100) a face needs to match; the service's own default, 80, is too loose. */
  rekognitionFaceMatchThreshold: { min: 80, max: 99.9, default: 95 },
  /** Live streams (/api/stream) one attendee may hold at once; a new one closes their oldest. */
  streamsPerAttendee: { min: 1, max: 50, default: 4 },
  /** Open sockets one client address may hold on the attendee listener: a phone's browser uses up to 6, a group behind one router (NAT) shares one address. */
  connectionsPerAddress: { min: 8, max: 4096, default: 256 },
  /** Selfie uploads one attendee may make per window (rejected ones count). */
  selfieBudget: { min: 1, max: 1000, default: 10 },
  selfieBudgetWindowMinutes: { min: 1, max: 1440, default: 60 },
  /** The FTP receiver's control port (above 1023: no administrator rights needed) and its passive data ports. */
  ftpPort: { min: 1, max: 65535, default: 2121 },
  ftpPassivePortMin: { min: 1024, max: 65535, default: 50000 },
  ftpPassivePortMax: { min: 1024, max: 65535, default: 50099 },
} as const;

/** The reason codes a failed job's stored error starts with ("unreadable_image: VipsJpeg…"). */
export const JOB_FAILURE_CODES = ['unreadable_image', 'image_too_large', 'unsupported_format', 'engine_refused', 'processing_error'] as const;
export type JobFailureCode = (typeof JOB_FAILURE_CODES)[number];

/** A job's stored error as a reason code (anything unknown is `processing_error`) and its technical detail. */
export function jobReason(error: string | null): { reason: JobFailureCode; detail: string | null } {
  const m = /^([a-z_]+)(?::\s*([\s\S]*))?$/.exec(error ?? '');
  const code = JOB_FAILURE_CODES.find((c) => c === m?.[1]);
  return code ? { reason: code, detail: m?.[2] || null } : { reason: 'processing_error', detail: error };
}
