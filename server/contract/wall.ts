// HTTP shapes of the live photo wall: the operator's switch and moderation (admin listener), and
// the wall page's read-only routes (attendee listener), which carry no names, attendee ids or faces.
import { Type, type Static } from 'typebox';
import { ID_PATTERN } from './limits.js';

export const WallPhotoState = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('hidden'), Type.Literal('blocked')]);
export type WallPhotoState = Static<typeof WallPhotoState>;

/** Why a photo can never be on the wall: an attendee in it deleted their account, or said "not me". */
export const WallBlockReason = Type.Union([Type.Literal('account_deleted'), Type.Literal('not_me')]);
export type WallBlockReason = Static<typeof WallBlockReason>;

/** GET/PUT /api/admin/events/:id/wall */
export const WallStatus = Type.Object({
  enabled: Type.Boolean(),
  urls: Type.Array(Type.String(), { description: "the wall's address on each of the laptop's networks (empty when off)" }),
  qrSvgDataUrl: Type.Union([Type.String(), Type.Null()], { description: 'a QR code of the first address' }),
});
export type WallStatus = Static<typeof WallStatus>;

export const WallSwitch = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });
export type WallSwitch = Static<typeof WallSwitch>;

export const WallModerationQuery = Type.Object({
  state: Type.Optional(WallPhotoState),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type WallModerationQuery = Static<typeof WallModerationQuery>;

export const WallModerationPhoto = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  createdAt: Type.String({ description: 'ISO 8601' }),
  state: WallPhotoState,
  approvedAt: Type.Union([Type.String(), Type.Null()]),
  blockedReason: Type.Union([WallBlockReason, Type.Null()]),
});
export type WallModerationPhoto = Static<typeof WallModerationPhoto>;

export const WallCounts = Type.Object({ pending: Type.Integer(), approved: Type.Integer(), hidden: Type.Integer(), blocked: Type.Integer() });
export type WallCounts = Static<typeof WallCounts>;

/** GET /api/admin/events/:id/wall/photos: the processed photos in one state, newest first, and how many are in each. */
export const WallModerationList = Type.Object({ counts: WallCounts, photos: Type.Array(WallModerationPhoto) });
export type WallModerationList = Static<typeof WallModerationList>;

/** PUT /api/admin/photos/:photoId/wall: true puts it on the wall, false hides it. */
export const WallApproval = Type.Object({ approved: Type.Boolean() }, { additionalProperties: false });
export type WallApproval = Static<typeof WallApproval>;

/** The secret part of a wall's address. */
export const WALL_KEY_PATTERN = '^[A-Za-z0-9_-]{16,64}$';
export const WallParams = Type.Object({ key: Type.String({ pattern: WALL_KEY_PATTERN }) });
export type WallParams = Static<typeof WallParams>;
export const WallPhotoParams = Type.Object({ key: Type.String({ pattern: WALL_KEY_PATTERN }), photoId: Type.String({ pattern: ID_PATTERN }) });
export type WallPhotoParams = Static<typeof WallPhotoParams>;

/** GET /api/wall/:key: the event's name and the photos to show, newest approval first. */
export const PublicWall = Type.Object({
  eventName: Type.String(),
  photos: Type.Array(Type.Object({ id: Type.String(), url: Type.String({ description: 'the preview image' }) })),
});
export type PublicWall = Static<typeof PublicWall>;
