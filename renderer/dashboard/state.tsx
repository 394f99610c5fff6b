// Shared dashboard state: the API, the words, the events, and what the live stream pushes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AdminEvent, EventList, HeldSelfie, HeldSelfieList, QueueStats } from '../../server/contract/admin';
import type { SettingsView as Settings } from '../../server/contract/settings';
import { ApiError } from '../shared/api-client';
import { createAdminApi, type AdminApi } from './api';
import { DICTS, type Dict, type Lang } from './i18n';

export interface FeedItem {
  photoId: string;
  attendeeName: string;
  fileName: string;
  matchedAt: string;
}

interface DashboardState {
  api: AdminApi;
  t: Dict;
  lang: Lang;
  setLang(lang: Lang): void;
  events: AdminEvent[];
  activeEventId: string | null;
  setActiveEventId(id: string): void;
  reloadEvents(): Promise<void>;
  stats: QueueStats | null;
  connected: boolean;
  feed: FeedItem[];
  settings: Settings | null;
  setSettings(s: Settings): void;
  /** Bumped on every photo event: pages reload what they show. */
  photoVersion: number;
  /** Bumped on every selfie event (accepted, rejected, held for the operator). */
  selfieVersion: number;
  /** The active event's selfies held for the operator (one face, one account). */
  held: HeldSelfie[];
  reloadHeld(): Promise<void>;
  error: string;
  setError(message: string): void;
  /** The admin token is missing or refused: nothing can be shown but how to open the right address. */
  unauthorized: boolean;
}

const Ctx = createContext<DashboardState | null>(null);

export function useDashboard(): DashboardState {
  const state = useContext(Ctx);
  if (!state) throw new Error('useDashboard outside DashboardProvider');
  return state;
}

export function DashboardProvider({ token, children }: { token: string; children: ReactNode }) {
  const api = useMemo(() => createAdminApi(token), [token]);
  const [lang, setLangState] = useState<Lang>((localStorage.getItem('findme.lang') as Lang | null) ?? (navigator.language.startsWith('fr') ? 'fr' : 'en'));
  const [events, setEvents] = useState<AdminEvent[]>([]);
  const [activeEventId, setActive] = useState<string | null>(localStorage.getItem('findme.activeEvent'));
  const [stats, setStats] = useState<QueueStats | null>(null);
  const [connected, setConnected] = useState(false);
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [photoVersion, setPhotoVersion] = useState(0);
  const [selfieVersion, setSelfieVersion] = useState(0);
  const [error, setError] = useState('');
  const [unauthorized, setUnauthorized] = useState(!token);
  const [held, setHeld] = useState<HeldSelfie[]>([]);

  const setLang = (l: Lang) => {
    localStorage.setItem('findme.lang', l);
    setLangState(l);
  };
  const setActiveEventId = (id: string) => {
    localStorage.setItem('findme.activeEvent', id);
    setActive(id);
  };

  // The event chosen for lack of the saved one (purged) is saved too: a reload must not ask for a purged event.
  useEffect(() => {
    if (activeEventId) localStorage.setItem('findme.activeEvent', activeEventId);
  }, [activeEventId]);

  const reloadEvents = useCallback(async () => {
    const list = await api.get<EventList>('/api/admin/events');
    setEvents(list.events);
    setActive((current) => (current && list.events.some((e) => e.id === current) ? current : (list.events[0]?.id ?? null)));
  }, [api]);

  useEffect(() => {
    if (!token) return;
    const failed = (e: Error) => (e instanceof ApiError && e.status === 401 ? setUnauthorized(true) : setError(e.message));
    reloadEvents().catch(failed);
    api.get<Settings>('/api/admin/settings').then(setSettings).catch(failed);
    let photoTimer: ReturnType<typeof setTimeout> | undefined;
    let selfieTimer: ReturnType<typeof setTimeout> | undefined;
    const close = api.stream(
      {
        stats: setStats,
        match: (d) => setFeed((f) => [d, ...f].slice(0, 50)),
        // Coalesce bursts of photo events into one reload every 500 ms at most.
        photo: () => {
          photoTimer ??= setTimeout(() => {
            photoTimer = undefined;
            setPhotoVersion((v) => v + 1);
          }, 500);
        },
        'photo-removed': () => setPhotoVersion((v) => v + 1),
        selfie: () => {
          selfieTimer ??= setTimeout(() => {
            selfieTimer = undefined;
            setSelfieVersion((v) => v + 1);
          }, 500);
        },
      },
      setConnected,
      () => setUnauthorized(true),
    );
    return () => {
      close();
      clearTimeout(photoTimer);
      clearTimeout(selfieTimer);
    };
  }, [api, token, reloadEvents]);

  const reloadHeld = useCallback(async () => {
    if (!activeEventId) return setHeld([]);
    try {
      setHeld((await api.get<HeldSelfieList>(`/api/admin/events/${activeEventId}/held-selfies`)).selfies);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, activeEventId]);
  // Live from the stream's selfie events; polled while the stream is down.
  useEffect(() => {
    void reloadHeld();
  }, [reloadHeld, selfieVersion]);
  useEffect(() => {
    if (connected) return;
    const timer = setInterval(() => void reloadHeld(), 10_000);
    return () => clearInterval(timer);
  }, [connected, reloadHeld]);

  useEffect(() => {
    if (settings?.language && !localStorage.getItem('findme.lang')) setLangState(settings.language);
  }, [settings?.language]);

  const value: DashboardState = {
    api,
    t: DICTS[lang],
    lang,
    setLang,
    events,
    activeEventId,
    setActiveEventId,
    reloadEvents,
    stats,
    connected,
    feed,
    settings,
    setSettings,
    photoVersion,
    selfieVersion,
    held,
    reloadHeld,
    error,
    setError,
    unauthorized,
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
