// Attendee: the selfie upload (checked and described by a job; the phone follows it on its stream).
import type {} from '@fastify/multipart';
import { UploadSelfieResponse } from '../../contract/attendee.js';
import { perMinute, type HttpApp } from '../../http/http-base.js';
import type { AccountsService } from '../../services/accounts-service.js';
import { MAX_SELFIE_BYTES, type SelfieService } from '../../services/selfie-service.js';
import { AppError } from '../../util/app-error.js';
import { attendeeOf, requireAttendee } from './auth.js';

export interface SelfieRoutesDeps {
  accounts: AccountsService;
  selfies: SelfieService;
  rateLimits: { selfie: number };
}

export function registerSelfieRoutes(app: HttpApp, deps: SelfieRoutesDeps) {
  const auth = requireAttendee(deps.accounts);

  app.post(
    '/api/upload-selfie',
    {
      preHandler: auth,
      config: perMinute(deps.rateLimits.selfie),
      schema: { response: { 202: UploadSelfieResponse } },
    },
    async (req, reply) => {
      const attendee = attendeeOf(req);
      if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the selfie as multipart/form-data in the field "file".');
      const file = await req.file({ limits: { fileSize: MAX_SELFIE_BYTES, files: 1, fields: 5 } });
      if (!file || file.fieldname !== 'file') {
        file?.file.resume();
        throw new AppError(400, 'file_required', 'Attach the selfie in the field "file".');
      }
      const selfie = await deps.selfies.upload(attendee, file.file, () => file.file.truncated);
      return reply.code(202).send({ selfie });
    },
  );
}
