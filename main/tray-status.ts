// The tray icon's tooltip and title from the queue figures. Pure.
import type { QueueStats } from '../server/contract/admin.js';

export function trayTooltip(stats: QueueStats): string {
  const q = stats.queue;
  const lines = [`FindMe — ${q.done} photos done`];
  if (q.queued + q.running > 0) lines.push(`${q.queued + q.running} in progress${q.etaSeconds ? `, about ${Math.ceil(q.etaSeconds / 60)} min left` : ''}`);
  if (q.failed > 0) lines.push(`${q.failed} failed: see the dashboard`);
  return lines.join('\n');
}
