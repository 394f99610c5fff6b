// The Live page's figures of one event: its photos by state, the recent rate and the time
// left, and its newest matches (the feed, seeded after a reload).
import { Type, type Static } from 'typebox';

export const EventQueue = Type.Object({
  queued: Type.Integer(),
  processing: Type.Integer(),
  done: Type.Integer({ description: 'done, with or without faces' }),
  failed: Type.Integer(),
  photosPerMinute: Type.Union([Type.Number(), Type.Null()], { description: 'over the last minute of work; null until a few photos are done' }),
  etaSeconds: Type.Union([Type.Integer(), Type.Null()], { description: '0 when nothing is left; null until the rate is known' }),
});
export type EventQueue = Static<typeof EventQueue>;

export const RecentMatchesQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
  { additionalProperties: false },
);
export type RecentMatchesQuery = Static<typeof RecentMatchesQuery>;

export const RecentMatch = Type.Object({
  attendeeId: Type.String(),
  eventId: Type.String(),
  photoId: Type.String(),
  attendeeName: Type.String(),
  fileName: Type.String(),
  matchedAt: Type.String({ format: 'date-time' }),
  thumbUrl: Type.String({ description: 'GET it with the admin token' }),
});
export type RecentMatch = Static<typeof RecentMatch>;
export const RecentMatches = Type.Object({ matches: Type.Array(RecentMatch, { description: 'newest first' }) });
export type RecentMatches = Static<typeof RecentMatches>;
