// The error classifier, on the SDK's own exception classes and on real network failures.
import { createServer } from 'node:net';
import {
  AccessDeniedException,
  ConflictException,
  ImageTooLargeException,
  InternalServerError,
  InvalidImageFormatException,
  InvalidParameterException,
  ListCollectionsCommand,
  ProvisionedThroughputExceededException,
  RekognitionClient,
  RekognitionServiceException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-rekognition';
import { expect, it } from 'vitest';
import { classifyError, describeAwsError } from '../../../server/faces/rekognition/errors.js';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

it("sorts the service's modelled errors", () => {
  expect(classifyError(new ThrottlingException({ message: 'slow down', ...meta(400) }))).toBe('throttled');
  expect(classifyError(new ProvisionedThroughputExceededException({ message: 'rate', ...meta(400) }))).toBe('throttled');
  expect(classifyError(new InternalServerError({ message: 'oops', ...meta(500) }))).toBe('server');
  expect(classifyError(new InvalidImageFormatException({ message: 'bad', ...meta(400) }))).toBe('permanent');
  expect(classifyError(new ImageTooLargeException({ message: 'big', ...meta(400) }))).toBe('permanent');
  expect(classifyError(new InvalidParameterException({ message: 'no face', ...meta(400) }))).toBe('permanent');
  expect(classifyError(new ConflictException({ message: 'exists', ...meta(400) }))).toBe('permanent');
  expect(classifyError(new AccessDeniedException({ message: 'no', ...meta(400) }))).toBe('unauthorized');
  expect(classifyError(new ResourceNotFoundException({ message: 'gone', ...meta(400) }))).toBe('missing');
});

it('sorts errors by name and status when they are not modelled', () => {
  const unmodelled = (name: string, status: number, fault: 'client' | 'server') =>
    new RekognitionServiceException({ name, $fault: fault, message: name, ...meta(status) });
  expect(classifyError(unmodelled('UnrecognizedClientException', 400, 'client'))).toBe('unauthorized');
  expect(classifyError(unmodelled('InvalidSignatureException', 400, 'client'))).toBe('unauthorized');
  expect(classifyError(unmodelled('ServiceUnavailable', 503, 'server'))).toBe('server');
  expect(classifyError(unmodelled('TooManyRequests', 429, 'client'))).toBe('throttled');
  expect(classifyError(unmodelled('UnknownError', 404, 'client'))).toBe('unreachable'); // not Rekognition at that endpoint
  expect(classifyError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }))).toBe('unauthorized');
  expect(classifyError(new Error('Region is missing'))).toBe('unauthorized');
});

it('reads a refused connection and a timeout through the real SDK as unreachable', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const client = new RekognitionClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  });
  const refused = await client.send(new ListCollectionsCommand({})).catch((e: unknown) => e);
  expect(classifyError(refused)).toBe('unreachable');
  expect(describeAwsError(refused)).toMatch(/ECONNREFUSED/);
  client.destroy();

  // A server that accepts and never answers.
  const silent = createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const slow = new RekognitionClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(silent.address() as { port: number }).port}`,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true },
  });
  const timedOut = await slow.send(new ListCollectionsCommand({})).catch((e: unknown) => e);
  expect(classifyError(timedOut)).toBe('unreachable');
  slow.destroy();
  silent.close();
});

it('describes an error briefly, with its name and status', () => {
  expect(describeAwsError(new ThrottlingException({ message: 'Rate exceeded', ...meta(400) }))).toBe('ThrottlingException (HTTP 400): Rate exceeded');
});
