// What the stand-in does for each Rekognition operation FindMe calls (and a few to look
// inside), with Rekognition's names, limits, defaults and errors. Faces are found and compared
// by the local face model (see detector.ts).
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { detectFaces, similarity, type SeenFace } from './detector.js';

export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface StoredFace extends SeenFace {
  faceId: string;
  imageId: string;
  externalImageId?: string;
  userId?: string;
}
interface User {
  userId: string;
  faceIds: Set<string>;
}
interface Collection {
  id: string;
  createdAt: number;
  faces: Map<string, StoredFace>;
  users: Map<string, User>;
}

const COLLECTION_ID = /^[a-zA-Z0-9_.-]{1,255}$/;
const EXTERNAL_ID = /^[a-zA-Z0-9_.\-:]{1,255}$/;
const USER_ID = /^[a-zA-Z0-9_.\-:]{1,128}$/;
const FACE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MODEL = '7.0';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = Record<string, any>;

const invalid = (message: string) => new AwsError('InvalidParameterException', message);
function need(ok: boolean, message: string) {
  if (!ok) throw invalid(message);
}
function number(v: unknown, name: string, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  need(typeof v === 'number' && v >= min && v <= max, `${name} must be between ${min} and ${max}`);
  return v as number;
}

export function createRekognitionState(region: string) {
  const collections = new Map<string, Collection>();

  function collection(input: Input): Collection {
    need(typeof input.CollectionId === 'string' && COLLECTION_ID.test(input.CollectionId), 'CollectionId is not valid');
    const c = collections.get(input.CollectionId);
    if (!c) throw new AwsError('ResourceNotFoundException', `The collection id: ${input.CollectionId} does not exist`);
    return c;
  }
  function faceOf(c: Collection, faceId: unknown): StoredFace {
    need(typeof faceId === 'string' && FACE_ID.test(faceId), 'FaceId is not valid');
    const f = c.faces.get(faceId as string);
    if (!f) throw invalid(`Face ${String(faceId)} not found in collection ${c.id}`);
    return f;
  }
  const faceJson = (f: StoredFace) => ({
    FaceId: f.faceId,
    ImageId: f.imageId,
    Confidence: f.confidence,
    BoundingBox: { Left: f.box.left, Top: f.box.top, Width: f.box.width, Height: f.box.height },
    ...(f.externalImageId && { ExternalImageId: f.externalImageId }),
    ...(f.userId && { UserId: f.userId }),
  });
  const userSimilarity = (c: Collection, u: User, d: Float32Array) => Math.max(0, ...[...u.faceIds].map((id) => similarity(c.faces.get(id)!.descriptor, d)));

  const operations: Record<string, (input: Input) => unknown> = {
    CreateCollection(input) {
      need(typeof input.CollectionId === 'string' && COLLECTION_ID.test(input.CollectionId), 'CollectionId is not valid');
      if (collections.has(input.CollectionId)) throw new AwsError('ResourceAlreadyExistsException', `The collection id: ${input.CollectionId} already exists`);
      collections.set(input.CollectionId, { id: input.CollectionId, createdAt: Date.now() / 1000, faces: new Map(), users: new Map() });
      return { StatusCode: 200, CollectionArn: `aws:rekognition:${region}:000000000000:collection/${input.CollectionId}`, FaceModelVersion: MODEL };
    },
    DeleteCollection(input) {
      collections.delete(collection(input).id);
      return { StatusCode: 200 };
    },
    DescribeCollection(input) {
      const c = collection(input);
      return {
        FaceCount: c.faces.size,
        UserCount: c.users.size,
        FaceModelVersion: MODEL,
        CollectionARN: `aws:rekognition:${region}:000000000000:collection/${c.id}`,
        CreationTimestamp: c.createdAt,
      };
    },
    ListCollections: () => ({ CollectionIds: [...collections.keys()], FaceModelVersions: [...collections.keys()].map(() => MODEL) }),
    async IndexFaces(input) {
      const c = collection(input);
      const bytes = Buffer.from(String(input.Image?.Bytes ?? ''), 'base64');
      need(bytes.length > 0, 'Image.Bytes is required');
      if (bytes.length > MAX_IMAGE_BYTES) throw new AwsError('ImageTooLargeException', 'Image size is too large.');
      if (input.ExternalImageId !== undefined) need(EXTERNAL_ID.test(input.ExternalImageId), 'ExternalImageId is not valid');
      const maxFaces = number(input.MaxFaces, 'MaxFaces', 1, 1000, 100);
      const meta = await sharp(bytes)
        .metadata()
        .catch(() => null);
      if (!meta || !['jpeg', 'png'].includes(meta.format ?? '')) throw new AwsError('InvalidImageFormatException', 'Request has invalid image format');
      if ((meta.width ?? 0) < 80 || (meta.height ?? 0) < 80) throw invalid('Requested image should have a minimum width and height of 80 pixels');
      let seen: SeenFace[];
      try {
        seen = await detectFaces(bytes);
      } catch {
        throw new AwsError('InvalidImageFormatException', 'Request has invalid image format');
      }
      seen.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      const imageId = randomUUID();
      const indexed = seen
        .slice(0, Math.min(maxFaces, 100))
        .map((f) => ({ ...f, faceId: randomUUID(), imageId, externalImageId: input.ExternalImageId as string | undefined }));
      for (const f of indexed) c.faces.set(f.faceId, f);
      const detail = (f: SeenFace) => ({
        BoundingBox: { Left: f.box.left, Top: f.box.top, Width: f.box.width, Height: f.box.height },
        Confidence: f.confidence,
      });
      return {
        FaceRecords: indexed.map((f) => ({ Face: faceJson(f), FaceDetail: detail(f) })),
        UnindexedFaces: seen.slice(indexed.length).map((f) => ({ Reasons: ['EXCEEDS_MAX_FACES'], FaceDetail: detail(f) })),
        FaceModelVersion: MODEL,
      };
    },
    DeleteFaces(input) {
      const c = collection(input);
      need(Array.isArray(input.FaceIds) && input.FaceIds.length >= 1 && input.FaceIds.length <= 4096, 'FaceIds must hold 1 to 4096 ids');
      const deleted: string[] = [];
      const refused: { FaceId: string; UserId?: string; Reasons: string[] }[] = [];
      for (const id of input.FaceIds as string[]) {
        const f = c.faces.get(id);
        if (!f) refused.push({ FaceId: id, Reasons: ['FACE_NOT_FOUND'] });
        else if (f.userId) refused.push({ FaceId: id, UserId: f.userId, Reasons: ['ASSOCIATED_TO_AN_EXISTING_USER'] });
        else {
          c.faces.delete(id);
          deleted.push(id);
        }
      }
      return { DeletedFaces: deleted, UnsuccessfulFaceDeletions: refused };
    },
    ListFaces(input) {
      const c = collection(input);
      return { Faces: [...c.faces.values()].filter((f) => !input.UserId || f.userId === input.UserId).map(faceJson), FaceModelVersion: MODEL };
    },
    CreateUser(input) {
      const c = collection(input);
      need(typeof input.UserId === 'string' && USER_ID.test(input.UserId), 'UserId is not valid');
      if (c.users.has(input.UserId)) throw new AwsError('ConflictException', `User ${input.UserId} already exists`);
      c.users.set(input.UserId, { userId: input.UserId, faceIds: new Set() });
      return {};
    },
    DeleteUser(input) {
      const c = collection(input);
      const u = c.users.get(input.UserId);
      if (!u) throw new AwsError('ResourceNotFoundException', `User ${String(input.UserId)} not found`);
      for (const id of u.faceIds) delete c.faces.get(id)!.userId; // faces are disassociated, not deleted
      c.users.delete(u.userId);
      return {};
    },
    ListUsers(input) {
      const c = collection(input);
      return { Users: [...c.users.values()].map((u) => ({ UserId: u.userId, UserStatus: 'ACTIVE' })) };
    },
    AssociateFaces(input) {
      const c = collection(input);
      const u = c.users.get(input.UserId);
      if (!u) throw new AwsError('ResourceNotFoundException', `User ${String(input.UserId)} not found`);
      need(Array.isArray(input.FaceIds) && input.FaceIds.length >= 1 && input.FaceIds.length <= 100, 'FaceIds must hold 1 to 100 ids');
      const threshold = number(input.UserMatchThreshold, 'UserMatchThreshold', 0, 100, 75);
      const associated: { FaceId: string }[] = [];
      const refused: { FaceId: string; UserId: string; Confidence?: number; Reasons: string[] }[] = [];
      for (const id of input.FaceIds as string[]) {
        const f = c.faces.get(id);
        if (!f) refused.push({ FaceId: id, UserId: u.userId, Reasons: ['FACE_NOT_FOUND'] });
        else if (f.userId && f.userId !== u.userId) refused.push({ FaceId: id, UserId: u.userId, Reasons: ['ASSOCIATED_TO_A_DIFFERENT_USER'] });
        else if (u.faceIds.size > 0 && !u.faceIds.has(id) && userSimilarity(c, u, f.descriptor) < threshold) {
          refused.push({ FaceId: id, UserId: u.userId, Confidence: userSimilarity(c, u, f.descriptor), Reasons: ['LOW_MATCH_CONFIDENCE'] });
        } else {
          f.userId = u.userId;
          u.faceIds.add(id);
          associated.push({ FaceId: id });
        }
      }
      return { AssociatedFaces: associated, UnsuccessfulFaceAssociations: refused, UserStatus: 'ACTIVE' };
    },
    SearchUsers(input) {
      const c = collection(input);
      need((input.FaceId === undefined) !== (input.UserId === undefined), 'Exactly one of FaceId and UserId is required');
      const threshold = number(input.UserMatchThreshold, 'UserMatchThreshold', 0, 100, 80);
      const maxUsers = number(input.MaxUsers, 'MaxUsers', 1, 500, 100);
      const probe = input.FaceId !== undefined ? faceOf(c, input.FaceId).descriptor : null;
      const self = input.UserId !== undefined ? c.users.get(input.UserId) : undefined;
      if (input.UserId !== undefined && !self) throw new AwsError('ResourceNotFoundException', `User ${String(input.UserId)} not found`);
      const matches = [...c.users.values()]
        .filter((u) => u.faceIds.size > 0 && u !== self)
        .map((u) => ({
          Similarity: probe ? userSimilarity(c, u, probe) : Math.max(0, ...[...self!.faceIds].map((id) => userSimilarity(c, u, c.faces.get(id)!.descriptor))),
          User: { UserId: u.userId, UserStatus: 'ACTIVE' },
        }))
        .filter((m) => m.Similarity >= threshold)
        .sort((a, b) => b.Similarity - a.Similarity)
        .slice(0, maxUsers);
      return {
        UserMatches: matches,
        FaceModelVersion: MODEL,
        ...(probe ? { SearchedFace: { FaceId: input.FaceId } } : { SearchedUser: { UserId: input.UserId } }),
      };
    },
    SearchFaces(input) {
      const c = collection(input);
      const probe = faceOf(c, input.FaceId);
      const threshold = number(input.FaceMatchThreshold, 'FaceMatchThreshold', 0, 100, 80);
      const maxFaces = number(input.MaxFaces, 'MaxFaces', 1, 4096, 4096);
      const matches = [...c.faces.values()]
        .filter((f) => f !== probe)
        .map((f) => ({ Similarity: similarity(f.descriptor, probe.descriptor), Face: faceJson(f) }))
        .filter((m) => m.Similarity >= threshold)
        .sort((a, b) => b.Similarity - a.Similarity)
        .slice(0, maxFaces);
      return { SearchedFaceId: probe.faceId, FaceMatches: matches, FaceModelVersion: MODEL };
    },
  };

  return {
    operations,
    /** For tests: what a collection holds. */
    inspect(collectionId: string) {
      const c = collections.get(collectionId);
      return c && { faces: c.faces.size, users: [...c.users.values()].map((u) => ({ userId: u.userId, faces: u.faceIds.size })) };
    },
    collectionIds: () => [...collections.keys()],
  };
}
export type RekognitionState = ReturnType<typeof createRekognitionState>;
