// The dashboard's Problems list: files a way in refused and jobs that failed, together, each
// with a stable reason code (its words are in the dashboard's i18n: problem_<code>).
import { Type, type Static } from 'typebox';
import { ID_PATTERN } from './limits.js';

/** Where a refused file came from. */
export const RefusalSource = Type.Union([Type.Literal('upload'), Type.Literal('import'), Type.Literal('hot_folder'), Type.Literal('ftp')]);
export type RefusalSource = Static<typeof RefusalSource>;

export const ProblemReason = Type.Union([
  Type.Literal('empty_file'),
  Type.Literal('unsupported_format'),
  Type.Literal('unreadable_image'),
  Type.Literal('image_too_large'),
  Type.Literal('file_too_large'),
  Type.Literal('not_taken'),
  Type.Literal('engine_refused'),
  Type.Literal('processing_error'),
]);
export type ProblemReason = Static<typeof ProblemReason>;

export const Problem = Type.Object({
  kind: Type.Union([Type.Literal('refused'), Type.Literal('job')]),
  id: Type.Integer({ description: 'a refusal: DELETE /api/admin/refused-files/:id; a job: POST /api/admin/jobs/:id/retry' }),
  name: Type.String({ description: "the file's name; for a selfie, its attendee's username" }),
  source: Type.Union([RefusalSource, Type.Literal('photo'), Type.Literal('selfie')], { description: 'a refusal: the way in; a job: its kind' }),
  reason: ProblemReason,
  detail: Type.Union([Type.String(), Type.Null()], { description: 'the technical detail, in English (for a tooltip)' }),
  at: Type.String({ format: 'date-time' }),
  attempts: Type.Optional(Type.Integer()),
});
export type Problem = Static<typeof Problem>;

export const ProblemListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })) },
  { additionalProperties: false },
);
export type ProblemListQuery = Static<typeof ProblemListQuery>;

export const ProblemList = Type.Object({
  problems: Type.Array(Problem, { description: 'newest first' }),
  refused: Type.Integer({ description: "the event's refused files kept (at most 500)" }),
  failedJobs: Type.Integer(),
});
export type ProblemList = Static<typeof ProblemList>;

export const RefusalParams = Type.Object({ refusalId: Type.Integer({ minimum: 1 }) });
export type RefusalParams = Static<typeof RefusalParams>;
export const DismissedCount = Type.Object({ dismissed: Type.Integer() });
export type DismissedCount = Static<typeof DismissedCount>;

/** What the admin stream sends when a file is refused (event name `refused`). */
export const RefusedEvent = Type.Object({ eventId: Type.String({ pattern: ID_PATTERN }), name: Type.String(), reason: ProblemReason });
export type RefusedEvent = Static<typeof RefusedEvent>;
