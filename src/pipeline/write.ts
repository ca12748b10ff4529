import { inRunTransaction } from '../apply/apply.js';
import { desiredAfterSeed } from '../apply/fingerprint.js';
import { readSeedObjects, readTargetMigrations, writeSeedObjects, type SeedObject } from '../apply/ledger.js';
import type { PendingMigrations } from '../apply/sync.js';
import { findPending, type PendingWork } from '../migrate/prepare.js';
import { readCatalog } from '../catalog/read.js';
import type { SchemaModel } from '../catalog/model.js';
import { NO_SUPABASE } from '../config/resolve.js';
import { describeError } from '../db/errors.js';
import { diffModels } from '../diff/plan.js';
import type { SeedWork } from '../seed/phase.js';
import { clashError, keyLabel, modelKeys, objectsNotIn, replacedBySeed, withoutSeedObjects } from '../seed/objects.js';
import type { RunReport } from './report.js';
import { DATA_OFF, SCHEMA_OFF, type OpenSessions, type Phases, type RunOptions } from './phases.js';
import { runSchemaPhase } from './schema-phase.js';

/**
 * Apply mode: the schema, the seed's reset, the data and the seed files in
 * the run's one transaction on the target — a failure anywhere leaves the
 * target as it was — then the test users through the Auth API, which cannot
 * join it. Returns whether to validate, and whether the schema is already
 * proven equal to the desired one (nothing changed it since the proof).
 */
export async function writeSteps(open: OpenSessions, options: RunOptions, report: RunReport, phase: Phases): Promise<ValidateAfter | false> {
  const { logger, steps = report.steps } = options;
  const target = open.target;
  const dataOn = options.data !== undefined && steps.includes('data') && options.data.enabled;
  if (options.data && steps.includes('data') && !options.data.enabled) phase.skip('data', DATA_OFF);
  if (options.seed && steps.includes('seed') && !options.seed.enabled) phase.skip('seed', 'seeding is turned off');

  // The seed's files and users are found and checked before anything is written.
  let seed: SeedWork | undefined;
  const seedModule = options.seed?.enabled && steps.includes('seed') ? await import('../seed/phase.js') : undefined;
  if (seedModule && options.seed) {
    const result = (report.seed = seedModule.emptySeedResult());
    seed = await phase.run('seed', 'Find the seed files', () => seedModule.prepareSeed({
      settings: options.seed!, supabase: options.supabase ?? NO_SUPABASE, root: options.root ?? process.cwd(), targetName: options.targetName,
      configFile: options.configFile, lockTimeout: options.lockTimeout, logger,
    }, result));
    if (!seed) return false;
  }

  const pending = await findPendingFor(open, options, report, phase);
  if (pending === false) return false;

  let proven = false;
  let desired: SchemaModel | undefined;
  let committed = false;
  let seedCommitted = 0;
  let ok = false;
  try {
    ok = await inRunTransaction(target, { lockTimeout: options.lockTimeout }, async (tx) => {
      const ledger = await readSeedObjects(target);
      if (steps.includes('schema') && options.schemaEnabled === false) {
        phase.skip('schema', SCHEMA_OFF);
        report.status = 'no-changes';
      } else if (steps.includes('schema')) {
        const source = open.source;
        if (!source) throw new Error('the schema step needs the source database');
        const schema = await phase.run('schema', 'Sync the schema', async () =>
          runSchemaPhase({ source, target, helpers: open.helpers }, {
            mode: 'apply', inRunTransaction: true, seedObjects: ledger, pending: await pendingInTarget(target, options, pending),
            rowsFollow: dataOn || (seed?.files.length ?? 0) > 0, filter: options.filter, allowDestructive: options.allowDestructive,
            createRoles: options.createRoles ?? false, lockTimeout: options.lockTimeout, extensionVersions: options.extensionVersions ?? true, logger,
          }),
        );
        if (!schema) return false;
        report.schema = { status: schema.status, plan: schema.plan };
        report.status = schema.status;
        if (schema.status === 'blocked') {
          const count = schema.plan.changes.filter((c) => c.hazards.includes('destructive')).length;
          report.error = `${count} destructive change(s) need consent: set allow-destructive (--allow-destructive) for this target to apply them. Nothing was applied.`;
          for (const step of ['data', 'seed', 'validate'] as const) {
            if (steps.includes(step) && !report.phases.some((p) => p.name === step && p.status === 'skipped')) phase.skip(step, 'the schema sync was blocked');
          }
          return false;
        }
        desired = schema.desired;
        proven = true;
      } else {
        report.status = 'no-changes';
      }

      // Rows the seed made go first: production's rows may then replace what they referenced.
      if (seed && seed.options.settings.reset.length > 0) {
        const work = seed;
        if ((await phase.run('seed', 'Empty the seed tables', async () => (await seedModule!.resetSeedTables(target, work), true))) === undefined) return false;
      }

      if (dataOn && options.data) {
        const source = open.source;
        if (!source) throw new Error('copying data needs the source database');
        const { emptyDataResult, runDataPhase } = await import('../data/phase.js');
        const result = (report.data = emptyDataResult(options.data.mode));
        const settings = options.data;
        const done = await phase.run('data', 'Copy data', () =>
          runDataPhase(source, target, { settings, lockTimeout: options.lockTimeout, logger, openSource: open.helpers?.source, targetInTransaction: true, configFile: options.configFile }, result));
        if (!done) return false;
      }

      if (seed) {
        const work = seed;
        // Without a schema step, what the files make is told from the target as it was before them.
        const before = desired ?? (work.files.length > 0 ? await readCatalog(target, { filter: options.filter, inTransaction: true }) : undefined);
        const done = await phase.run('seed', 'Seed', async () => {
          const changedSchema = await seedModule!.runSeedFiles(target, work, {
            checkpoint: async () => {
              await tx.checkpoint();
              committed = true;
              seedCommitted = work.result.files.filter((f) => f.status === 'applied').length;
            },
          });
          if (changedSchema && before) {
            const drift = await settleSeedObjects(open, options, work, ledger, before, desired);
            if (drift) proven = false;
          }
          // A seed file may create objects too: have a Supabase API reload its schema cache.
          if (work.files.length > 0) await target.query("NOTIFY pgrst, 'reload schema'");
          return true;
        });
        if (!done) return false;
      }
      return true;
    });
  } catch (error) {
    report.error = describeError(error);
  }
  if (!ok) {
    undone(report, committed, seedCommitted);
    return false;
  }

  if (seed) {
    const work = seed;
    if (work.options.settings.users.length > 0 && !(await phase.run('seed', 'Seed users', async () => (await seedModule!.seedUsers(work), true)))) return false;
    if (work.files.length === 0 && work.result.reset.length === 0 && work.result.users.length === 0) {
      const entry = report.phases.find((p) => p.name === 'seed')!;
      Object.assign(entry, { status: 'skipped', detail: `nothing to seed: ${work.result.origin}` });
    }
  }
  return { proven, desired };
}

/** What validation needs of the run: whether the schema is proven equal already, and what it was made equal to. */
export interface ValidateAfter {
  proven: boolean;
  /** The desired schema, when pending migrations made it differ from production's. */
  desired?: SchemaModel | undefined;
}

/** The pull request's pending migrations, found before anything is written (a phase of the schema step). */
export async function findPendingFor(open: OpenSessions, options: RunOptions, report: RunReport, phase: Phases): Promise<PendingWork | undefined | false> {
  const settings = options.migrations;
  const needed = report.steps.includes('schema') || report.steps.includes('validate');
  if (!settings?.enabled || !needed || options.schemaEnabled === false || !open.source) return undefined;
  const source = open.source;
  const found = await phase.run('schema', 'Find the pending migrations', () => findPending(settings, options.root ?? process.cwd(), source));
  if (found === undefined) return false;
  report.migrations = { by: found.by, runs: found.runs };
  options.logger.info(found.files.length === 0 ? 'no pending migrations: the target is made equal to production'
    : `${found.files.length} pending migration(s) of this pull request: ${found.files.map((f) => f.display).join(', ')}`);
  return found;
}

/** The pending migrations with what already ran on this target (its ledgers). */
export async function pendingInTarget(target: OpenSessions['target'], options: RunOptions, pending: PendingWork | undefined): Promise<PendingMigrations | undefined> {
  if (!pending || pending.files.length === 0) return undefined;
  return { files: pending.files, runs: pending.runs, ranBefore: await readTargetMigrations(target, options.migrations!.ledger) };
}

/**
 * After the seed files: what they made is the seed's (recorded in the
 * target's ledger, kept out of the schema sync and the drift check); a
 * production object they replaced is an error. Returns whether the target,
 * less the seed's objects, now differs from the desired schema.
 */
async function settleSeedObjects(
  open: OpenSessions, options: RunOptions, work: SeedWork, ledger: readonly SeedObject[], before: SchemaModel, desired: SchemaModel | undefined,
): Promise<boolean> {
  const after = await readCatalog(open.target, { filter: options.filter, inTransaction: true });
  // With the schema synced, all the target has beyond the desired schema is the seed's; otherwise what it gained during the files.
  const present = modelKeys(after);
  const objects = desired ? objectsNotIn(after, desired) : unique([...ledger.filter((o) => present.has(o.key)), ...objectsNotIn(after, before)]);
  const mine = withoutSeedObjects(after, objects);
  if (desired) {
    const replaced = replacedBySeed(desired, mine);
    if (replaced.length > 0) throw clashError(replaced);
  }
  await writeSeedObjects(open.target, objects);
  work.result.objects = objects.map((o) => o.label);
  if (objects.length > 0) options.logger.info(`made by the seed files (kept out of the schema sync and the drift check): ${objects.map((o) => keyLabel(o.key)).join(', ')}`);
  const drift = diffModels(desired ?? before, mine).changes.length > 0;
  // The next push reads the target with these objects set aside: the fingerprint this run recorded follows, so it can skip.
  if (desired && !drift) await desiredAfterSeed(open.target, objects, mine);
  return drift;
}

function unique(objects: SeedObject[]): SeedObject[] {
  return [...new Map(objects.map((o) => [o.key, o])).values()];
}

/** A run whose transaction rolled back: what had succeeded in it is shown as undone. */
function undone(report: RunReport, committed: boolean, seedCommitted: number): void {
  if (committed) {
    // Per-file seeding committed the files before the failed one, and the run's work with the first.
    report.seed?.files.forEach((f, i) => {
      if (f.status === 'applied' && i >= seedCommitted) f.status = 'rolled back';
    });
    return;
  }
  const failed = report.phases.find((p) => p.status === 'failed');
  for (const p of report.phases) {
    if (p.status === 'ok' && p !== failed && p.name !== 'connect') Object.assign(p, { status: 'rolled back', detail: failed ? `undone: the ${failed.name} phase failed` : 'undone' });
  }
  for (const f of report.seed?.files ?? []) if (f.status === 'applied') f.status = 'rolled back';
  if (report.seed) report.seed.reset = [];
  if (report.data) for (const t of report.data.tables) if (t.status === 'equal' || t.status === 'present') t.status = 'rolled back';
  if (report.schema?.status === 'applied' && failed) report.schema.status = 'planned';
}
