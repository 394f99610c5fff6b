// The event's FTP receiver: the switch, what to type into the camera (each with a copy button),
// a printable card for the photographer, and each camera's connection, files and last error.
import { useCallback, useEffect, useState } from 'react';
import type { FtpAccess } from '../../../server/contract/ftp';
import { useDashboard } from '../state';
import './ftp-panel.css';

const POLL_MS = 3000;

function Copyable({ label, value, secret }: { label: string; value: string; secret?: boolean }) {
  const { t } = useDashboard();
  const [copied, setCopied] = useState(false);
  return (
    <div className="copyable">
      <dt>{label}</dt>
      <dd>
        <code data-testid={`ftp-${label}`}>{value}</code>
        <button
          type="button"
          className="small"
          aria-label={`${t.copy} ${label}`}
          onClick={async () => {
            await navigator.clipboard.writeText(value).catch(() => {});
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? t.copied : t.copy}
        </button>
        {secret && <span className="muted"> {t.ftpPasswordNote}</span>}
      </dd>
    </div>
  );
}

export function FtpPanel({ eventId, eventName }: { eventId: string; eventName: string }) {
  const { api, t, lang, setError } = useDashboard();
  const [ftp, setFtp] = useState<FtpAccess | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setFtp(await api.get<FtpAccess>(`/api/admin/events/${eventId}/ftp`));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, eventId, setError]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  async function toggle(enabled: boolean) {
    setBusy(true);
    try {
      setFtp(await api.put<FtpAccess>(`/api/admin/events/${eventId}/ftp`, { enabled }));
    } catch (e) {
      setError((e as Error).message);
      await load();
    } finally {
      setBusy(false);
    }
  }

  if (!ftp) return null;
  return (
    <section className="card ftp" aria-labelledby="ftp-title">
      <h3 id="ftp-title">{t.ftpTitle}</h3>
      <label className="switch">
        <input type="checkbox" checked={ftp.enabled} disabled={busy} onChange={(e) => void toggle(e.target.checked)} />
        {ftp.enabled ? t.ftpOn : t.ftpOff}
      </label>
      {ftp.problem && (
        <p className="err" role="alert" title={ftp.problem}>
          {ftp.problemCode && ftp.problemCode !== 'start_failed' ? t.ftpProblems[ftp.problemCode](ftp.port) : ftp.problem}
        </p>
      )}
      {!ftp.enabled && <p className="note">{t.ftpHelp}</p>}
      {ftp.enabled && (
        <>
          <dl className="ftp-access">
            <Copyable label={t.ftpHost} value={ftp.host} />
            <Copyable label={t.ftpPort} value={String(ftp.port)} />
            <Copyable label={t.ftpUser} value={ftp.username} />
            <Copyable label={t.ftpPassword} value={ftp.password} secret />
          </dl>
          <p className="note">{t.ftpModeNote(ftp.passivePorts)}</p>
          {ftp.ftps && ftp.tlsFingerprint && (
            <p className="note">
              {t.ftpsNote} <code className="fingerprint">{ftp.tlsFingerprint}</code>
            </p>
          )}
          <button type="button" onClick={() => window.print()}>
            {t.ftpPrint}
          </button>
          <h4>{t.ftpCameras}</h4>
          {ftp.cameras.length === 0 ? (
            <p className="muted">{t.ftpNoCamera}</p>
          ) : (
            <table className="ftp-cameras">
              <thead>
                <tr>
                  <th>{t.ftpCamera}</th>
                  <th>{t.status}</th>
                  <th>{t.ftpPhotos}</th>
                  <th>{t.ftpDuplicates}</th>
                  <th>{t.ftpRefused}</th>
                  <th>{t.ftpLost}</th>
                  <th>{t.ftpLastError}</th>
                </tr>
              </thead>
              <tbody>
                {ftp.cameras.map((c) => (
                  <tr key={c.address} data-testid="ftp-camera">
                    <td>{c.address}</td>
                    <td>
                      <span className={`pill ${c.connected ? 'done' : 'queued'}`}>{c.connected ? t.ftpConnected : t.ftpNotConnected}</span>
                    </td>
                    <td>{c.photos}</td>
                    <td>{c.duplicates}</td>
                    <td>{c.refused}</td>
                    <td>{c.lost}</td>
                    <td className={c.lastError ? 'err' : 'muted'} title={c.lastError?.message}>
                      {c.lastError ? `${new Date(c.lastError.at).toLocaleTimeString(lang)} — ${t.ftpFileProblems[c.lastError.reason](c.lastError.file)}` : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="ftp-card" aria-hidden="true">
            <h1>{t.ftpCardTitle}</h1>
            <p className="ftp-card-event">{eventName}</p>
            <table>
              <tbody>
                <tr>
                  <th>{t.ftpHost}</th>
                  <td>{ftp.host}</td>
                </tr>
                <tr>
                  <th>{t.ftpPort}</th>
                  <td>{ftp.port}</td>
                </tr>
                <tr>
                  <th>{t.ftpUser}</th>
                  <td>{ftp.username}</td>
                </tr>
                <tr>
                  <th>{t.ftpPassword}</th>
                  <td>{ftp.password}</td>
                </tr>
                <tr>
                  <th>{t.ftpMode}</th>
                  <td>
                    {t.ftpPassive}
                    {ftp.ftps ? ' · FTPS (explicit)' : ''}
                  </td>
                </tr>
              </tbody>
            </table>
            <p>{t.ftpCardSteps}</p>
          </div>
        </>
      )}
    </section>
  );
}
