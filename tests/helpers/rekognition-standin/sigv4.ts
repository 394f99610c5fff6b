// Checks AWS Signature Version 4 on a request the way AWS does: the access key must be known,
// the scope must name the service, and the signature recomputed with the key's secret must
// match. Returns null when the request is properly signed, else the AWS error to answer.
import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SigV4Error {
  type: 'MissingAuthenticationTokenException' | 'UnrecognizedClientException' | 'InvalidSignatureException' | 'IncompleteSignatureException';
  message: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

export function checkSigV4(
  req: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
  keys: Map<string, string>,
  service: string,
): SigV4Error | null {
  const auth = req.headers.authorization;
  if (!auth) return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { type: 'IncompleteSignatureException', message: `Authorization header is not a SigV4 signature: ${auth.slice(0, 40)}…` };
  const [, accessKeyId, date, region, scopeService, signedHeaders, signature] = m as unknown as string[];
  const secret = keys.get(accessKeyId!);
  if (secret === undefined) return { type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  if (scopeService !== service) return { type: 'InvalidSignatureException', message: `Credential should be scoped to correct service: '${service}'.` };
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date!)) return { type: 'InvalidSignatureException', message: 'Date in Credential scope does not match YYYYMMDD from X-Amz-Date.' };

  const url = new URL(req.url, 'http://standin');
  const query = [...url.searchParams]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort()
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = signedHeaders!.split(';');
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [req.method, url.pathname || '/', query, canonicalHeaders, signedHeaders, sha256(req.body)].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (expected !== signature) {
    return { type: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided.' };
  }
  return null;
}
