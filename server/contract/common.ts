// Shapes shared by both listeners. This folder is the one contract between the server and the
// renderer: the server validates and serializes with these schemas, the renderer imports their
// types (type-only imports; see eslint.config.js).
import { Type, type Static } from 'typebox';

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'stable snake_case code' }),
    message: Type.String({ description: 'human text' }),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Error codes a client can see. Stable: clients switch on them. */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'unsupported_media_type',
  'body_too_large',
  'not_found',
  'unauthorized',
  'session_expired',
  'rate_limited',
  'server_busy',
  'internal_error',
  'event_not_found',
  'code_taken',
  'username_taken',
  'email_taken',
  'consent_required',
  'password_too_short',
  'password_too_long',
  'invalid_credentials',
  'choose_event',
  'file_required',
  'file_too_large',
  'unreadable_image',
  'image_too_large',
  'too_many_selfies',
  'invalid_folder',
  'job_not_retryable',
  'invalid_setting',
  'cross_site_request',
  'disk_full',
  'wrong_host',
  'too_many_connections',
  'selfie_budget_exceeded',
  'headers_too_large',
  'request_timeout',
  'not_held',
  'ftp_unavailable',
  'too_many_failed_logins',
  'face_not_found',
  'attendee_not_in_event',
  'wall_photo_blocked',
  'wall_photo_not_ready',
  'invalid_wifi',
  'undo_expired',
  'reset_code_invalid',
  'registration_closed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const EventRef = Type.Object({ id: Type.String(), name: Type.String() });
export type EventRef = Static<typeof EventRef>;
