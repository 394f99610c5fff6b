// Live: queue counts, throughput and ETA, workers and bcrypt cost changed in place, system
// charts over 15 minutes, cache hit rates, the face engine, and the match feed.
import { useEffect, useState } from 'react';
import type { SystemHistory, SystemResponse } from '../../../server/contract/admin';
import type { SettingsView as Settings } from '../../../server/contract/settings';
import { Chart } from '../components/chart';
import { useDashboard } from '../state';

function formatEta(s: number | null | undefined): string {
  if (s === null || s === undefined) return '–';
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

function InPlaceNumber({
  label,
  note,
  value,
  min,
  max,
  onApply,
}: {
  label: string;
  note: string;
  value: number;
  min: number;
  max: number;
  onApply(v: number): Promise<void>;
}) {
  const { t } = useDashboard();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <form
      className="inplace"
      onSubmit={(e) => {
        e.preventDefault();
        void onApply(draft);
      }}
    >
      <label>
        {label}
        <input type="number" min={min} max={max} value={draft} onChange={(e) => setDraft(Number(e.target.value))} />
      </label>
      <button type="submit" disabled={draft === value}>
        {t.apply}
      </button>
      <p className="note">{note}</p>
    </form>
  );
}

export function LivePage() {
  const { api, t, stats, feed, settings, setSettings, setError } = useDashboard();
  const [system, setSystem] = useState<SystemResponse | null>(null);
  const [history, setHistory] = useState<SystemHistory['samples']>([]);

  useEffect(() => {
    let stop = false;
    const load = async () => {
      try {
        const [s, h] = await Promise.all([api.get<SystemResponse>('/api/admin/system'), api.get<SystemHistory>('/api/admin/system/history')]);
        if (!stop) {
          setSystem(s);
          setHistory(h.samples);
        }
      } catch (e) {
        if (!stop) setError((e as Error).message);
      }
    };
    void load();
    const timer = setInterval(load, 5000); // charts: one small request every 5 s
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [api, setError]);

  async function apply(patch: Partial<Settings>) {
    try {
      setSettings(await api.put<Settings>('/api/admin/settings', patch));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const q = stats?.queue;
  const times = history.map((_, i) => Date.now() / 1000 - (history.length - i));
  return (
    <div className="live">
      {system?.disk.low && (
        <p role="alert" className="warning">
          {t.diskLow((system.disk.freeBytes / 1024 ** 3).toFixed(1))}
        </p>
      )}
      <section className="counters" aria-label="Queue">
        {(['queued', 'running', 'done', 'failed'] as const).map((k) => (
          <div key={k} className={`counter ${k}`}>
            <span className="n" data-testid={`count-${k}`}>
              {q ? q[k] : '–'}
            </span>
            <span>{t[k]}</span>
          </div>
        ))}
        <div className="counter">
          <span className="n">{q ? q.photosPerMinute.toFixed(0) : '–'}</span>
          <span>{t.throughput}</span>
        </div>
        <div className="counter">
          <span className="n">{formatEta(q?.etaSeconds)}</span>
          <span>{t.eta}</span>
        </div>
      </section>
      <div className="grid-2">
        <section className="card">
          {settings && (
            <>
              <InPlaceNumber
                label={`${t.workers} (${q?.workersActive ?? 0}/${q?.workers ?? settings.workers})`}
                note={t.workersNote}
                value={settings.workers}
                min={1}
                max={16}
                onApply={(workers) => apply({ workers })}
              />
              <InPlaceNumber
                label={t.bcrypt}
                note={t.bcryptNote}
                value={settings.bcryptRounds}
                min={10}
                max={14}
                onApply={(bcryptRounds) => apply({ bcryptRounds })}
              />
            </>
          )}
          <h3>{t.engine}</h3>
          <p data-testid="engine">{system ? [system.engine.name, system.engine.state, system.engine.model].filter(Boolean).join(' · ') : '–'}</p>
          {!!system?.engine.redescribing && (
            <p className="muted" data-testid="redescribing">
              {t.redescribing(system.engine.redescribing)}
            </p>
          )}
          <h3>{t.caches}</h3>
          <ul className="plain">
            {stats &&
              Object.entries(stats.cache).map(([name, c]) => (
                <li key={name}>
                  {name}: {(c.hitRate * 100).toFixed(0)}% ({c.hits}/{c.hits + c.misses})
                </li>
              ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="feed-title">
          <h2 id="feed-title">{t.feed}</h2>
          {feed.length === 0 && <p className="muted">{t.feedEmpty}</p>}
          <ul className="feed" aria-live="polite">
            {feed.map((m) => (
              <li key={`${m.photoId}-${m.attendeeName}-${m.matchedAt}`}>
                <img src={`/api/admin/photos/${m.photoId}/thumb?token=${encodeURIComponent(api.token)}`} alt="" width={48} height={48} loading="lazy" />
                <span>
                  <strong>{m.attendeeName}</strong>
                  <br />
                  <span className="muted">{m.fileName}</span>
                </span>
                <time dateTime={m.matchedAt}>{new Date(m.matchedAt).toLocaleTimeString()}</time>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="charts">
        <Chart title={t.cpu} times={times} values={history.map((s) => s.cpu.processPercent)} color="#2563eb" />
        <Chart title={t.memory} times={times} values={history.map((s) => s.memory.rssBytes / 1048576)} color="#16a34a" />
        <Chart title={t.lag} times={times} values={history.map((s) => s.eventLoopLagMs)} color="#dc2626" />
      </section>
    </div>
  );
}
