// The FTPS certificate: made on this laptop the first time FTPS is turned on (self-signed, for
// the laptop's LAN addresses), kept in the data folder readable by its owner only, and shown on
// the dashboard by its SHA-256 fingerprint so the photographer can check what the camera trusts.
import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { writeFileAtomic } from '../../util/atomic-file.js';

export function createFtpCertificate(path: string, addresses: () => string[]) {
  let loaded: { context: SecureContext; fingerprint: string } | null = null;
  let pending: Promise<string> | null = null;

  async function loadOrMake(): Promise<string> {
    let pem: { key: string; cert: string } | null;
    try {
      pem = JSON.parse(await readFile(path, 'utf8')) as { key: string; cert: string };
      if (new Date(new X509Certificate(pem.cert).validTo).getTime() < Date.now() + 86_400_000) pem = null;
    } catch {
      pem = null; // none yet, or unreadable: make a new one
    }
    if (!pem) {
      const ips = ['127.0.0.1', ...addresses()];
      const made = await generate([{ name: 'commonName', value: 'FindMe FTP receiver' }], {
        keyType: 'ec',
        curve: 'P-256',
        algorithm: 'sha256',
        notAfterDate: new Date(Date.now() + 5 * 365 * 86_400_000),
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, ...ips.map((ip) => ({ type: 7 as const, ip }))] },
        ],
      });
      pem = { key: made.private, cert: made.cert };
      await writeFileAtomic(path, JSON.stringify(pem), 0o600);
    }
    const fingerprint = new X509Certificate(pem.cert).fingerprint256;
    loaded = { context: createSecureContext({ key: pem.key, cert: pem.cert, minVersion: 'TLSv1.2' }), fingerprint };
    return fingerprint;
  }

  return {
    /** Loads the certificate, making it the first time. */
    prepare(): Promise<string> {
      if (loaded) return Promise.resolve(loaded.fingerprint);
      pending ??= loadOrMake().finally(() => {
        pending = null;
      });
      return pending;
    },
    context: () => loaded?.context ?? null,
    fingerprint: () => loaded?.fingerprint ?? null,
  };
}
export type FtpCertificate = ReturnType<typeof createFtpCertificate>;
