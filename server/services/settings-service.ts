// The settings in force: defaults, then saved values, then the environment. Changes are
// validated, saved in one transaction and announced to whoever applies them live.
import { Value } from 'typebox/value';
import { AppError } from '../util/app-error.js';
import { Settings, type SettingsPatch } from '../contract/settings.js';
import type { SettingsRepo } from '../db/repositories/settings-repo.js';

export type SettingsListener = (next: Settings, previous: Settings) => void;

export function createSettingsService(deps: { repo: SettingsRepo; defaults: Settings; fromEnv: Partial<Settings> }) {
  const saved = deps.repo.readAll();
  // Saved values that no longer validate (an older version's limits) fall back to the default.
  const merged: Record<string, unknown> = { ...deps.defaults };
  for (const [key, value] of Object.entries(saved)) {
    const schema = (Settings.properties as unknown as Record<string, Parameters<typeof Value.Check>[0]>)[key];
    if (schema && Value.Check(schema, value)) merged[key] = value;
  }
  let current: Settings = { ...(merged as Settings), ...deps.fromEnv };
  const listeners = new Set<SettingsListener>();

  return {
    get: (): Settings => current,
    /** The patch is already schema-checked by the route. */
    update(patch: SettingsPatch): Settings {
      const previous = current;
      const next = { ...current, ...patch };
      if (!Value.Check(Settings, next)) throw new Error('settings failed validation');
      if (next.ftpPassivePortMax < next.ftpPassivePortMin) {
        throw new AppError(400, 'invalid_setting', 'The last passive FTP port must not be below the first.');
      }
      deps.repo.writeMany(patch);
      current = next;
      for (const listener of listeners) listener(current, previous);
      return current;
    },
    onChange(listener: SettingsListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
