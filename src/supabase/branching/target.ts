import type { Logger } from '../../log/logger.js';
import { addSecret } from '../../log/secrets.js';
import { formatWait } from '../../util/duration.js';
import { managementApi } from './api.js';
import { branchDatabase, branchKeys, probeBranch } from './connect.js';
import { checkProjectRef } from './find.js';
import { waitForBranch } from './wait.js';

export interface BranchTargetOptions {
  token: string;
  /** The production project's ref. */
  projectRef: string;
  /** The git branch whose preview branch is the target. */
  gitBranch: string;
  waitMs: number;
  /** When the push happened: action runs older than that are a previous push's. */
  since?: string | undefined;
  /** SUPABASE_API_URL; default https://api.supabase.com. */
  apiUrl?: string | undefined;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** A Supabase preview branch, ready and reachable: what the run needs to use it as its target. */
export interface BranchTarget {
  targetUrl: string;
  branchRef: string;
  branchName: string;
  /** https://<branch-ref>.supabase.co */
  supabaseUrl: string;
  anonKey?: string | undefined;
  serviceRoleKey?: string | undefined;
}

/**
 * Finds the pull request's preview branch through the Management API, waits
 * until Supabase has created it and run its migrations, and opens a first
 * session through its session pooler (retried while it settles). Every
 * secret it learns is masked before anything is logged.
 */
export async function resolveBranchTarget(options: BranchTargetOptions): Promise<BranchTarget> {
  addSecret(options.token);
  const { logger } = options;
  const projectRef = checkProjectRef(options.projectRef, 'supabase-project-ref');
  const api = managementApi({ token: options.token, baseUrl: options.apiUrl, logger, sleep: options.sleep });
  logger.info(`looking for the Supabase preview branch of "${options.gitBranch}" in project ${projectRef} (waiting up to ${formatWait(options.waitMs)})`);
  const branch = await waitForBranch(api, projectRef, options.gitBranch, { waitMs: options.waitMs, since: options.since, logger, sleep: options.sleep });
  const database = await branchDatabase(api, branch);
  const keys = await branchKeys(api, branch.project_ref, logger);
  const attempts = await probeBranch(database, { logger, sleep: options.sleep });
  logger.info(`connected to the Supabase branch database ${database.display}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`);
  return {
    targetUrl: database.url, branchRef: branch.project_ref, branchName: branch.name,
    supabaseUrl: `https://${branch.project_ref}.supabase.co`, anonKey: keys.anonKey, serviceRoleKey: keys.serviceRoleKey,
  };
}
