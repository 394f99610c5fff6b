// The rows the Rekognition engine keeps in SQLite: which FaceId each photo face and selfie got
// (the vectors stay in AWS) and which collections exist in AWS, so that purging an event can
// delete its collection even after the event's rows are gone.
import type { Db } from '../database.js';

export interface PhotoFaceRef {
  photoId: string;
  faceIndex: number;
}

export function createRekognitionRepo(db: Db) {
  const collection = db.prepare('SELECT collection_id AS id FROM rekognition_collections WHERE event_id = ?');
  const saveCollection = db.prepare(`INSERT INTO rekognition_collections (event_id, collection_id, created_at) VALUES (?, ?, ?)
    ON CONFLICT(event_id) DO UPDATE SET collection_id = excluded.collection_id`);
  const forgetCollection = db.prepare('DELETE FROM rekognition_collections WHERE event_id = ?');
  const orphans = db.prepare(`SELECT event_id AS eventId FROM rekognition_collections c
    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = c.event_id)`);
  const setPhotoFaceId = db.prepare('UPDATE photo_faces SET rekognition_face_id = ? WHERE photo_id = ? AND face_index = ?');
  const photoFaceIds = db.prepare('SELECT rekognition_face_id AS id FROM photo_faces WHERE photo_id = ? AND rekognition_face_id IS NOT NULL');
  const facesByIds = db.prepare(`SELECT rekognition_face_id AS faceId, photo_id AS photoId, face_index AS faceIndex FROM photo_faces
    WHERE rekognition_face_id IN (SELECT value FROM json_each(?)) AND event_id = ?`);
  const setSelfieFaceId = db.prepare('UPDATE selfies SET rekognition_face_id = ? WHERE id = ?');
  const selfieFaceIds = db.prepare('SELECT rekognition_face_id AS id FROM selfies WHERE attendee_id = ? AND rekognition_face_id IS NOT NULL');

  return {
    collection: (eventId: string) => (collection.get(eventId) as { id: string } | undefined)?.id,
    saveCollection: (eventId: string, collectionId: string, now: number) => void saveCollection.run(eventId, collectionId, now),
    forgetCollection: (eventId: string) => void forgetCollection.run(eventId),
    /** Collections whose event has been purged. */
    orphanCollections: () => (orphans.all() as { eventId: string }[]).map((r) => r.eventId),
    /** Call inside the transaction that saved the photo's faces (saveResult). */
    setPhotoFaceIds(photoId: string, faceIds: string[]) {
      faceIds.forEach((id, faceIndex) => setPhotoFaceId.run(id, photoId, faceIndex));
    },
    photoFaceIds: (photoId: string) => (photoFaceIds.all(photoId) as { id: string }[]).map((r) => r.id),
    /** The photo faces of an event among these FaceIds. */
    photoFacesByIds(eventId: string, faceIds: string[]): Map<string, PhotoFaceRef> {
      const rows = facesByIds.all(JSON.stringify(faceIds), eventId) as ({ faceId: string } & PhotoFaceRef)[];
      return new Map(rows.map((r) => [r.faceId, { photoId: r.photoId, faceIndex: r.faceIndex }]));
    },
    setSelfieFaceId: (selfieId: string, faceId: string) => void setSelfieFaceId.run(faceId, selfieId),
    selfieFaceIds: (attendeeId: string) => (selfieFaceIds.all(attendeeId) as { id: string }[]).map((r) => r.id),
  };
}
export type RekognitionRepo = ReturnType<typeof createRekognitionRepo>;
