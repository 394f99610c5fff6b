// What both listeners share: validation, one error handler, security headers, overload
// protection, timeouts and body limits.
import helmet from '@fastify/helmet';
import underPressure from '@fastify/under-pressure';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { ErrorCode } from '../contract/common.js';
import { limitConnectionsPerAddress } from './connection-limits.js';
import { AppError } from '../util/app-error.js';
import { rawErrorResponse } from './raw-error.js';

/** Open sockets per listener at most: a venue full of phones (browsers open up to 6 each). */
export const MAX_CONNECTIONS = 4096;

export interface HttpBaseOptions {
  logger: FastifyBaseLogger;
  /** Largest JSON body accepted (multipart routes set their own limits). */
  bodyLimit?: number;
  /** Event-loop delay above which requests are turned away with 503 + Retry-After. */
  maxEventLoopDelayMs?: number;
  /** Open sockets at most. */
  maxConnections?: number;
  /** Open sockets at most per client address (read at each new connection); none when absent. */
  connectionsPerAddress?: () => number;
  /**
   * A page for unknown paths that a browser opens (Accept: text/html, outside /api/): the
   * listener's own app answering 404. Returns false when it cannot (the app is not built).
   */
  htmlNotFound?: (reply: import('fastify').FastifyReply) => boolean;
}

// Query strings are text: coerce them. Bodies are JSON: take them as sent. Neither drops
// unknown fields silently: schemas say `additionalProperties: false` and mean it.
const ajvCommon = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
const ajvBody = new Ajv({ ...ajvCommon, coerceTypes: false });
const ajvParams = new Ajv({ ...ajvCommon, coerceTypes: 'array' });

export function createHttpBase(opts: HttpBaseOptions) {
  const app = Fastify({
    loggerInstance: opts.logger,
    bodyLimit: opts.bodyLimit ?? 64 * 1024,
    connectionTimeout: 60_000, // a socket idle this long is closed (slow clients)
    requestTimeout: 120_000, // a whole request, uploads included
    keepAliveTimeout: 5_000,
    maxRequestsPerSocket: 1000,
    return503OnClosing: true,
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: 'idle',
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Slow-loris: a client must finish sending its headers within 20 s; and no more sockets than
  // a venue full of phones needs (browsers open up to 6 each), so a flood cannot exhaust files.
  app.server.headersTimeout = 20_000;
  app.server.maxConnections = opts.maxConnections ?? MAX_CONNECTIONS;
  if (opts.connectionsPerAddress) limitConnectionsPerAddress(app.server, opts.connectionsPerAddress);
  app.decorate('sseStreams', new Set<() => void>());
  app.addHook('preClose', async () => {
    for (const end of [...app.sseStreams]) end();
  });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajvBody : ajvParams).compile(schema));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && /text\/html/.test(req.headers.accept ?? '');
    if (page && opts.htmlNotFound?.(reply)) return;
    reply.code(404).send({ error: { code: 'not_found', message: `Nothing here: ${req.method} ${req.url.split('?')[0]}` } });
  });

  app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null, // the venue LAN is plain HTTP
      },
    },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs ?? 1000,
    retryAfter: 5,
    exposeStatusRoute: false,
  });
  return app;
}

export type HttpApp = ReturnType<typeof createHttpBase>;

const FASTIFY_CODES: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'This content type is not accepted here.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request', 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'The JSON body is empty.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'The body is not valid JSON.'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'unsupported_media_type', 'This content type is not accepted here.'],
};

// What the multipart parser (busboy, through @fastify/multipart) throws on a malformed body: plain
// Errors without a code, recognised by their text.
const MULTIPART_ERRORS = [
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^The needle (cannot|has to)/,
  /^Malformed /,
];

export function isMalformedMultipart(err: { message?: string; code?: string }): boolean {
  return !err.code && typeof err.message === 'string' && MULTIPART_ERRORS.some((re) => re.test(err.message!));
}

// What Node's HTTP parser rejects before any route runs, answered in the contract's shape.
const CLIENT_ERRORS: Record<string, [number, string, ErrorCode, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'The request took too long to arrive.'],
};
const BAD_REQUEST: [number, string, ErrorCode, string] = [400, 'Bad Request', 'invalid_request', 'The request is not valid HTTP.'];

function clientErrorHandler(err: NodeJS.ErrnoException, socket: import('node:net').Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text, code, message] = (err.code && CLIENT_ERRORS[err.code]) || BAD_REQUEST;
  if (socket.writable) socket.write(rawErrorResponse(status, text, code, message));
  socket.destroy();
}

/** Errors of a full disk, from the file system and from SQLite. */
export const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

function errorHandler(
  this: FastifyInstance,
  err: FastifyError,
  req: { log: FastifyBaseLogger; raw: { complete: boolean } },
  reply: import('fastify').FastifyReply,
) {
  // An error before the body was read whole (an upload cut short): the socket cannot carry
  // another request, so the client must not reuse it.
  if (!req.raw.complete) reply.header('Connection', 'close');
  if (err instanceof AppError) {
    if (err.headers) reply.headers(err.headers);
    reply.code(err.statusCode).send({ error: { code: err.code, message: err.message }, ...err.extra });
    return;
  }
  if (err.validation) {
    const where = err.validationContext ?? 'request';
    reply
      .code(400)
      .send({ error: { code: 'invalid_request', message: `Invalid ${where}: ${err.message.replace(/^(body|querystring|params|headers)\/?/, '')}` } });
    return;
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known) {
    reply.code(known[0]).send({ error: { code: known[1], message: known[2] } });
    return;
  }
  if (err.code && DISK_FULL_CODES.has(err.code)) {
    req.log.error({ err }, 'disk full');
    reply.code(507).send({ error: { code: 'disk_full', message: "The laptop's disk is full: free some space, then try again. Nothing was lost." } });
    return;
  }
  if (isMalformedMultipart(err)) {
    reply.code(400).send({ error: { code: 'invalid_request', message: 'The multipart body is malformed (its boundary is missing, wrong or not closed).' } });
    return;
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    reply.code(400).send({ error: { code: 'invalid_json', message: 'The body is not valid JSON.' } });
    return;
  }
  const status = err.statusCode ?? 500;
  if (status === 429) {
    reply.code(429).send({ error: { code: 'rate_limited', message: 'Too many attempts: please wait a moment and try again.' } });
  } else if (status === 503) {
    reply.code(503).send({ error: { code: 'server_busy', message: 'FindMe is very busy right now: please try again in a few seconds.' } });
  } else if (status >= 400 && status < 500) {
    reply.code(status).send({ error: { code: 'invalid_request', message: err.message } });
  } else {
    req.log.error({ err }, 'unhandled error');
    reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side. It has been logged.' } });
  }
}

/** A route's limit per client address and minute (@fastify/rate-limit's route config). */
export const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
