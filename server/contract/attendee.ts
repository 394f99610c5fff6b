// HTTP shapes of the attendee listener (API.md, "Attendee listener").
import { Type, type Static } from 'typebox';
import { PublicBranding } from './branding.js';
import { EventRef } from './common.js';
import { DISPLAY_NAME_MAX, EMAIL_MAX, ID_PATTERN, USERNAME_PATTERN } from './limits.js';

export { EVENT_CODE_PATTERN, PASSWORD_MAX_BYTES, PASSWORD_MIN_BYTES, USERNAME_PATTERN } from './limits.js';

const EventCode = Type.String({ minLength: 1, maxLength: 32 });
const Username = Type.String({ pattern: USERNAME_PATTERN, description: '3 to 32 letters, digits, dot, dash or underscore' });
const Email = Type.String({ maxLength: EMAIL_MAX, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });
// Length in characters is checked here; the 8-72 *bytes* rule is checked by the service.
const Password = Type.String({ minLength: 1, maxLength: 256 });

export const Attendee = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
});
export type Attendee = Static<typeof Attendee>;

export const HealthResponse = Type.Object({ status: Type.Literal('ok') });

export const CheckEventCodeQuery = Type.Object({ code: EventCode }, { additionalProperties: false });
/** The event a typed or scanned code names, and whether it still takes new accounts. */
export const JoinEvent = Type.Object({ ...EventRef.properties, registrationOpen: Type.Boolean() });
export type JoinEvent = Static<typeof JoinEvent>;
export const CheckEventCodeResponse = Type.Object({
  valid: Type.Boolean(),
  event: Type.Optional(JoinEvent),
  /** The event's colour and logo, so the join screen and header wear them (valid codes only). */
  branding: Type.Optional(PublicBranding),
});
export type CheckEventCodeResponse = Static<typeof CheckEventCodeResponse>;

export const CheckAvailabilityQuery = Type.Object(
  {
    code: EventCode,
    username: Type.Optional(Type.String({ maxLength: 64 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
  },
  { additionalProperties: false },
);
export const CheckAvailabilityResponse = Type.Object({
  usernameAvailable: Type.Optional(Type.Boolean()),
  emailAvailable: Type.Optional(Type.Boolean()),
});
export type CheckAvailabilityResponse = Static<typeof CheckAvailabilityResponse>;

export const RegisterBody = Type.Object(
  {
    code: EventCode,
    username: Username,
    email: Type.Optional(Email),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: DISPLAY_NAME_MAX })),
    password: Password,
    consent: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const AuthResponse = Type.Object({ token: Type.String(), attendee: Attendee });
export type AuthResponse = Static<typeof AuthResponse>;

export const LoginBody = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 254 }),
    password: Password,
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** A new password with the one-time code the organiser gave; the identifier must be the code's attendee's. */
export const ResetPasswordBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32 }),
    identifier: Type.String({ minLength: 1, maxLength: 254 }),
    password: Password,
  },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const ChooseEventResponse = Type.Object({
  error: Type.Object({ code: Type.Literal('choose_event'), message: Type.String() }),
  events: Type.Array(EventRef),
});
export type ChooseEventResponse = Static<typeof ChooseEventResponse>;

export const SelfieStatus = Type.Union([
  Type.Literal('processing'),
  Type.Literal('accepted'),
  Type.Literal('rejected'),
  Type.Literal('held', { description: 'looks like another attendee: waiting for the organiser to check' }),
]);
export type SelfieStatus = Static<typeof SelfieStatus>;

export const SelfieRejection = Type.Union([
  Type.Literal('no_face'),
  Type.Literal('several_faces'),
  Type.Literal('face_too_small'),
  Type.Literal('unreadable_image'),
  Type.Literal('face_of_another_attendee'),
]);
export type SelfieRejection = Static<typeof SelfieRejection>;

export const Selfie = Type.Object({
  id: Type.String(),
  status: SelfieStatus,
  reason: Type.Optional(SelfieRejection),
});
export type Selfie = Static<typeof Selfie>;

export const MeResponse = Type.Object({
  attendee: Attendee,
  selfies: Type.Array(Selfie),
  photoCount: Type.Integer(),
  /** The look of the attendee's event (colour, logo), when it has one. */
  branding: Type.Optional(PublicBranding),
});
export type MeResponse = Static<typeof MeResponse>;

export const UploadSelfieResponse = Type.Object({
  selfie: Type.Object({ id: Type.String(), status: Type.Literal('processing') }),
});

export const GalleryPhoto = Type.Object({
  id: Type.String(),
  thumbUrl: Type.String(),
  previewUrl: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  matchedAt: Type.String({ description: 'ISO 8601' }),
});
export type GalleryPhoto = Static<typeof GalleryPhoto>;

export const MyPhotosQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  },
  { additionalProperties: false },
);
export const MyPhotosResponse = Type.Object({
  photos: Type.Array(GalleryPhoto),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type MyPhotosResponse = Static<typeof MyPhotosResponse>;

export const PhotoParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
export const PhotoQuery = Type.Object(
  { size: Type.Optional(Type.Union([Type.Literal('thumb'), Type.Literal('preview'), Type.Literal('original')], { default: 'preview' })) },
  { additionalProperties: false },
);

/**
 * POST /api/photo/:id/not-me/undo: takes back a "This isn't me" of the last 30 seconds (204);
 * later, or twice, 410 `undo_expired`.
 */
export const UndoNotMeParams = PhotoParams;
export type UndoNotMeParams = Static<typeof UndoNotMeParams>;

/** Why the server ended an attendee's stream (sent as `ended` just before it closes). */
export type StreamEndReason = 'removed';

/** Server-sent events on /api/stream. */
export interface AttendeeStreamEvents {
  selfie: { id: string; status: SelfieStatus; reason?: SelfieRejection };
  match: { photoId: string; matchedAt: string };
  /** The photo left the attendee's gallery (the organiser took it away or deleted it). */
  'photo-removed': { photoId: string };
  /** The organiser removed this attendee: the stream closes next and the session is gone. */
  ended: { reason: StreamEndReason };
}

// Types of the schemas above that had none.
export type HealthResponse = Static<typeof HealthResponse>;
export type CheckEventCodeQuery = Static<typeof CheckEventCodeQuery>;
export type CheckAvailabilityQuery = Static<typeof CheckAvailabilityQuery>;
export type UploadSelfieResponse = Static<typeof UploadSelfieResponse>;
export type MyPhotosQuery = Static<typeof MyPhotosQuery>;
export type PhotoParams = Static<typeof PhotoParams>;
export type PhotoQuery = Static<typeof PhotoQuery>;
