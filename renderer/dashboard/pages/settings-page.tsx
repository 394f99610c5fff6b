// Settings: face engine (local, or Rekognition with its region, credentials and caps), match
// thresholds, workers, bcrypt cost, data retention, ports, the FTP receiver, language.
import { useEffect, useState, type FormEvent } from 'react';
import { SETTING_LIMITS as L } from '../../../server/contract/limits';
import type { SettingsPatch, SettingsView } from '../../../server/contract/settings';
import { useDashboard } from '../state';

type NumKey =
  | 'workers'
  | 'bcryptRounds'
  | 'matchThreshold'
  | 'attendeePort'
  | 'adminPort'
  | 'retentionDays'
  | 'ftpPort'
  | 'ftpPassivePortMin'
  | 'ftpPassivePortMax'
  | 'rekognitionConcurrency'
  | 'rekognitionTps'
  | 'rekognitionFaceMatchThreshold'
  | 'connectionsPerAddress'
  | 'streamsPerAttendee'
  | 'selfieBudget'
  | 'selfieBudgetWindowMinutes';
type TextKey = 'rekognitionRegion' | 'rekognitionAccessKeyId' | 'rekognitionEndpoint';

export function SettingsPage() {
  const { api, t, settings, setSettings, setLang, setError } = useDashboard();
  const [draft, setDraft] = useState<SettingsView | null>(settings);
  const [secret, setSecret] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(settings), [settings]);
  if (!draft) return null;
  const current = draft;

  const field = <K extends keyof SettingsView>(key: K, value: SettingsView[K]) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };
  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      const { rekognitionSecretSet: _readOnly, ...rest } = current;
      const patch: SettingsPatch = { ...rest, ...(secret && { rekognitionSecretAccessKey: secret }) };
      const next = await api.put<SettingsView>('/api/admin/settings', patch);
      setSettings(next);
      setLang(next.language);
      setSecret('');
      setSaved(true);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const num = (key: NumKey, label: string, min: number, max: number, step = 1) => (
    <label>
      {label}
      <input type="number" min={min} max={max} step={step} value={draft[key]} onChange={(e) => field(key, Number(e.target.value))} />
    </label>
  );
  const text = (key: TextKey, label: string, placeholder: string) => (
    <label>
      {label}
      <input value={draft[key]} placeholder={placeholder} onChange={(e) => field(key, e.target.value.trim())} autoComplete="off" />
    </label>
  );
  const rekognition = draft.faceEngine === 'rekognition';

  return (
    <form className="card settings" onSubmit={save}>
      <label>
        {t.faceEngine}
        <select value={draft.faceEngine} onChange={(e) => field('faceEngine', e.target.value as SettingsView['faceEngine'])}>
          <option value="local">{t.local}</option>
          <option value="rekognition">{t.rekognition}</option>
        </select>
      </label>
      {rekognition && (
        <fieldset className="stack">
          <legend>AWS Rekognition</legend>
          <p className="note">{t.rekognitionNote}</p>
          {text('rekognitionRegion', t.region, 'eu-west-1')}
          {text('rekognitionAccessKeyId', t.accessKeyId, 'AKIA…')}
          <label>
            {t.secretKey}
            <input
              type="password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              autoComplete="new-password"
              placeholder={draft.rekognitionSecretSet ? t.secretStored : ''}
            />
          </label>
          {text('rekognitionEndpoint', t.endpoint, 'https://rekognition.eu-west-1.amazonaws.com')}
          {num('rekognitionConcurrency', t.rekognitionConcurrency, L.rekognitionConcurrency.min, L.rekognitionConcurrency.max)}
          {num('rekognitionTps', t.rekognitionTps, L.rekognitionTps.min, L.rekognitionTps.max)}
          {num('rekognitionFaceMatchThreshold', t.rekognitionThreshold, L.rekognitionFaceMatchThreshold.min, L.rekognitionFaceMatchThreshold.max, 0.1)}
        </fieldset>
      )}
      {num('matchThreshold', t.threshold, L.matchThreshold.min, L.matchThreshold.max, 0.005)}
      <p className="note">{t.thresholdNote}</p>
      {num('workers', t.workers, L.workers.min, L.workers.max)}
      <p className="note">{t.workersNote}</p>
      {num('bcryptRounds', t.bcrypt, L.bcryptRounds.min, L.bcryptRounds.max)}
      <p className="note">{t.bcryptNote}</p>
      {num('retentionDays', t.retention, L.retentionDays.min, L.retentionDays.max)}
      <p className="note">{t.retentionNote}</p>
      <fieldset className="stack">
        <legend>{t.limits}</legend>
        <div className="row-form">
          {num('connectionsPerAddress', t.connectionsPerAddress, L.connectionsPerAddress.min, L.connectionsPerAddress.max)}
          {num('streamsPerAttendee', t.streamsPerAttendee, L.streamsPerAttendee.min, L.streamsPerAttendee.max)}
          {num('selfieBudget', t.selfieBudget, L.selfieBudget.min, L.selfieBudget.max)}
          {num('selfieBudgetWindowMinutes', t.selfieBudgetWindow, L.selfieBudgetWindowMinutes.min, L.selfieBudgetWindowMinutes.max)}
        </div>
        <p className="note">{t.limitsNote}</p>
      </fieldset>
      <fieldset>
        <legend>{t.ports}</legend>
        {num('attendeePort', t.attendeePort, 1, 65535)}
        {num('adminPort', t.adminPort, 1, 65535)}
      </fieldset>
      <fieldset className="stack">
        <legend>{t.ftpSettings}</legend>
        <div className="row-form">
          {num('ftpPort', t.ftpPort, L.ftpPort.min, L.ftpPort.max)}
          {num('ftpPassivePortMin', t.ftpPassiveFirst, L.ftpPassivePortMin.min, L.ftpPassivePortMin.max)}
          {num('ftpPassivePortMax', t.ftpPassiveLast, L.ftpPassivePortMax.min, L.ftpPassivePortMax.max)}
        </div>
        <label className="switch">
          <input type="checkbox" checked={draft.ftpTls} onChange={(e) => field('ftpTls', e.target.checked)} />
          {t.ftpTls}
        </label>
        <p className="note">{t.ftpSettingsNote}</p>
      </fieldset>
      <label>
        {t.language}
        <select value={draft.language} onChange={(e) => field('language', e.target.value as SettingsView['language'])}>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </label>
      <button type="submit" className="primary">
        {t.save}
      </button>
      {saved && <p role="status">{t.saved}</p>}
    </form>
  );
}
