import path from 'node:path';
import type { Logger } from '../log/logger.js';
import { readBranchSwitches } from './branches.js';
import { loadConfig } from './find.js';
import { parseWaitMs } from '../util/duration.js';
import { resolveSettings, type BranchingRequest, type ExplicitSettings, type RunSettings } from './resolve.js';

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
  if (!settings.targetUrl && explicit.branching?.accessToken) await useBranch(settings, explicit.branching, logger);
  return { settings, configFile: loaded?.file };
}

/**
 * No target URL, and a Management API token: the target is the git branch's
 * Supabase preview branch, its project URL and keys those the API gives
 * (explicit ones win: a custom domain, other keys).
 */
async function useBranch(settings: RunSettings, request: BranchingRequest, logger: Logger): Promise<void> {
  const projectRef = request.projectRef?.trim();
  if (!projectRef) {
    throw new Error('supabase-project-ref (CLI: --supabase-project-ref REF) is needed to find the Supabase preview branch: the production project\'s ref, as in https://<ref>.supabase.co');
  }
  const gitBranch = request.branch?.trim();
  if (!gitBranch) throw new Error('no git branch to find the Supabase preview branch of: set supabase-branch (CLI: --supabase-branch NAME)');
  const waitMs = parseWaitMs(request.wait ?? '10m', 'branch-wait');
  const { resolveBranchTarget } = await import('../supabase/branching/target.js');
  const found = await logger.group(`Find the Supabase preview branch of "${gitBranch}"`, () =>
    resolveBranchTarget({ token: request.accessToken!, projectRef, gitBranch, waitMs, since: request.since, apiUrl: request.apiUrl, logger }));
  settings.targetUrl = found.targetUrl;
  settings.branch = { ref: found.branchRef, name: found.branchName };
  if (settings.unset) delete settings.unset.targetUrl;
  const supabase = settings.supabase;
  settings.supabase = {
    ...supabase,
    url: supabase.url ?? found.supabaseUrl,
    serviceRoleKey: supabase.serviceRoleKey ?? found.serviceRoleKey,
    anonKey: supabase.anonKey ?? found.anonKey,
  };
}
