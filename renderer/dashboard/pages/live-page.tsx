// Live: the active event's photos by state, its rate and time left, workers and bcrypt cost
// changed in place, system charts over 15 minutes, cache hit rates, the face engine, and the
// event's match feed (seeded from the server, so it survives a reload).
import { useEffect, useState } from 'react';
import type { SystemHistory, SystemResponse } from '../../../server/contract/admin';
import type { EventQueue } from '../../../server/contract/event-live';
import type { SettingsView as Settings } from '../../../server/contract/settings';
import { Chart } from '../components/chart';
import { useDashboard } from '../state';
import { useAdminImage } from '../components/admin-image';

/** The time left, rounded as a person would say it: "45 s", "3 min", "1 h 05". */
function formatEta(s: number | null | undefined): string {
  if (s === null || s === undefined || s === 0) return '—';
  if (s < 60) return `${s}\u00a0s`;
  if (s < 3600) return `${Math.round(s / 60)}\u00a0min`;
  return `${Math.floor(s / 3600)}\u00a0h\u00a0${String(Math.round((s % 3600) / 60)).padStart(2, '0')}`;
}

function InPlaceNumber({
  label,
  title,
  note,
  value,
  min,
  max,
  onApply,
}: {
  label: string;
  title?: string;
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
      <label title={title}>
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

/** A match's thumbnail: fetched with the token in a header (never in a URL), shown from memory. */
function FeedThumb({ photoId }: { photoId: string }) {
  const { url } = useAdminImage(`/api/admin/photos/${photoId}/thumb`); // no thumbnail yet: the empty square stays
  return url ? <img src={url} alt="" width={48} height={48} /> : <span className="thumb-empty" />;
}

export function LivePage() {
  const { api, t, lang, stats, feed, settings, setSettings, setError, events, activeEventId, photoVersion } = useDashboard();
  const [system, setSystem] = useState<SystemResponse | null>(null);
  const [history, setHistory] = useState<SystemHistory['samples']>([]);
  const [eq, setEq] = useState<EventQueue | null>(null);
  const activeEvent = events.find((e) => e.id === activeEventId);

  // The active event's figures: every 2 s (the rate moves) and at once when a photo changes.
  useEffect(() => {
    setEq(null);
    if (!activeEventId) return;
    let stop = false;
    const load = () =>
      api
        .get<EventQueue>(`/api/admin/events/${activeEventId}/queue`)
        .then((q) => !stop && setEq(q))
        .catch(() => {}); // the banner already says when the server is away
    void load();
    const timer = setInterval(load, 2000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [api, activeEventId, photoVersion]);

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
      {activeEvent && <h2 className="figures-title">{t.eventFigures(activeEvent.name)}</h2>}
      <section className="counters" aria-label="Queue">
        {(['queued', 'running', 'done', 'failed'] as const).map((k) => (
          <div key={k} className={`counter ${k}`}>
            <span className="n" data-testid={`count-${k}`}>
              {eq ? eq[k === 'running' ? 'processing' : k] : '—'}
            </span>
            <span>{t[k]}</span>
          </div>
        ))}
        <div className="counter">
          <span className="n" data-testid="rate">
            {eq?.photosPerMinute == null ? '—' : eq.photosPerMinute.toLocaleString(lang, { maximumFractionDigits: 1 })}
          </span>
          <span>{t.throughput}</span>
        </div>
        <div className="counter">
          <span className="n" data-testid="eta">
            {formatEta(eq?.etaSeconds)}
          </span>
          <span>
            {t.eta}
            {eq && (eq.etaSeconds === null ? ` (${t.etaMeasuring})` : eq.etaSeconds === 0 ? ` (${t.etaDone})` : '')}
          </span>
        </div>
      </section>
      <div className="grid-2">
        <section className="card">
          {settings && (
            <>
              <InPlaceNumber
                label={t.workersBusy(q?.workersActive ?? 0, q?.workers ?? settings.workers)}
                title={t.workersOnDemand}
                note={`${t.workersOnDemand} ${t.workersNote}`}
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
              <li key={`${m.photoId}-${m.attendeeId}`}>
                <FeedThumb photoId={m.photoId} />
                <span>
                  <strong>{m.attendeeName}</strong>
                  <br />
                  <span className="muted">{m.fileName}</span>
                </span>
                <time dateTime={m.matchedAt}>{new Date(m.matchedAt).toLocaleTimeString(lang)}</time>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="charts">
        <Chart title={t.cpu} times={times} values={history.map((s) => s.cpu.processPercent)} color="#2563eb" lang={lang} span={t.chartSpan} />
        <Chart title={t.memory} times={times} values={history.map((s) => s.memory.rssBytes / 1048576)} color="#16a34a" lang={lang} span={t.chartSpan} />
        <Chart title={t.lag} times={times} values={history.map((s) => s.eventLoopLagMs)} color="#dc2626" lang={lang} span={t.chartSpan} />
      </section>
    </div>
  );
}
