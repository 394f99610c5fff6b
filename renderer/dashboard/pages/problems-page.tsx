// Problems: files that were refused and jobs that failed, together, newest first, each with a
// plain reason (the technical detail in its tooltip); Retry on a failed job with what came of
// it, Dismiss on a refused file.
import { useEffect, useState } from 'react';
import type { Problem } from '../../../server/contract/problems';
import { useDashboard } from '../state';
import './problems-page.css';

type RetryState = 'retrying' | 'queued' | 'failed' | 'done' | 'error';

export function ProblemsPage() {
  const { api, t, lang, activeEventId, problems, reloadProblems, onJob, setError } = useDashboard();
  // Jobs retried from this page, kept on screen with what became of them (a queued job leaves the list).
  const [retried, setRetried] = useState<Map<number, { problem: Problem; state: RetryState }>>(new Map());
  const setRetry = (id: number, state: RetryState, problem?: Problem) =>
    setRetried((m) => {
      const current = m.get(id);
      const p = problem ?? current?.problem;
      return p ? new Map(m).set(id, { problem: p, state }) : m;
    });

  useEffect(
    () =>
      onJob((job) => {
        if (job.state === 'failed') setRetry(job.jobId, 'failed');
        else if (job.state === 'done') setRetry(job.jobId, 'done');
      }),
    [onJob],
  );

  async function retryOne(p: Problem) {
    setRetry(p.id, 'retrying', p);
    try {
      await api.post(`/api/admin/jobs/${p.id}/retry`);
      // The job may already have run (and failed or finished) before the answer arrived.
      setRetried((m) => (m.get(p.id)?.state === 'retrying' ? new Map(m).set(p.id, { problem: p, state: 'queued' }) : m));
    } catch (e) {
      setRetry(p.id, 'error');
      setError((e as Error).message);
    }
  }

  async function retry(p: Problem) {
    await retryOne(p);
    await reloadProblems();
  }

  /** Every failed job of this event's list (not other events'), each with its own feedback. */
  async function retryAll() {
    for (const p of listed.filter((x) => x.kind === 'job')) await retryOne(p);
    await reloadProblems();
  }

  async function act(run: () => Promise<unknown>) {
    try {
      await run();
    } catch (e) {
      setError((e as Error).message);
    }
    await reloadProblems();
  }

  const listed = problems?.problems ?? [];
  const kept = [...retried.values()].filter((r) => !listed.some((p) => p.kind === 'job' && p.id === r.problem.id));
  const rows = [...kept.map((r) => r.problem), ...listed];
  const retryWords: Record<RetryState, string> = {
    retrying: t.retrying,
    queued: t.retryQueued,
    failed: t.retryFailedAgain,
    done: t.retryDone,
    error: t.retryFailedAgain,
  };
  const when = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'medium' });

  return (
    <section className="card problems" aria-labelledby="problems-title">
      <h2 id="problems-title">{t.problems}</h2>
      <p className="muted">{t.problemsHelp}</p>
      <div className="problem-actions">
        {problems && <span data-testid="problem-counts">{t.problemsCounts(problems.refused, problems.failedJobs)}</span>}
        <button type="button" disabled={!problems?.failedJobs} onClick={() => void retryAll()}>
          {t.retryAllFailed}
        </button>
        <button type="button" disabled={!problems?.refused} onClick={() => void act(() => api.del(`/api/admin/events/${activeEventId}/refused-files`))}>
          {t.dismissAll}
        </button>
      </div>
      {problems && rows.length === 0 && <p data-testid="no-problems">{t.problemsNone}</p>}
      {problems && listed.length < problems.refused + problems.failedJobs && <p className="muted">{t.problemsMore(listed.length)}</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t.problemWhen}</th>
              <th>{t.problemFile}</th>
              <th>{t.problemFrom}</th>
              <th>{t.problemReason}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const state = p.kind === 'job' ? retried.get(p.id)?.state : undefined;
              return (
                <tr key={`${p.kind}-${p.id}`} data-testid="problem" data-kind={p.kind}>
                  <td className="when">
                    <time dateTime={p.at}>{when(p.at)}</time>
                  </td>
                  <td className="name">{p.name}</td>
                  <td>{t.sources[p.source]}</td>
                  <td title={p.detail ?? undefined}>{t.reasons[p.reason]}</td>
                  <td className="action">
                    {p.kind === 'job' ? (
                      <>
                        {state && (
                          <span className={`retry-state ${state}`} role="status">
                            {retryWords[state]}
                          </span>
                        )}
                        {state !== 'retrying' && state !== 'queued' && state !== 'done' && (
                          <button type="button" onClick={() => void retry(p)}>
                            {t.retry}
                          </button>
                        )}
                      </>
                    ) : (
                      <button type="button" onClick={() => void act(() => api.del(`/api/admin/refused-files/${p.id}`))}>
                        {t.dismiss}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
