// Settings: face engine, match threshold, workers, bcrypt cost, ports, language.
import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../server/contract/settings';
import { useDashboard } from '../state';

export function SettingsPage() {
  const { api, t, settings, setSettings, setLang, setError } = useDashboard();
  const [draft, setDraft] = useState<Settings | null>(settings);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(settings), [settings]);
  if (!draft) return null;

  const field = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };
  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      const next = await api.put<Settings>('/api/admin/settings', draft);
      setSettings(next);
      setLang(next.language);
      setSaved(true);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const num = (key: 'workers' | 'bcryptRounds' | 'matchThreshold' | 'attendeePort' | 'adminPort', label: string, min: number, max: number, step = 1) => (
    <label>{label}<input type="number" min={min} max={max} step={step} value={draft[key]} onChange={(e) => field(key, Number(e.target.value))} /></label>
  );

  return (
    <form className="card settings" onSubmit={save}>
      <label>{t.faceEngine}
        <select value={draft.faceEngine} onChange={(e) => field('faceEngine', e.target.value as Settings['faceEngine'])}>
          <option value="local">{t.local}</option>
        </select>
      </label>
      {num('matchThreshold', t.threshold, 0.3, 0.7, 0.01)}
      <p className="note">{t.thresholdNote}</p>
      {num('workers', t.workers, 1, 16)}
      <p className="note">{t.workersNote}</p>
      {num('bcryptRounds', t.bcrypt, 10, 14)}
      <p className="note">{t.bcryptNote}</p>
      <fieldset><legend>{t.ports}</legend>{num('attendeePort', t.attendeePort, 1, 65535)}{num('adminPort', t.adminPort, 1, 65535)}</fieldset>
      <label>{t.language}
        <select value={draft.language} onChange={(e) => field('language', e.target.value as Settings['language'])}>
          <option value="en">English</option><option value="fr">Français</option>
        </select>
      </label>
      <button type="submit" className="primary">{t.save}</button>
      {saved && <p role="status">{t.saved}</p>}
    </form>
  );
}
