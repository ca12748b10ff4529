import { acquireRunLock, inRunTransaction, releaseRunLock } from '../apply/apply.js';
import { NO_SUPABASE } from '../config/resolve.js';
import { describeError } from '../db/errors.js';
import { DATA_OFF, phases, SCHEMA_OFF, type OpenSessions, type Phases, type RunOptions } from './phases.js';
import { finishReport, ALL_STEPS, type RunReport } from './report.js';
import { runSchemaPhase, type SchemaPhaseResult } from './schema-phase.js';
import { openSessions, openTarget } from './sessions.js';
import type { PendingWork } from '../migrate/prepare.js';
import { findPendingFor, pendingInTarget, writeSteps, type ValidateAfter } from './write.js';

export type { RunOptions } from './phases.js';
export { notStarted, errorLocation, type PhaseName, type PhaseResult, type RunReport, type RunStatus, type Step } from './report.js';

/**
 * The whole pipeline for one target: connect (and guard) → schema → data →
 * seed → validate. In apply mode the schema, data and seed files go in one
 * transaction on the target, so a run that fails leaves it as it was; the
 * target's run lock is held throughout, so a second run waits and never
 * interleaves. Never throws: the outcome, failures included, is in the
 * report so it can still be written and posted.
 */
export async function runPipeline(options: RunOptions): Promise<RunReport> {
  const { logger } = options;
  const steps = options.steps ?? ALL_STEPS;
  const report: RunReport = {
    targetName: options.targetName, steps, mode: options.mode, status: 'failed', phases: [], startedAt: new Date(), finishedAt: new Date(),
  };
  const phase = phases(report, logger);
  let sessions: OpenSessions | undefined;
  let locked = false;
  const writes = options.mode === 'apply' && steps.some((s) => s !== 'validate');
  try {
    const { sourceUrl } = options;
    const title = sourceUrl ? `Connect to the source and target "${options.targetName}"` : `Connect to the target "${options.targetName}"`;
    sessions = await phase.run('connect', title, async () => {
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
    if (!sessions) return finishReport(report);
    locked = writes;
    const open = sessions;
    const validateAfter = writes ? await writeSteps(open, options, report, phase) : await readSteps(open, options, report, phase);
    if (validateAfter) await validateStep(open, options, report, phase, validateAfter);
    return finishReport(report);
  } catch (error) {
    report.error = describeError(error);
    return finishReport(report);
  } finally {
    if (locked) await releaseRunLock(sessions!.target);
    await sessions?.close();
  }
}

/** Plan mode, or validation alone: nothing is written. */
async function readSteps(open: OpenSessions, options: RunOptions, report: RunReport, phase: Phases): Promise<ValidateAfter | false> {
  const steps = report.steps;
  const pending = await findPendingFor(open, options, report, phase);
  if (pending === false) return false;
  if (steps.includes('schema') && options.schemaEnabled === false) {
    phase.skip('schema', SCHEMA_OFF);
    report.status = 'no-changes';
  } else if (steps.includes('schema')) {
    const source = open.source;
    if (!source) throw new Error('the schema step needs the source database');
    const schemaOptions = {
      mode: 'plan' as const, rowsFollow: (options.data?.enabled === true && steps.includes('data')) || (options.seed?.enabled === true && steps.includes('seed')), filter: options.filter, allowDestructive: options.allowDestructive, createRoles: options.createRoles ?? false, lockTimeout: options.lockTimeout,
      extensionVersions: options.extensionVersions ?? true, logger: options.logger,
    };
    const sessions = { source, target: open.target, helpers: open.helpers };
    // With pending migrations the desired schema is computed on the target, in a transaction rolled back after.
    const schema = await phase.run('schema', 'Plan the schema', () =>
      !pending || pending.files.length === 0 ? runSchemaPhase(sessions, schemaOptions) : planRolledBack(open, options, pending, sessions, schemaOptions));
    if (!schema) return false;
    report.schema = { status: schema.status, plan: schema.plan };
    report.status = schema.status;
  } else {
    report.status = 'no-changes';
  }
  // Validation alone compares the target with the desired schema too: computed, and rolled back.
  let desired: SchemaPhaseResult['desired'];
  if (!steps.includes('schema') && pending && pending.files.length > 0 && open.source) {
    const source = open.source;
    const computed = await phase.run('validate', 'Compute the desired schema', () => planRolledBack(open, options, pending, { source, target: open.target }, {
      mode: 'plan', filter: options.filter, createRoles: options.createRoles ?? false, extensionVersions: options.extensionVersions ?? true, logger: options.logger,
    }));
    if (!computed) return false;
    desired = computed.desired;
  }
  const why = 'mode plan: nothing is written';
  if (options.data && steps.includes('data')) phase.skip('data', options.data.enabled ? why : DATA_OFF);
  if (options.seed && steps.includes('seed')) phase.skip('seed', options.seed.enabled ? why : 'seeding is turned off');
  return { proven: false, desired };
}

/** The schema phase in plan mode with pending migrations: the desired schema is computed on the target, in a transaction rolled back after. */
async function planRolledBack(
  open: OpenSessions, options: RunOptions, pending: PendingWork, sessions: Parameters<typeof runSchemaPhase>[0], schemaOptions: Parameters<typeof runSchemaPhase>[1],
): Promise<SchemaPhaseResult> {
  let result: SchemaPhaseResult | undefined;
  await inRunTransaction(open.target, { lockTimeout: options.lockTimeout }, async () => {
    result = await runSchemaPhase(sessions, { ...schemaOptions, inRunTransaction: true, planOnly: true, pending: await pendingInTarget(open.target, options, pending) });
    return false;
  });
  return result!;
}

async function validateStep(open: OpenSessions, options: RunOptions, report: RunReport, phase: Phases, after: ValidateAfter): Promise<void> {
  if (!options.validate || !report.steps.includes('validate')) return;
  const settings = options.validate;
  if (!settings.enabled) return phase.skip('validate', 'validation is turned off');
  const { failedChecks, runValidation } = await import('../validate/phase.js');
  const validation = await phase.run('validate', 'Validate', () =>
    runValidation(open.target, open.source, {
      settings, supabase: options.supabase ?? NO_SUPABASE, seedUsers: options.seed?.users ?? [],
      data: options.data, dataResult: report.data,
      filter: options.filter, extensionVersions: options.extensionVersions ?? true,
      skipDrift: options.mode === 'plan' ? 'mode plan: the schema changes above are the difference' : undefined,
      driftProven: after.proven, desired: after.desired, pullRequestMigrations: report.migrations?.runs.length ?? 0, seedObjects: report.seed?.objects, logger: options.logger,
    }),
  );
  if (!validation) return;
  report.validation = validation;
  const failed = failedChecks(validation);
  if (failed.length > 0) {
    report.error = `${failed.length} validation check(s) failed: ${failed.map((c) => c.name).join(', ')}`;
    report.checksFailed = true;
    report.phases.find((p) => p.name === 'validate')!.status = 'failed';
  }
}
