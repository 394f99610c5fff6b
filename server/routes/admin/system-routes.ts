// Admin: settings, system figures, queue and cache statistics.
import { QueueStats, SystemStatus } from '../../contract/admin.js';
import { Settings, SettingsPatch } from '../../contract/settings.js';
import type { HttpApp } from '../../app/http-base.js';
import type { SystemMonitor } from '../../monitor/system-monitor.js';
import type { SettingsService } from '../../services/settings-service.js';

export interface SystemRoutesDeps {
  settings: SettingsService;
  monitor: SystemMonitor;
  queueStats: () => QueueStats;
}

export function registerSystemRoutes(app: HttpApp, deps: SystemRoutesDeps) {
  app.get('/api/admin/settings', { schema: { response: { 200: Settings } } }, async () => deps.settings.get());

  app.put('/api/admin/settings', { schema: { body: SettingsPatch, response: { 200: Settings } } }, async (req) =>
    deps.settings.update(req.body));

  app.get('/api/admin/system', { schema: { response: { 200: SystemStatus } } }, async () => deps.monitor.latest());

  app.get('/api/admin/queue/stats', { schema: { response: { 200: QueueStats } } }, async () => deps.queueStats());
}
