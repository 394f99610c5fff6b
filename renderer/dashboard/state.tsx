// Shared dashboard state: the API, the words, the events, and what the live stream pushes.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AdminEvent, AdminStreamEvents, EventList, HeldSelfie, HeldSelfieList, QueueStats } from '../../server/contract/admin';
import type { RecentMatches } from '../../server/contract/event-live';
import type { ProblemList } from '../../server/contract/problems';
import type { SettingsView as Settings } from '../../server/contract/settings';
import { ApiError } from '../shared/api-client';
import { createAdminApi, type AdminApi } from './api';
import { DICTS, errorWords, type Dict, type Lang } from './i18n';

export interface FeedItem {
  photoId: string;
  attendeeId: string;
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
  /** The active event's problems (refused files, failed jobs): the Problems page and its tab's badge. */
  problems: ProblemList | null;
  reloadProblems(): Promise<void>;
  /** Job events from the stream (the Problems page follows the jobs it retried). */
  onJob(listener: (job: AdminStreamEvents['job']) => void): () => void;
  /** The banner's error; cleared on a tab change (it belongs to the tab where it arose). */
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

/** The admin API whose errors read in the operator's language (every page shows the error's message). */
function speaking(api: AdminApi, lang: () => Lang): AdminApi {
  const translated = (e: unknown): never => {
    if (e instanceof ApiError) throw new ApiError(e.status, e.code, errorWords(DICTS[lang()], lang(), e.code, e.message), e.body);
    throw e;
  };
  return {
    ...api,
    get: <T,>(path: string) => api.get<T>(path).catch(translated),
    post: <T,>(path: string, body?: unknown) => api.post<T>(path, body).catch(translated),
    put: <T,>(path: string, body: unknown) => api.put<T>(path, body).catch(translated),
    patch: <T,>(path: string, body: unknown) => api.patch<T>(path, body).catch(translated),
    del: (path: string) => api.del(path).catch(translated),
    upload: <T,>(path: string, field: string, files: File[], onProgress: (p: number) => void) =>
      api.upload<T>(path, field, files, onProgress).catch(translated),
  };
}

export function DashboardProvider({ token, children }: { token: string; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>((localStorage.getItem('findme.lang') as Lang | null) ?? (navigator.language.startsWith('fr') ? 'fr' : 'en'));
  const langRef = useRef(lang);
  langRef.current = lang;
  const api = useMemo(() => speaking(createAdminApi(token), () => langRef.current), [token]);
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
  const [problems, setProblems] = useState<ProblemList | null>(null);
  const [problemsVersion, setProblemsVersion] = useState(0);
  const jobListeners = useRef(new Set<(job: AdminStreamEvents['job']) => void>());
  // The stream's handlers are set once: they read the active event through this ref.
  const activeRef = useRef(activeEventId);
  activeRef.current = activeEventId;

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
    let problemsTimer: ReturnType<typeof setTimeout> | undefined;
    const problemsChanged = () => {
      problemsTimer ??= setTimeout(() => {
        problemsTimer = undefined;
        setProblemsVersion((v) => v + 1);
      }, 500);
    };
    const close = api.stream(
      {
        stats: setStats,
        match: (d) => {
          if (d.eventId !== activeRef.current) return;
          setFeed((f) => [d, ...f.filter((m) => m.photoId !== d.photoId || m.attendeeId !== d.attendeeId)].slice(0, 50));
        },
        refused: (d) => d.eventId === activeRef.current && problemsChanged(),
        job: (d) => {
          jobListeners.current.forEach((fn) => fn(d));
          if (d.state === 'failed') problemsChanged();
        },
        // Coalesce bursts of photo events into one reload every 500 ms at most.
        photo: () => {
          photoTimer ??= setTimeout(() => {
            photoTimer = undefined;
            setPhotoVersion((v) => v + 1);
          }, 500);
        },
        'photo-removed': (d) => {
          setFeed((f) => f.filter((m) => m.photoId !== d.photoId)); // a deleted photo leaves the match feed too
          setPhotoVersion((v) => v + 1);
        },
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
      clearTimeout(problemsTimer);
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

  // The feed and the problems belong to the active event: loaded again when it changes, so a
  // reload of the page still shows the recent matches.
  useEffect(() => {
    setFeed([]);
    if (!activeEventId) return;
    let stop = false;
    api
      .get<RecentMatches>(`/api/admin/events/${activeEventId}/recent-matches?limit=50`)
      .then(
        (r) => !stop && setFeed((live) => [...live, ...r.matches.filter((m) => !live.some((l) => l.photoId === m.photoId && l.attendeeId === m.attendeeId))]),
      )
      .catch((e: Error) => !stop && setError(e.message));
    return () => {
      stop = true;
    };
  }, [api, activeEventId]);

  const reloadProblems = useCallback(async () => {
    if (!activeEventId) return setProblems(null);
    try {
      setProblems(await api.get<ProblemList>(`/api/admin/events/${activeEventId}/problems`));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, activeEventId]);
  useEffect(() => {
    void reloadProblems();
  }, [reloadProblems, problemsVersion]);
  const onJob = useCallback((listener: (job: AdminStreamEvents['job']) => void) => {
    jobListeners.current.add(listener);
    return () => void jobListeners.current.delete(listener);
  }, []);

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
    problems,
    reloadProblems,
    onJob,
    error,
    setError,
    unauthorized,
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
