// What an error from Rekognition (or from the way to it) means for the job that met it.
//   permanent     the input is bad (image format, size, parameters): retrying cannot help
//   throttled     over the quota or rate: wait and retry
//   server        a 5xx from the service: wait and retry
//   unreachable   no network, DNS, refused, timed out: wait and retry; the dashboard says so
//   unauthorized  wrong or missing keys, no permission, no region: wait (the operator fixes the
//                 settings) and retry; the dashboard says so
//   missing       the collection (or user) is gone: make it again and retry
export type ErrorKind = 'permanent' | 'throttled' | 'server' | 'unreachable' | 'unauthorized' | 'missing';

/** Rekognition refuses this input (a `permanent` error): retrying cannot help. */
export class RekognitionRefusedError extends Error {}

/** Rekognition could not be used before the job's deadline (an outage, throttling, keys): the job comes back later. */
export class RekognitionUnavailableError extends Error {}

const PERMANENT = new Set([
  'InvalidImageFormatException',
  'ImageTooLargeException',
  'InvalidParameterException',
  'InvalidS3ObjectException',
  'ServiceQuotaExceededException',
  'IdempotentParameterMismatchException',
  'ValidationException',
  'SerializationException',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'ThrottledException',
]);
const UNAUTHORIZED = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'MissingAuthenticationTokenException',
  'IncompleteSignature',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
  'AuthFailure',
  'NotAuthorized',
]);
const MISSING = new Set(['ResourceNotFoundException']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENETDOWN',
  'ECONNABORTED',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError', 'AbortError']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
  errors?: unknown[];
}

export function classifyError(err: unknown): ErrorKind {
  const e = (err ?? {}) as SdkLikeError;
  const name = e.name ?? '';
  if (THROTTLED.has(name)) return 'throttled';
  if (PERMANENT.has(name)) return 'permanent';
  if (UNAUTHORIZED.has(name)) return 'unauthorized';
  if (MISSING.has(name)) return 'missing';
  if (isNetwork(e)) return 'unreachable';
  if (/region is missing|could not load credentials|credential/i.test(e.message ?? '')) return 'unauthorized';
  const status = e.$metadata?.httpStatusCode;
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status !== undefined && status >= 500) return 'server';
  if (e.$fault === 'server') return 'server';
  // Another error the service modelled as the caller's fault (e.g. ConflictException): retrying
  // the same call gives the same answer.
  if (e.$fault === 'client' && /Exception$/.test(name)) return 'permanent';
  // Anything else (an HTTP answer that is not Rekognition's, e.g. a wrong endpoint): wait.
  return 'unreachable';
}

function isNetwork(e: SdkLikeError, depth = 0): boolean {
  if (depth > 3 || !e) return false;
  if ((e.code && NETWORK_CODES.has(e.code)) || NETWORK_NAMES.has(e.name ?? '')) return true;
  if (e.cause && isNetwork(e.cause as SdkLikeError, depth + 1)) return true;
  // AggregateError (happy eyeballs: one error per address)
  return Array.isArray(e.errors) && e.errors.some((x) => isNetwork(x as SdkLikeError, depth + 1));
}

/** A short, secret-free description of an error for logs, job errors and the dashboard. */
export function describeAwsError(err: unknown): string {
  const e = (err ?? {}) as SdkLikeError;
  const name = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error');
  const status = e.$metadata?.httpStatusCode;
  const message = (e.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 200);
  return `${name}${status ? ` (HTTP ${status})` : ''}: ${message}`;
}
