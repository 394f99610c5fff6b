// Admin: settings, system figures, queue and cache statistics.
import { QueueStats, SystemHistory, SystemResponse, type SystemResponse as SystemResponseType } from '../../contract/admin.js';
import { Settings, SettingsPatch } from '../../contract/settings.js';
import { AppError } from '../../app/errors.js';
import type { HttpApp } from '../../app/http-base.js';
import type { SystemMonitor } from '../../monitor/system-monitor.js';
import type { SettingsService } from '../../services/settings-service.js';

export interface SystemRoutesDeps {
  settings: SettingsService;
  monitor: SystemMonitor;
  queueStats: () => QueueStats;
  engineStatus: () => SystemResponseType['engine'];
}

export function registerSystemRoutes(app: HttpApp, deps: SystemRoutesDeps) {
  app.get('/api/admin/settings', { schema: { response: { 200: Settings } } }, async () => deps.settings.get());

  app.put('/api/admin/settings', { schema: { body: SettingsPatch, response: { 200: Settings } } }, async (req) => {
    if (req.body.faceEngine === 'rekognition') {
      throw new AppError(400, 'invalid_setting', 'The AWS Rekognition engine is not available in this version: FindMe uses the local engine.');
    }
    return deps.settings.update(req.body);
  });

  app.get('/api/admin/system', { schema: { response: { 200: SystemResponse } } }, async () => {
    const s = deps.settings.get();
    return { ...deps.monitor.latest(), engine: deps.engineStatus(), bcryptRounds: s.bcryptRounds, workers: s.workers };
  });

  app.get('/api/admin/system/history', { schema: { response: { 200: SystemHistory } } }, async () => ({ samples: deps.monitor.history() }));

  app.get('/api/admin/queue/stats', { schema: { response: { 200: QueueStats } } }, async () => deps.queueStats());
}
