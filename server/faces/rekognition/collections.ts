// One Rekognition collection per event, made the first time the event needs it and deleted
// when the event is purged. Ids keep to the characters Rekognition allows.
import { CreateCollectionCommand, DeleteCollectionCommand } from '@aws-sdk/client-rekognition';
import type { CallContext, Caller } from './caller.js';
import type { RekognitionRepo } from '../../db/repositories/rekognition-repo.js';

/** Collection and FaceId-style ids: [a-zA-Z0-9_.-]; anything else becomes '_'. */
export const sanitizeId = (s: string, max = 255) => s.replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, max) || '_';
/** ExternalImageId and UserId also allow ':'. */
export const sanitizeExternalId = (s: string, max = 128) => s.replace(/[^a-zA-Z0-9_.:-]/g, '_').slice(0, max) || '_';

const ALREADY_THERE = 'ResourceAlreadyExistsException';
const NOT_FOUND = 'ResourceNotFoundException';

export const collectionIdFor = (eventId: string) => sanitizeId(`findme-${eventId}`);

export function createCollections(deps: { call: Caller; repo: RekognitionRepo; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const creating = new Map<string, Promise<string>>();

  async function create(eventId: string, ctx: CallContext): Promise<string> {
    const id = collectionIdFor(eventId);
    try {
      await deps.call(ctx, 'CreateCollection', (c) => c.send(new CreateCollectionCommand({ CollectionId: id })), [ALREADY_THERE]);
    } catch (err) {
      if ((err as Error).name !== ALREADY_THERE) throw err;
    }
    deps.repo.saveCollection(eventId, id, now());
    return id;
  }

  return {
    /** The event's collection id, made in AWS first if it is not known to exist. */
    async ensure(eventId: string, ctx: CallContext): Promise<string> {
      const known = deps.repo.collection(eventId);
      if (known) return known;
      let pending = creating.get(eventId);
      if (!pending) {
        pending = create(eventId, ctx).finally(() => creating.delete(eventId));
        creating.set(eventId, pending);
      }
      return pending;
    },
    /** The collection turned out to be gone (deleted outside FindMe): make it again next time. */
    forget: (eventId: string) => deps.repo.forgetCollection(eventId),
    /** The collection id if FindMe made one for this event. */
    known: (eventId: string) => deps.repo.collection(eventId),
    /** Deletes the event's collection (every face and user in it) if FindMe made one. */
    async remove(eventId: string, ctx: CallContext): Promise<boolean> {
      const id = deps.repo.collection(eventId);
      if (!id) return false;
      try {
        await deps.call(ctx, 'DeleteCollection', (c) => c.send(new DeleteCollectionCommand({ CollectionId: id })), [NOT_FOUND]);
      } catch (err) {
        if ((err as Error).name !== NOT_FOUND) throw err;
      }
      deps.repo.forgetCollection(eventId);
      return true;
    },
  };
}
export type Collections = ReturnType<typeof createCollections>;
