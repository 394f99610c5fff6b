// HTTP shapes of the admin listener (API.md, "Admin listener").
import { Type, type Static } from 'typebox';
import { Selfie } from './attendee.js';
import type { RefusedEvent } from './problems.js';
import { EVENT_CODE_PATTERN, EVENT_NAME_MAX, ID_PATTERN } from './limits.js';

export const AdminEvent = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Type.String(),
  createdAt: Type.String({ description: 'ISO 8601' }),
  attendeeCount: Type.Integer(),
  photoCount: Type.Integer(),
  hotFolder: Type.Union([Type.String(), Type.Null()]),
  registrationOpen: Type.Boolean({ description: 'attendees may create accounts (logging in always works)' }),
});
export type AdminEvent = Static<typeof AdminEvent>;

export const EventList = Type.Object({ events: Type.Array(AdminEvent) });
export type EventList = Static<typeof EventList>;

export const CreateEventBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: EVENT_NAME_MAX }),
    code: Type.Optional(Type.String({ pattern: EVENT_CODE_PATTERN, description: '4 to 12 letters or digits' })),
  },
  { additionalProperties: false },
);
export type CreateEventBody = Static<typeof CreateEventBody>;

export const CreatedEvent = Type.Object({
  event: Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() }),
});

export const CacheStats = Type.Object({
  hits: Type.Integer(),
  misses: Type.Integer(),
  hitRate: Type.Number({ description: '0..1, 0 before the first lookup' }),
  size: Type.Integer(),
});
export type CacheStats = Static<typeof CacheStats>;

export const QueueStats = Type.Object({
  queue: Type.Object({
    queued: Type.Integer(),
    running: Type.Integer(),
    done: Type.Integer(),
    failed: Type.Integer(),
    totalEnqueued: Type.Integer(),
    totalProcessed: Type.Integer(),
    workersActive: Type.Integer(),
    workers: Type.Integer(),
    photosPerMinute: Type.Number({ description: 'photo jobs finished per minute over the last 2 minutes' }),
    etaSeconds: Type.Union([Type.Integer(), Type.Null()], { description: 'time until the queue is empty at that rate' }),
  }),
  cache: Type.Record(Type.String(), CacheStats),
});
export type QueueStats = Static<typeof QueueStats>;

/** A one-use ticket that opens /api/admin/stream?ticket=… (EventSource cannot send the token as a header). */
export const StreamTicket = Type.Object({
  ticket: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type StreamTicket = Static<typeof StreamTicket>;

export const SystemStatus = Type.Object({
  cpu: Type.Object({
    cores: Type.Integer(),
    processPercent: Type.Number({ description: "this process's CPU use since the last sample, 100 = one core" }),
    systemPercent: Type.Number(),
    loadAverage: Type.Array(Type.Number()),
  }),
  memory: Type.Object({
    rssBytes: Type.Integer(),
    heapUsedBytes: Type.Integer(),
    systemTotalBytes: Type.Integer(),
    systemFreeBytes: Type.Integer(),
  }),
  eventLoopLagMs: Type.Number({ description: 'p99 event-loop delay over the last sampling window' }),
  eventLoop: Type.Object({ meanMs: Type.Number(), p99Ms: Type.Number(), maxMs: Type.Number() }),
  disk: Type.Object({
    freeBytes: Type.Integer({ description: 'free space where the data folder is' }),
    totalBytes: Type.Integer(),
    low: Type.Boolean({ description: 'under 1 GB or 5% free: new photos may soon be refused' }),
  }),
  uptimeSeconds: Type.Number(),
  version: Type.String(),
});
export type SystemStatus = Static<typeof SystemStatus>;

export const FaceEngineStatus = Type.Object({
  name: Type.String(),
  state: Type.Union([Type.Literal('ok'), Type.Literal('unreachable'), Type.Literal('unauthorized')]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  inFlight: Type.Optional(Type.Integer({ description: 'Rekognition calls in flight now' })),
  cap: Type.Optional(Type.Integer({ description: 'most Rekognition calls allowed in flight (rekognitionConcurrency)' })),
  model: Type.Optional(Type.String({ description: "the local engine's model profile" })),
  redescribing: Type.Optional(Type.Integer({ description: 'photos and selfies still to be described again by the current model' })),
});

export const SystemResponse = Type.Object({
  ...SystemStatus.properties,
  engine: FaceEngineStatus,
  bcryptRounds: Type.Integer(),
  workers: Type.Integer(),
});
export type SystemResponse = Static<typeof SystemResponse>;

export const SystemHistory = Type.Object({ samples: Type.Array(SystemStatus) });
export type SystemHistory = Static<typeof SystemHistory>;

export const JoinInfo = Type.Object({
  code: Type.String(),
  urls: Type.Array(Type.String(), { description: 'join URLs, the likely Wi-Fi address first' }),
  qrSvgDataUrl: Type.String({ description: 'QR code of the first URL, as an SVG data: URL' }),
});
export type JoinInfo = Static<typeof JoinInfo>;

export const AttendeeParams = Type.Object({
  id: Type.String({ pattern: ID_PATTERN }),
  attendeeId: Type.String({ pattern: ID_PATTERN }),
});
export const AdminPhotoParams = Type.Object({ photoId: Type.String({ pattern: ID_PATTERN }) });

export const EventParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export const PhotoStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('processing'),
  Type.Literal('done'),
  Type.Literal('no_faces'),
  Type.Literal('failed'),
]);
export type PhotoStatus = Static<typeof PhotoStatus>;

export const UploadPhotosResponse = Type.Object({
  photos: Type.Array(Type.Object({ id: Type.String(), fileName: Type.String(), status: PhotoStatus, error: Type.Optional(Type.String()) })),
  duplicates: Type.Array(Type.String()),
});
export type UploadPhotosResponse = Static<typeof UploadPhotosResponse>;

export const FolderBody = Type.Object({ folder: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false });
export const ImportResponse = Type.Object({
  queued: Type.Integer(),
  duplicates: Type.Integer(),
  failed: Type.Integer(),
  skipped: Type.Integer({ description: 'files not taken: not a regular file, a link out of the folder, over the size cap' }),
});
export type ImportResponse = Static<typeof ImportResponse>;
export const HotFolderBody = Type.Object(
  { folder: Type.Union([Type.String({ minLength: 1, maxLength: 4096 }), Type.Null()]) },
  { additionalProperties: false },
);
export const HotFolderResponse = Type.Object({ hotFolder: Type.Union([Type.String(), Type.Null()]) });

export const AdminPhoto = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  status: PhotoStatus,
  faceCount: Type.Integer(),
  attendeeIds: Type.Array(Type.String()),
  error: Type.Optional(Type.String()),
  createdAt: Type.String(),
});
export type AdminPhoto = Static<typeof AdminPhoto>;
export const PhotoListQuery = Type.Object(
  {
    status: Type.Optional(PhotoStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export const PhotoList = Type.Object({ photos: Type.Array(AdminPhoto) });

export const AdminAttendee = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  selfieStatus: Type.Union([Type.Literal('none'), Type.Literal('processing'), Type.Literal('accepted'), Type.Literal('rejected'), Type.Literal('held')]),
  photoCount: Type.Integer(),
});
export const AttendeeList = Type.Object({ attendees: Type.Array(AdminAttendee) });

export const JobState = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]);
export const AdminJob = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('selfie'), Type.Literal('photo')]),
  refId: Type.String(),
  state: JobState,
  attempts: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
});
export const JobListQuery = Type.Object(
  { state: Type.Optional(JobState), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) },
  { additionalProperties: false },
);
export const JobList = Type.Object({ jobs: Type.Array(AdminJob) });
export const JobParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** One face, one account: selfies held because they look like another attendee's accepted selfie. */
export const SelfieParams = Type.Object({ selfieId: Type.String({ pattern: ID_PATTERN }) });
export const AttendeeRef = Type.Object({ id: Type.String(), displayName: Type.String(), username: Type.String() });
export type AttendeeRef = Static<typeof AttendeeRef>;
export const HeldSelfie = Type.Object({
  id: Type.String({ description: 'the held selfie (its image: GET /api/admin/selfies/:id/image)' }),
  attendee: AttendeeRef,
  heldFor: Type.Union([AttendeeRef, Type.Null()], { description: 'the attendee it looks like; null if that account was removed since' }),
  heldForSelfieId: Type.Union([Type.String(), Type.Null()], { description: "that attendee's accepted selfie to compare with; null if there is none any more" }),
  heldAt: Type.String({ format: 'date-time' }),
});
export type HeldSelfie = Static<typeof HeldSelfie>;
export const HeldSelfieList = Type.Object({ selfies: Type.Array(HeldSelfie) });
export type HeldSelfieList = Static<typeof HeldSelfieList>;
export const SelfieDecisionBody = Type.Object(
  { accept: Type.Boolean({ description: 'true: different people, the selfie is accepted; false: the same person, it is refused' }) },
  { additionalProperties: false },
);
export type SelfieDecisionBody = Static<typeof SelfieDecisionBody>;
export const SelfieDecision = Selfie;
export type SelfieDecision = Static<typeof SelfieDecision>;

// Types of the schemas above that had none.
export type CreatedEvent = Static<typeof CreatedEvent>;
export type FaceEngineStatus = Static<typeof FaceEngineStatus>;
export type AttendeeParams = Static<typeof AttendeeParams>;
export type AdminPhotoParams = Static<typeof AdminPhotoParams>;
export type EventParams = Static<typeof EventParams>;
export type FolderBody = Static<typeof FolderBody>;
export type HotFolderBody = Static<typeof HotFolderBody>;
export type HotFolderResponse = Static<typeof HotFolderResponse>;
export type PhotoListQuery = Static<typeof PhotoListQuery>;
export type PhotoList = Static<typeof PhotoList>;
export type AdminAttendee = Static<typeof AdminAttendee>;
export type AttendeeList = Static<typeof AttendeeList>;
export type JobState = Static<typeof JobState>;
export type AdminJob = Static<typeof AdminJob>;
export type JobListQuery = Static<typeof JobListQuery>;
export type JobList = Static<typeof JobList>;
export type JobParams = Static<typeof JobParams>;
export type SelfieParams = Static<typeof SelfieParams>;

/** A photo's page: the photo, each face boxed with the attendee it went to, face reassignment. */
export const FaceBox = Type.Object(
  { x: Type.Number(), y: Type.Number(), width: Type.Number(), height: Type.Number() },
  { description: 'in pixels of the oriented original (photo.width × photo.height)' },
);
export const PhotoFace = Type.Object({
  index: Type.Integer(),
  box: FaceBox,
  attendeeId: Type.Union([Type.String(), Type.Null()]),
  attendee: Type.Union([AttendeeRef, Type.Null()]),
  distance: Type.Union([Type.Number(), Type.Null()], { description: 'of the automatic match; null for no one or a face given by the operator' }),
  byOperator: Type.Boolean(),
});
export type PhotoFace = Static<typeof PhotoFace>;
export const PhotoDetail = Type.Object({
  photo: Type.Object({
    id: Type.String(),
    eventId: Type.String(),
    fileName: Type.String(),
    status: PhotoStatus,
    width: Type.Union([Type.Integer(), Type.Null()]),
    height: Type.Union([Type.Integer(), Type.Null()]),
    faceCount: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    previewUrl: Type.String({ description: 'the whole photo, at most 1600 px (admin token required)' }),
    error: Type.Optional(Type.String()),
  }),
  faces: Type.Array(PhotoFace),
  unplaced: Type.Array(AttendeeRef, { description: 'given this photo by the operator on a face a later description did not find again' }),
});
export type PhotoDetail = Static<typeof PhotoDetail>;
export const FaceParams = Type.Object({ photoId: Type.String({ pattern: ID_PATTERN }), index: Type.Integer({ minimum: 0, maximum: 10_000 }) });
export type FaceParams = Static<typeof FaceParams>;
export const AssignFaceBody = Type.Object(
  { attendeeId: Type.Union([Type.String({ pattern: ID_PATTERN }), Type.Null()], { description: 'who the face is; null: no one (taken away)' }) },
  { additionalProperties: false },
);
export type AssignFaceBody = Static<typeof AssignFaceBody>;

/** What GET /api/admin/stream sends, by event name (server-sent events, JSON data). */
export interface AdminStreamEvents {
  stats: QueueStats;
  photo: { eventId: string; photoId: string; fileName: string; status: PhotoStatus; faceCount: number; error?: string };
  selfie: { attendeeId: string; eventId: string; selfie: Selfie };
  job: { jobId: number; kind: string; state: string; error?: string | null };
  match: { attendeeId: string; eventId: string; photoId: string; matchedAt: string; attendeeName: string; fileName: string };
  /** The operator deleted the photo. */
  'photo-removed': { eventId: string; photoId: string };
  refused: RefusedEvent;
}

/** PATCH /api/admin/events/:id: rename, open or close registrations. */
export const UpdateEventBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: EVENT_NAME_MAX })),
    registrationOpen: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateEventBody = Static<typeof UpdateEventBody>;
export const UpdatedEvent = Type.Object({ event: AdminEvent });
export type UpdatedEvent = Static<typeof UpdatedEvent>;

/** GET /api/admin/events/:id/contents: what purging the event erases. */
export const EventContents = Type.Object({
  attendees: Type.Integer(),
  selfies: Type.Integer(),
  photos: Type.Integer(),
  faces: Type.Integer({ description: 'faces found in the photos, with their descriptors' }),
  matches: Type.Integer(),
});
export type EventContents = Static<typeof EventContents>;

/** A one-time password reset code for an attendee, to read out or show to them. */
export const ResetCode = Type.Object({
  code: Type.String({ description: '8 letters and digits; the phone accepts it with or without spaces and dashes' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type ResetCode = Static<typeof ResetCode>;
