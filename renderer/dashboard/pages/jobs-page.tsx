// Failed jobs: the reason of each, retry one, retry all.
import { useCallback, useEffect, useState } from 'react';
import type { Static } from 'typebox';
import type { JobList } from '../../../server/contract/admin';
import { useDashboard } from '../state';

type Job = Static<typeof JobList>['jobs'][number];

export function JobsPage() {
  const { api, t, stats, photoVersion, setError } = useDashboard();
  const [jobs, setJobs] = useState<Job[]>([]);
  const load = useCallback(async () => {
    try {
      setJobs((await api.get<{ jobs: Job[] }>('/api/admin/jobs?state=failed')).jobs);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, setError]);
  const failed = stats?.queue.failed;
  // Reload when the failed count moves or a photo changes state (a retried job failing again).
  useEffect(() => {
    void load();
  }, [load, failed, photoVersion]);

  const act = async (path: string) => {
    try {
      await api.post(path);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="card">
      <button type="button" className="primary" disabled={jobs.length === 0} onClick={() => void act('/api/admin/jobs/retry-failed')}>
        {t.retryAll}
      </button>
      {jobs.length === 0 && <p>{t.noFailed}</p>}
      <table className="table">
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} data-testid="failed-job">
              <td>
                #{j.id} {j.kind}
              </td>
              <td>
                <span className="muted">{t.reason}:</span> {j.error}
              </td>
              <td>{j.attempts}×</td>
              <td>
                <button type="button" onClick={() => void act(`/api/admin/jobs/${j.id}/retry`)}>
                  {t.retry}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
