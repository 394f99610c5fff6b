// HTTP shapes of the admin listener (API.md, "Admin listener").
import { Type, type Static } from 'typebox';
import { EVENT_CODE_PATTERN } from './attendee.js';

export const AdminEvent = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Type.String(),
  createdAt: Type.String({ description: 'ISO 8601' }),
  attendeeCount: Type.Integer(),
  photoCount: Type.Integer(),
});
export type AdminEvent = Static<typeof AdminEvent>;

export const EventList = Type.Object({ events: Type.Array(AdminEvent) });
export type EventList = Static<typeof EventList>;

export const CreateEventBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
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
  }),
  cache: Type.Record(Type.String(), CacheStats),
});
export type QueueStats = Static<typeof QueueStats>;

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
  uptimeSeconds: Type.Number(),
  version: Type.String(),
});
export type SystemStatus = Static<typeof SystemStatus>;
