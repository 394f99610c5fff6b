// Event photos and the faces found in them.
import type { Db } from '../database.js';
import { iou } from '../../faces/face-boxes.js';

import type { PhotoStatus } from '../../contract/admin.js';
export type { PhotoStatus };

export interface PhotoRow {
  id: string;
  eventId: string;
  fileName: string;
  sha256: string;
  ext: string;
  width: number | null;
  height: number | null;
  status: PhotoStatus;
  error: string | null;
  faceCount: number;
  createdAt: number;
}

export interface FaceRecord {
  faceIndex: number;
  box: { x: number; y: number; width: number; height: number };
  score: number;
  descriptor: Float32Array;
}

export type Box = FaceRecord['box'];

/** The index of the face that is the same as `box` (overlapping it most, and by at least a third), or -1. */
function sameFace(box: Box, faces: FaceRecord[]): number {
  let best = { index: -1, iou: 1 / 3 };
  for (const f of faces) {
    const overlap = iou(box, f.box);
    if (overlap >= best.iou) best = { index: f.faceIndex, iou: overlap };
  }
  return best.index;
}

const COLUMNS = `id, event_id AS eventId, file_name AS fileName, sha256, ext, width, height, status, error,
  face_count AS faceCount, created_at AS createdAt`;

export const descriptorToBlob = (d: Float32Array) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);
export const blobToDescriptor = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

export function createPhotosRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO photos (id, event_id, file_name, sha256, ext, byte_size, status, error, created_at)
    VALUES (@id, @eventId, @fileName, @sha256, @ext, @byteSize, @status, @error, @createdAt)`);
  const hashExists = db.prepare('SELECT EXISTS(SELECT 1 FROM photos WHERE event_id = ? AND sha256 = ?) AS e');
  const wasDeleted = db.prepare('SELECT EXISTS(SELECT 1 FROM deleted_photos WHERE event_id = ? AND sha256 = ?) AS e');
  const forgetDeleted = db.prepare('DELETE FROM deleted_photos WHERE event_id = ? AND sha256 = ?');
  const byId = db.prepare(`SELECT ${COLUMNS} FROM photos WHERE id = ?`);
  const setStatus = db.prepare('UPDATE photos SET status = ?, error = ? WHERE id = ?');
  const finish = db.prepare(`UPDATE photos SET status = @status, error = NULL, width = @width, height = @height,
    face_count = @faceCount, processed_at = @now, model = @model WHERE id = @id`);
  const deleteFaces = db.prepare('DELETE FROM photo_faces WHERE photo_id = ?');
  const insertFace = db.prepare(`INSERT INTO photo_faces (photo_id, face_index, event_id, box, score, descriptor, model)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const forgetMatched = db.prepare(`DELETE FROM photo_faces WHERE (photo_id, face_index) IN
    (SELECT photo_id, face_index FROM matches WHERE attendee_id = ?)`);
  const eventFaces = db.prepare(`SELECT photo_id AS photoId, face_index AS faceIndex, descriptor, box FROM photo_faces WHERE event_id = ? AND model = ?`);
  const staleModel = db.prepare(`SELECT id FROM photos WHERE event_id = ? AND status IN ('done', 'no_faces') AND model IS NOT ?`);
  const staleCount = db.prepare(`SELECT COUNT(*) AS n FROM photos WHERE event_id = ? AND status IN ('done', 'no_faces') AND model IS NOT ?`);
  const listByEvent = db.prepare(`SELECT ${COLUMNS} FROM photos WHERE event_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`);
  const facesOf = db.prepare('SELECT face_index AS faceIndex, box FROM photo_faces WHERE photo_id = ? ORDER BY face_index');
  const remember = db.prepare(`INSERT INTO deleted_photos (event_id, sha256, deleted_at) SELECT event_id, sha256, ? FROM photos WHERE id = ?
    ON CONFLICT DO NOTHING`);
  const remove = db.prepare('DELETE FROM photos WHERE id = ?');
  const operatorFaces = db.prepare(`SELECT m.attendee_id AS attendeeId, f.box FROM matches m
    JOIN photo_faces f ON f.photo_id = m.photo_id AND f.face_index = m.face_index WHERE m.photo_id = ? AND m.by_operator = 1`);
  const moveOperatorMatch = db.prepare('UPDATE matches SET face_index = ? WHERE photo_id = ? AND attendee_id = ?');
  const statusCounts = db.prepare('SELECT status, COUNT(*) AS n FROM photos WHERE event_id = ? GROUP BY status');
  const listByEventStatus = db.prepare(`SELECT ${COLUMNS} FROM photos WHERE event_id = ? AND status = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`);

  return {
    insert(row: {
      id: string;
      eventId: string;
      fileName: string;
      sha256: string;
      ext: string;
      byteSize: number;
      status: PhotoStatus;
      error: string | null;
      createdAt: number;
    }) {
      insert.run(row);
    },
    hashExists: (eventId: string, sha256: string) => (hashExists.get(eventId, sha256) as { e: number }).e === 1,
    /** The operator deleted a photo with these bytes (its fingerprint is kept). */
    wasDeleted: (eventId: string, sha256: string) => (wasDeleted.get(eventId, sha256) as { e: number }).e === 1,
    /** The operator sends the bytes again on purpose: they are a photo like any other. */
    forgetDeleted: (eventId: string, sha256: string) => void forgetDeleted.run(eventId, sha256),
    findById: (id: string) => byId.get(id) as PhotoRow | undefined,
    setStatus: (id: string, status: PhotoStatus, error: string | null = null) => void setStatus.run(status, error, id),
    /** Replaces the photo's faces (described by `model`) and marks it done / no_faces (idempotent). */
    saveResult(id: string, eventId: string, model: string, result: { width: number; height: number; faces: FaceRecord[] }, now: number) {
      // The operator's matches follow their face into the new description (another model may
      // find the faces in another order): to the new face that overlaps it most, or to none (-1).
      const given = operatorFaces.all(id) as { attendeeId: string; box: string }[];
      deleteFaces.run(id);
      for (const f of result.faces) insertFace.run(id, f.faceIndex, eventId, JSON.stringify(f.box), f.score, descriptorToBlob(f.descriptor), model);
      for (const g of given) moveOperatorMatch.run(sameFace(JSON.parse(g.box) as Box, result.faces), id, g.attendeeId);
      finish.run({
        id,
        status: result.faces.length ? 'done' : 'no_faces',
        width: result.width,
        height: result.height,
        faceCount: result.faces.length,
        now,
        model,
      });
    },
    /** Deletes the faces (descriptors included) of event photos matched to this attendee. */
    forgetFacesMatchedTo: (attendeeId: string) => void forgetMatched.run(attendeeId),
    /** Processed photos whose faces were looked for by another model than `model`. */
    staleModel: (eventId: string, model: string) => (staleModel.all(eventId, model) as { id: string }[]).map((r) => r.id),
    staleCount: (eventId: string, model: string) => (staleCount.get(eventId, model) as { n: number }).n,
    /** The event's faces described by `model`, with their width (the matcher's quality gate). */
    eventFaces: (eventId: string, model: string) =>
      (eventFaces.all(eventId, model) as { photoId: string; faceIndex: number; descriptor: Buffer; box: string }[]).map((r) => ({
        photoId: r.photoId,
        faceIndex: r.faceIndex,
        descriptor: blobToDescriptor(r.descriptor),
        width: (JSON.parse(r.box) as { width: number }).width,
      })),
    /** The photo's faces, boxes in the oriented original's pixels. */
    faces: (photoId: string) =>
      (facesOf.all(photoId) as { faceIndex: number; box: string }[]).map((r) => ({ faceIndex: r.faceIndex, box: JSON.parse(r.box) as Box })),
    /**
     * Deletes the photo row; its faces, matches and "not me" refusals go with it (ON DELETE
     * CASCADE). Its fingerprint stays (deleted_photos), so the same bytes are never taken again.
     */
    remove: db.transaction((photoId: string, now: number) => {
      remember.run(now, photoId);
      return remove.run(photoId).changes === 1;
    }),
    list: (eventId: string, status: PhotoStatus | undefined, limit: number, offset: number) =>
      (status ? listByEventStatus.all(eventId, status, limit, offset) : listByEvent.all(eventId, limit, offset)) as PhotoRow[],
    /** How many of the event's photos are in each status (the Live page's figures). */
    statusCounts(eventId: string): Record<PhotoStatus, number> {
      const out: Record<PhotoStatus, number> = { queued: 0, processing: 0, done: 0, no_faces: 0, failed: 0 };
      for (const r of statusCounts.all(eventId) as { status: PhotoStatus; n: number }[]) out[r.status] = r.n;
      return out;
    },
  };
}
export type PhotosRepo = ReturnType<typeof createPhotosRepo>;
