// Admin: settings, system figures, queue and cache statistics.
import { QueueStats, SystemHistory, SystemResponse, type SystemResponse as SystemResponseType } from '../../contract/admin.js';
import { SettingsPatch, SettingsView, type Settings } from '../../contract/settings.js';
import type { HttpApp } from '../../http/http-base.js';
import { REKOGNITION_SECRET, type SecretStore } from '../../security/secret-store.js';
import type { SystemMonitor } from '../../monitor/system-monitor.js';
import type { QueueService } from '../../services/queue-service.js';
import type { SettingsService } from '../../services/settings-service.js';

export interface SystemRoutesDeps {
  settings: SettingsService;
  monitor: SystemMonitor;
  queue: QueueService;
  engineStatus: () => SystemResponseType['engine'];
  /** Write-only secrets (the Rekognition secret access key): stored here, never answered. */
  secrets: SecretStore;
}

export function registerSystemRoutes(app: HttpApp, deps: SystemRoutesDeps) {
  // The response schema lists the fields answered: the secret is never among them.
  const view = (s: Settings): SettingsView => ({ ...s, rekognitionSecretSet: deps.secrets.has(REKOGNITION_SECRET) });

  app.get('/api/admin/settings', { schema: { response: { 200: SettingsView } } }, async () => view(deps.settings.get()));

  app.put('/api/admin/settings', { schema: { body: SettingsPatch, response: { 200: SettingsView } } }, async (req) => {
    const { rekognitionSecretAccessKey: secret, rekognitionSecretSet: _readOnly, ...patch } = req.body;
    if (secret !== undefined) deps.secrets.set(REKOGNITION_SECRET, secret);
    return view(deps.settings.update(patch));
  });

  app.get('/api/admin/system', { schema: { response: { 200: SystemResponse } } }, async () => {
    const s = deps.settings.get();
    return { ...deps.monitor.latest(), engine: deps.engineStatus(), bcryptRounds: s.bcryptRounds, workers: s.workers };
  });

  app.get('/api/admin/system/history', { schema: { response: { 200: SystemHistory } } }, async () => ({ samples: deps.monitor.history() }));

  app.get('/api/admin/queue/stats', { schema: { response: { 200: QueueStats } } }, async () => deps.queue.stats());
}
