import { acquireRunLock, releaseRunLock } from '../apply/apply.js';
import type pg from 'pg';
import type { SchemaFilter } from '../catalog/filter.js';
import { NO_SUPABASE, type DataSettings, type SeedSettings, type SupabaseSettings, type ValidateSettings } from '../config/resolve.js';
import type { DataResult } from '../data/phase.js';
import { describeError } from '../db/errors.js';
import type { Plan } from '../diff/change.js';
import type { Logger, SourceLocation } from '../log/logger.js';
import { SeedFileError } from '../seed/error.js';
import type { SeedResult } from '../seed/phase.js';
import type { ValidateResult } from '../validate/phase.js';
import { runSchemaPhase, type SchemaStatus } from './schema-phase.js';
import { openSessions, openTarget, type Sessions } from './sessions.js';

export type RunStatus = 'no-changes' | 'planned' | 'applied' | 'blocked' | 'failed';
export type PhaseName = 'connect' | 'schema' | 'data' | 'seed' | 'validate';

export interface PhaseResult {
  name: PhaseName;
  status: 'ok' | 'failed' | 'skipped';
  ms: number;
  /** Why it failed or was skipped. */
  detail?: string;
}

export type Step = 'schema' | 'data' | 'seed' | 'validate';

export interface RunOptions {
  /** Needed for the schema step and the drift check. */
  sourceUrl?: string | undefined;
  targetUrl: string;
  targetName: string;
  mode: 'plan' | 'apply';
  filter: SchemaFilter;
  allowDestructive: boolean;
  lockTimeout: string;
  /** Sync extension versions (default true). */
  extensionVersions?: boolean;
  /** Data phase settings; none: no data phase. */
  data?: DataSettings;
  /** Seed phase settings; none: no seed phase. */
  seed?: SeedSettings;
  /** Validation settings; none: no validation phase. */
  validate?: ValidateSettings;
  supabase?: SupabaseSettings;
  /** Where relative seed paths and supabase/ are found. */
  root?: string;
  configFile?: string | undefined;
  /** The steps after connecting; default all. */
  steps?: readonly Step[];
  logger: Logger;
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
  validation?: ValidateResult;
  /** What stopped the run, psql-style where PostgreSQL said it. */
  error?: string;
  /** Where in the user's files the error is (a seed file's line), for an annotation there. */
  errorAt?: SourceLocation & { reason: string };
  /** The run failed only because validation checks failed (exit code 4). */
  checksFailed?: boolean;
  startedAt: Date;
  finishedAt: Date;
}

/**
 * The whole pipeline for one target: connect (and guard) → schema → seed →
 * validate. Each phase is timed; a failing phase stops the later ones. In
 * apply mode the target's run lock is held throughout, so a second run waits
 * and never interleaves. Never throws: the outcome, failures included, is in
 * the report so it can still be written and posted.
 */
export async function runPipeline(options: RunOptions): Promise<RunReport> {
  const { logger } = options;
  const steps = options.steps ?? ['schema', 'data', 'seed', 'validate'];
  const report: RunReport = {
    targetName: options.targetName,
    steps,
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
      if (error instanceof SeedFileError) report.errorAt = { file: error.file, line: error.line, column: error.column, title: 'seed file failed', reason: error.reason };
      return undefined;
    }
  };
  const skip = (name: PhaseName, detail: string) => report.phases.push({ name, status: 'skipped', ms: 0, detail });

  let sessions: { source?: pg.Client; target: pg.Client; helpers?: Sessions['helpers']; close(): Promise<void> } | undefined;
  let locked = false;
  const writes = options.mode === 'apply' && steps.some((s) => s !== 'validate');
  try {
    const { sourceUrl } = options;
    const title = sourceUrl ? `Connect to the source and target "${options.targetName}"` : `Connect to the target "${options.targetName}"`;
    sessions = await phase('connect', title, async () => {
      const opened = sourceUrl ? await openSessions({ ...options, sourceUrl }) : await openTarget(options);
      if (writes) {
        try {
          await acquireRunLock(opened.target);
        } catch (error) {
          await opened.close();
          throw error;
        }
      }
      return opened;
    });
    if (!sessions) return finish(report);
    locked = writes;
    const open = sessions;
    if (steps.includes('schema')) {
      const source = open.source;
      if (!source) throw new Error('the schema step needs the source database');
      const schema = await phase('schema', options.mode === 'apply' ? 'Sync the schema' : 'Plan the schema', () =>
        runSchemaPhase({ source, target: open.target, helpers: open.helpers }, {
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
        if (options.data && steps.includes('data')) skip('data', 'the schema sync was blocked');
        if (options.seed && steps.includes('seed')) skip('seed', 'the schema sync was blocked');
        if (options.validate && steps.includes('validate')) skip('validate', 'the schema sync was blocked');
        return finish(report);
      }
    } else {
      report.status = 'no-changes';
    }

    if (options.data && steps.includes('data')) {
      const settings = options.data;
      if (options.mode === 'plan') skip('data', 'mode plan: nothing is written');
      else if (!settings.enabled) skip('data', 'off: production data is copied only when enabled (sync-data, [data] enabled = true)');
      else {
        const source = open.source;
        if (!source) throw new Error('copying data needs the source database');
        const { emptyDataResult, runDataPhase } = await import('../data/phase.js');
        const result = (report.data = emptyDataResult(settings.mode));
        const openSource = open.helpers?.source;
        const done = await phase('data', 'Copy data', () => runDataPhase(source, open.target, { settings, lockTimeout: options.lockTimeout, logger, openSource }, result));
        if (!done) return finish(report);
      }
    }

    if (options.seed && steps.includes('seed')) {
      const settings = options.seed;
      if (options.mode === 'plan') skip('seed', 'mode plan: nothing is written');
      else if (!settings.enabled) skip('seed', 'seeding is turned off');
      else {
        // Seeding and validation load on first use: a plan needs neither.
        const { emptySeedResult, runSeedPhase } = await import('../seed/phase.js');
        const result = (report.seed = emptySeedResult());
        const done = await phase('seed', 'Seed', () =>
          runSeedPhase(open.target, {
            settings, supabase: options.supabase ?? NO_SUPABASE, root: options.root ?? process.cwd(), targetName: options.targetName,
            configFile: options.configFile, lockTimeout: options.lockTimeout, logger,
          }, result),
        );
        if (!done) return finish(report);
        if (result.files.length === 0 && result.reset.length === 0 && result.users.length === 0) {
          report.phases[report.phases.length - 1] = { ...report.phases.at(-1)!, status: 'skipped', detail: `nothing to seed: ${result.origin}` };
        }
      }
    }

    if (options.validate && steps.includes('validate')) {
      const settings = options.validate;
      if (!settings.enabled) skip('validate', 'validation is turned off');
      else {
        const { failedChecks, runValidation } = await import('../validate/phase.js');
        const validation = await phase('validate', 'Validate', () =>
          runValidation(open.target, open.source, {
            settings, supabase: options.supabase ?? NO_SUPABASE, seedUsers: options.seed?.users ?? [],
            data: options.data, dataResult: report.data,
            filter: options.filter, extensionVersions: options.extensionVersions ?? true,
            skipDrift: options.mode === 'plan' ? 'mode plan: the schema changes above are the difference' : undefined,
            // Proven under this run's lock by the schema phase, and no seed file ran since.
            driftProven: (report.schema?.status === 'applied' || report.schema?.status === 'no-changes') && !report.seed?.files.some((f) => f.status === 'applied'),
            logger,
          }),
        );
        if (!validation) return finish(report);
        report.validation = validation;
        const failed = failedChecks(validation);
        if (failed.length > 0) {
          report.error = `${failed.length} validation check(s) failed: ${failed.map((c) => c.name).join(', ')}`;
          report.checksFailed = true;
          report.phases[report.phases.length - 1]!.status = 'failed';
        }
      }
    }
    return finish(report);
  } catch (error) {
    report.error = describeError(error);
    return finish(report);
  } finally {
    if (locked) await releaseRunLock(sessions!.target);
    await sessions?.close();
  }
}

function finish(report: RunReport): RunReport {
  report.finishedAt = new Date();
  // Steps a failure kept from running still show in the report, as not run.
  const failed = report.phases.find((p) => p.status === 'failed');
  if (failed && failed.name !== 'validate') {
    for (const step of report.steps) {
      if (!report.phases.some((p) => p.name === step)) report.phases.push({ name: step, status: 'skipped', ms: 0, detail: `not run: the ${failed.name} phase failed` });
    }
  }
  if (report.error && report.status !== 'blocked') report.status = 'failed';
  return report;
}
