import path from 'node:path';
import type { Logger } from '../log/logger.js';
import { readBranchSwitches } from './branches.js';
import { loadConfig } from './find.js';
import { resolveSettings, type ExplicitSettings, type RunSettings } from './resolve.js';

export interface LoadedSettings {
  settings: RunSettings;
  configFile: string | undefined;
}

/**
 * What one run is to do, from everything that may say it: explicit inputs or
 * flags, pg-branch-sync.toml (the given file, or the default when present),
 * supabase/config.toml's [branches.<target>] switches, the defaults. Says in
 * the log where the schema, data and seed switches came from.
 */
export async function loadSettings(configFile: string | undefined, targetName: string, explicit: ExplicitSettings, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<LoadedSettings> {
  const loaded = await loadConfig(configFile, env);
  const root = loaded ? path.dirname(path.resolve(loaded.file)) : process.cwd();
  const branches = await readBranchSwitches(root, targetName);
  const settings = resolveSettings(loaded?.config, targetName, explicit, (m) => logger.warning(m), root, branches);
  const told = `target "${targetName}": ${settings.switches.join(', ')}`;
  if (settings.switches.some((s) => !s.endsWith('(default)'))) logger.info(told);
  else logger.debug(told);
  return { settings, configFile: loaded?.file };
}
