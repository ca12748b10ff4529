import type { SchemaFilter } from '../catalog/filter.js';
import { describeError } from '../db/errors.js';
import type { Plan } from '../diff/change.js';
import type { Logger } from '../log/logger.js';
import { runSchemaPhase, type SchemaStatus } from './schema-phase.js';
import { openSessions, type Sessions } from './sessions.js';

export type RunStatus = 'no-changes' | 'planned' | 'applied' | 'blocked' | 'failed';
export type PhaseName = 'connect' | 'schema';

export interface PhaseResult {
  name: PhaseName;
  status: 'ok' | 'failed' | 'skipped';
  ms: number;
  /** Why it failed or was skipped. */
  detail?: string;
}

export interface RunOptions {
  sourceUrl: string;
  targetUrl: string;
  targetName: string;
  mode: 'plan' | 'apply';
  filter: SchemaFilter;
  allowDestructive: boolean;
  lockTimeout: string;
  /** Sync extension versions (default true). */
  extensionVersions?: boolean;
  logger: Logger;
}

export interface RunReport {
  targetName: string;
  mode: 'plan' | 'apply';
  status: RunStatus;
  phases: PhaseResult[];
  schema?: { status: SchemaStatus; plan: Plan };
  /** What stopped the run, psql-style where PostgreSQL said it. */
  error?: string;
  startedAt: Date;
  finishedAt: Date;
}

/**
 * The whole pipeline for one target: connect (and guard) → schema. Each
 * phase is timed; a failing phase stops the later ones. Never throws: the
 * outcome, failures included, is in the report so it can still be written
 * and posted.
 */
export async function runPipeline(options: RunOptions): Promise<RunReport> {
  const { logger } = options;
  const report: RunReport = {
    targetName: options.targetName,
    mode: options.mode,
    status: 'failed',
    phases: [],
    startedAt: new Date(),
    finishedAt: new Date(),
  };
  const phase = async <T>(name: PhaseName, title: string, fn: () => Promise<T>): Promise<T | undefined> => {
    const start = performance.now();
    try {
      const result = await logger.group(title, fn);
      report.phases.push({ name, status: 'ok', ms: performance.now() - start });
      return result;
    } catch (error) {
      const detail = describeError(error);
      report.phases.push({ name, status: 'failed', ms: performance.now() - start, detail });
      // The caller reports it (setFailed, or the CLI's report), once.
      report.error = detail;
      return undefined;
    }
  };

  let sessions: Sessions | undefined;
  try {
    sessions = await phase('connect', `Connect to the source and target "${options.targetName}"`, () => openSessions(options));
    if (!sessions) return finish(report);
    const open = sessions;
    const schema = await phase('schema', options.mode === 'apply' ? 'Sync the schema' : 'Plan the schema', () =>
      runSchemaPhase(open, {
        mode: options.mode, filter: options.filter, allowDestructive: options.allowDestructive, lockTimeout: options.lockTimeout,
        extensionVersions: options.extensionVersions ?? true, logger,
      }),
    );
    if (!schema) return finish(report);
    report.schema = schema;
    report.status = schema.status;
    if (schema.status === 'blocked') {
      const count = schema.plan.changes.filter((c) => c.hazards.includes('destructive')).length;
      report.error = `${count} destructive change(s) need consent: set allow-destructive (--allow-destructive) for this target to apply them. Nothing was applied.`;
    }
    return finish(report);
  } finally {
    await sessions?.close();
  }
}

function finish(report: RunReport): RunReport {
  report.finishedAt = new Date();
  if (report.error && report.status !== 'blocked') report.status = 'failed';
  return report;
}
