import { ConfigError } from '../config/error.js';
import type { DataResult } from '../data/phase.js';
import { describeError } from '../db/errors.js';
import type { Plan } from '../diff/change.js';
import type { SourceLocation } from '../log/logger.js';
import { SeedFileError } from '../seed/error.js';
import type { MigrationRun } from '../migrate/desired.js';
import type { SeedResult } from '../seed/phase.js';
import type { ValidateResult } from '../validate/phase.js';
import type { SchemaStatus } from './schema-phase.js';

export type RunStatus = 'no-changes' | 'planned' | 'applied' | 'blocked' | 'failed';
export type PhaseName = 'connect' | 'schema' | 'data' | 'seed' | 'validate';
export type Step = 'schema' | 'data' | 'seed' | 'validate';
export const ALL_STEPS: readonly Step[] = ['schema', 'data', 'seed', 'validate'];

export interface PhaseResult {
  name: PhaseName;
  /** rolled back: it succeeded, but a later phase failed and the run's transaction undid it. */
  status: 'ok' | 'failed' | 'skipped' | 'rolled back';
  ms: number;
  /** Why it failed or was skipped. */
  detail?: string;
}

export interface RunReport {
  targetName: string;
  steps: readonly Step[];
  mode: 'plan' | 'apply';
  status: RunStatus;
  phases: PhaseResult[];
  schema?: { status: SchemaStatus; plan: Plan };
  data?: DataResult;
  seed?: SeedResult;
  /** The pull request's pending migrations, when there are migration files. */
  migrations?: { by: 'ledger' | 'git'; runs: MigrationRun[] };
  validation?: ValidateResult;
  /** What stopped the run, psql-style where PostgreSQL said it. */
  error?: string;
  /** Where in the user's files the error is (a seed file's line), for an annotation there. */
  errorAt?: SourceLocation & { reason: string };
  /** The run failed only because validation checks failed (exit code 4). */
  checksFailed?: boolean;
  /** The Supabase preview branch the target is, when it was found through the Management API. */
  branch?: { name: string; ref: string };
  startedAt: Date;
  finishedAt: Date;
}

/** Where in the user's files an error points, for an annotation there. */
export function errorLocation(error: unknown): RunReport['errorAt'] {
  if (error instanceof SeedFileError) return { file: error.file, line: error.line, column: error.column, title: error.title, reason: error.reason };
  if (error instanceof ConfigError) return { file: error.file, ...(error.line ? { line: error.line } : {}), title: 'pg-branch-sync config', reason: error.message };
  return undefined;
}

/** The report of a run that could not start (a setting missing): still written and posted, so the failure shows where the reviewer looks. */
export function notStarted(targetName: string, mode: 'plan' | 'apply', error: unknown): RunReport {
  const now = new Date();
  const detail = describeError(error);
  return {
    targetName, steps: ALL_STEPS, mode, status: 'failed',
    phases: [{ name: 'connect', status: 'failed', ms: 0, detail }], error: detail, errorAt: errorLocation(error), startedAt: now, finishedAt: now,
  };
}

const ORDER: PhaseName[] = ['connect', 'schema', 'data', 'seed', 'validate'];

/** Closes the report: phases in pipeline order, steps a failure kept from running shown as not run. */
export function finishReport(report: RunReport): RunReport {
  report.finishedAt = new Date();
  const failed = report.phases.find((p) => p.status === 'failed');
  if (failed && failed.name !== 'validate') {
    for (const step of report.steps) {
      if (!report.phases.some((p) => p.name === step)) report.phases.push({ name: step, status: 'skipped', ms: 0, detail: `not run: the ${failed.name} phase failed` });
    }
  }
  report.phases.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  if (report.error && report.status !== 'blocked') report.status = 'failed';
  return report;
}
