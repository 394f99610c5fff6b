// What the dashboard lists about an event: its photos with their status and matches, and
// its attendees with their selfie status and photo count.
import type { AttendeesRepo } from '../db/repositories/attendees-repo.js';
import type { MatchesRepo } from '../db/repositories/matches-repo.js';
import type { PhotosRepo, PhotoStatus } from '../db/repositories/photos-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import type { EventFiles } from '../storage/event-files.js';

export function createEventOverviewService(deps: {
  photos: PhotosRepo;
  attendees: AttendeesRepo;
  selfies: SelfiesRepo;
  matches: MatchesRepo;
  files: EventFiles;
}) {
  return {
    /** Where a photo's thumbnail is (it may not be made yet), or null for an unknown photo. */
    thumbPath(photoId: string): string | null {
      const photo = deps.photos.findById(photoId);
      return photo ? deps.files.thumb(photo.eventId, photo.id) : null;
    },
    photos(eventId: string, status: PhotoStatus | undefined, limit: number, offset: number) {
      const rows = deps.photos.list(eventId, status, limit, offset);
      const attendees = deps.matches.attendeesOfPhotos(rows.map((r) => r.id));
      return rows.map((r) => ({
        id: r.id,
        fileName: r.fileName,
        status: r.status,
        faceCount: r.faceCount,
        attendeeIds: attendees.get(r.id) ?? [],
        ...(r.error && { error: r.error }),
        createdAt: new Date(r.createdAt).toISOString(),
      }));
    },
    /** Names for the live match feed. */
    describeMatch(attendeeId: string, photoId: string): { attendeeName: string; fileName: string } | null {
      const attendee = deps.attendees.findById(attendeeId);
      const photo = deps.photos.findById(photoId);
      return attendee && photo ? { attendeeName: attendee.displayName, fileName: photo.fileName } : null;
    },
    attendees(eventId: string) {
      const selfieStatus = deps.selfies.statusByAttendee(eventId);
      const counts = deps.matches.photoCountsByEvent(eventId);
      return deps.attendees.listByEvent(eventId).map((a) => ({
        id: a.id,
        username: a.username,
        displayName: a.displayName,
        selfieStatus: selfieStatus.get(a.id) ?? ('none' as const),
        photoCount: counts.get(a.id) ?? 0,
      }));
    },
  };
}
export type EventOverviewService = ReturnType<typeof createEventOverviewService>;
