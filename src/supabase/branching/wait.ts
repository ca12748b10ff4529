import type { Logger } from '../../log/logger.js';
import { formatWait } from '../../util/duration.js';
import { ManagementApiError, sleep as timer, type ManagementApi } from './api.js';
import { listBranches, noBranchError, pickBranch, type Branch } from './find.js';

/** One step of a branch's action run (clone, pull, health, configure, migrate, seed, deploy). */
export interface RunStep {
  name: string;
  /** CREATED, RUNNING, EXITED (done), DEAD (failed), PAUSED, RESTARTING, REMOVING. */
  status: string;
  created_at: string;
  updated_at: string;
}

/** `GET /v1/projects/{branch_ref}/actions`: what Supabase ran on the branch for each push. */
export interface ActionRun {
  id: string;
  branch_id: string;
  run_steps: RunStep[];
  created_at: string;
  updated_at: string;
}

export interface Readiness {
  state: 'ready' | 'waiting' | 'failed';
  /** How the branch stands, for the progress line. */
  says: string;
  failure?: string;
  warning?: string;
}

const BROKEN_PROJECT = new Set(['INIT_FAILED', 'RESTORE_FAILED', 'PAUSE_FAILED', 'REMOVED', 'INACTIVE', 'GOING_DOWN']);
const DB_DONE = new Set(['MIGRATIONS_PASSED', 'FUNCTIONS_DEPLOYED', 'FUNCTIONS_FAILED']);

/**
 * Whether a branch is usable: its project healthy and its latest action run
 * through (every step EXITED), or, where runs cannot be read, its deprecated
 * status past the migrations. A DEAD step fails it, naming the run.
 */
export function readiness(branch: Branch, runs: readonly ActionRun[] | undefined): Readiness {
  const project = branch.preview_project_status;
  const dashboard = `https://supabase.com/dashboard/project/${branch.parent_project_ref}/branches`;
  if (project && BROKEN_PROJECT.has(project)) {
    const why = project === 'INACTIVE' ? 'it is paused: restore it in the dashboard' : 'see the branch in the dashboard';
    return { state: 'failed', says: `project ${project}`, failure: `the Supabase branch "${branch.name}" (${branch.project_ref}) is ${project}: ${why} (${dashboard})` };
  }
  const projectSays = `project ${project ?? 'status unknown'}`;
  const latest = newest(runs);
  let done: boolean;
  let says: string;
  let warning: string | undefined;
  if (latest) {
    says = `${projectSays}, run ${latest.id}: ${latest.run_steps.map((s) => `${s.name} ${s.status}`).join(', ') || 'no steps yet'}`;
    const dead = latest.run_steps.find((s) => s.status === 'DEAD' && s.name !== 'deploy');
    if (dead) {
      const what = dead.name === 'migrate' ? 'the migrations failed' : dead.name === 'seed' ? 'the seed failed' : `its "${dead.name}" step failed`;
      return {
        state: 'failed', says,
        failure: `${what} on the Supabase branch "${branch.name}" (${branch.project_ref}), action run ${latest.id} (step "${dead.name}"): fix the pull request's migrations, push, and read the run's log in the dashboard (${dashboard})`,
      };
    }
    if (latest.run_steps.some((s) => s.name === 'deploy' && s.status === 'DEAD')) warning = `the edge functions failed to deploy on the branch (action run ${latest.id}); the database is synced anyway`;
    done = latest.run_steps.length > 0 && latest.run_steps.every((s) => s.status === 'EXITED' || (s.name === 'deploy' && s.status === 'DEAD'));
  } else {
    says = `${projectSays}, status ${branch.status}`;
    if (branch.status === 'MIGRATIONS_FAILED') {
      return { state: 'failed', says, failure: `the migrations failed on the Supabase branch "${branch.name}" (${branch.project_ref}): fix the pull request's migrations and push; the branch's log is in the dashboard (${dashboard})` };
    }
    done = DB_DONE.has(branch.status);
    if (branch.status === 'FUNCTIONS_FAILED') warning = 'the edge functions failed to deploy on the branch; the database is synced anyway';
  }
  const healthy = project === undefined || project === 'ACTIVE_HEALTHY';
  return { state: done && healthy ? 'ready' : 'waiting', says, ...(warning ? { warning } : {}) };
}

export interface WaitOptions {
  waitMs: number;
  /** When the push happened (the event's time): an action run older than that is a previous push's. */
  since?: string | undefined;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** A branch may be created a little after the pull request's first workflow starts: looked for this long at most. */
const APPEAR_MS = 120_000;

/**
 * Finds the preview branch of `gitBranch` and polls until Supabase has
 * created it and run its migrations, or `waitMs` is over; a progress line
 * whenever its state changes (and every 30 s).
 */
export async function waitForBranch(api: ManagementApi, projectRef: string, gitBranch: string, options: WaitOptions): Promise<Branch> {
  const wait = options.sleep ?? timer;
  const start = Date.now();
  // Every 5 s, more often for short waits.
  const interval = Math.min(5000, Math.max(200, Math.floor(options.waitMs / 20)));
  let runsReadable = true;
  let since = options.since ? Date.parse(options.since) : Number.NaN;
  let lastSaid = '';
  let lastAt = 0;
  for (;;) {
    const elapsed = Date.now() - start;
    const branches = await listBranches(api, projectRef);
    const branch = pickBranch(branches, gitBranch);
    let state: Readiness;
    if (!branch) {
      if (elapsed >= Math.min(options.waitMs, APPEAR_MS)) throw noBranchError(projectRef, gitBranch, branches, elapsed);
      state = { state: 'waiting', says: 'not created yet' };
    } else {
      let runs: ActionRun[] | undefined;
      if (runsReadable) {
        try {
          runs = await api.get<ActionRun[]>(`/v1/projects/${branch.project_ref}/actions`, `reading the action runs of branch ${branch.project_ref}`);
        } catch (error) {
          if (!(error instanceof ManagementApiError) || error.status !== 403) throw error;
        }
        // Not there, or not for this token: the branch's status says instead.
        if (!runs) {
          runsReadable = false;
          options.logger.debug('the branch\'s action runs cannot be read; waiting on its status instead');
        }
      }
      const latest = newest(runs);
      if (latest && Date.parse(latest.created_at) < since) {
        // Supabase starts a run for each push a little after it: the latest one may still be the previous push's.
        const old = `no action run for this push yet (the latest, ${latest.id}, is from ${latest.created_at})`;
        if (elapsed < Math.min(options.waitMs, APPEAR_MS)) state = { state: 'waiting', says: old };
        else {
          options.logger.warning(`${old} after ${formatWait(Math.min(options.waitMs, APPEAR_MS))}: using the branch as that run left it`);
          since = Number.NaN;
          state = readiness(branch, runs);
        }
      } else {
        state = readiness(branch, runs);
      }
      if (state.state === 'failed') throw new ManagementApiError(state.failure!);
      if (state.state === 'ready') {
        if (state.warning) options.logger.warning(state.warning);
        options.logger.info(`Supabase branch "${branch.name}" (${branch.project_ref}) is ready: ${state.says}`);
        return branch;
      }
    }
    if (elapsed >= options.waitMs) {
      throw new ManagementApiError(
        `the Supabase branch for "${gitBranch}" was not ready after ${formatWait(options.waitMs)} (${state.says}): raise branch-wait (CLI: --branch-wait), or see why in the dashboard (https://supabase.com/dashboard/project/${projectRef}/branches)`,
      );
    }
    if (state.says !== lastSaid || elapsed - lastAt >= 30_000) {
      options.logger.progress(`waiting for the Supabase branch of "${gitBranch}": ${state.says} (${formatWait(Math.round(elapsed / 1000) * 1000)} of ${formatWait(options.waitMs)})`);
      lastSaid = state.says;
      lastAt = elapsed;
    }
    await wait(Math.min(interval, Math.max(0, options.waitMs - elapsed)) || interval);
  }
}

function newest(runs: readonly ActionRun[] | undefined): ActionRun | undefined {
  return [...(runs ?? [])].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
}
