import type pg from 'pg';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SchemaModel } from '../catalog/model.js';
import { readCatalog } from '../catalog/read.js';
import { settleSource } from '../catalog/settle.js';
import { hasHazard, type Plan } from '../diff/change.js';
import type { DiffOptions } from '../diff/context.js';
import { diffModels } from '../diff/plan.js';
import { createRoleStatements, missingRoles, MissingRolesError } from '../diff/roles.js';
import { clashError, seedClashes, withoutSeedObjects } from '../seed/objects.js';
import { desiredSchema, mayKeep, writeMigrationRows, type MigrationRun } from '../migrate/desired.js';
import type { MigrationFile } from '../migrate/files.js';
import { desiredFingerprint } from './fingerprint.js';
import { readSeedObjects, recordMigrations, type SeedObject } from './ledger.js';
import { ApplyError, runChanges, withRunLock, withTargetTransaction, type ApplyOptions } from './apply.js';

export interface SchemaSyncOptions extends ApplyOptions, DiffOptions {
  filter?: SchemaFilter;
  allowDestructive?: boolean;
  /** Open one more session to each database, to share its catalog read (see readCatalog). */
  helpers?: { source?: () => Promise<pg.Client>; target?: () => Promise<pg.Client> };
  /** The target session is inside the run's transaction: its catalog is read there (see readCatalog). */
  targetInTransaction?: boolean;
  /** Compute the plan (the desired schema included) and stop: the caller rolls the transaction back. */
  planOnly?: boolean;
  /** Create roles the source's objects need that the target lacks (NOLOGIN), instead of refusing. */
  createRoles?: boolean;
  /** The pull request's pending migrations: the target is made equal to production with them run on top. */
  pending?: PendingMigrations;
  /** Objects the target's seed files made (its ledger): neither dropped nor listed. */
  seedObjects?: readonly SeedObject[];
}

export interface SchemaPlanResult {
  plan: Plan;
  /** The target's objects that its seed files made: left out of the plan. */
  seedObjects: readonly SeedObject[];
  /** The source, with the texts that differ from the target's only in how PostgreSQL prints them taken from the target. */
  source: SchemaModel;
  /** The source as read: what a re-plan settles again, against the target as it is then. */
  read: SchemaModel;
  target: SchemaModel;
  /** Milliseconds spent reading each catalog, settling printed texts on the target, and diffing. */
  timings: { readSource: number; readTarget: number; settle: number; diff: number };
}

export interface SchemaSyncOutcome {
  status: 'no-changes' | 'planned' | 'applied' | 'blocked';
  plan: Plan;
  /** What the target now equals: the source's schema as read, with the pending migrations on top. */
  desired: SchemaModel;
}

export interface PendingMigrations {
  files: MigrationFile[];
  /** Version → checksum of the migrations that ran on this target before. */
  ranBefore: ReadonlyMap<string, string>;
  /** Filled in as they run. */
  runs: MigrationRun[];
}

/**
 * Reads both catalogs (at the same time) and diffs them. With `sourceModel`,
 * the source read already made is diffed again (after an apply).
 */
export async function planSchema(source: pg.Client, target: pg.Client, options: SchemaSyncOptions = {}, sourceModel?: SchemaModel): Promise<SchemaPlanResult> {
  const start = performance.now();
  const timed = async (read: Promise<SchemaModel>) => {
    const model = await read;
    return { model, ms: performance.now() - start };
  };
  const { filter, helpers } = options;
  // The seed's objects are the target's own business: read from its ledger unless the caller has it.
  const seedObjects = options.seedObjects ?? (await readSeedObjects(target));
  const [s, t] = await Promise.all([
    sourceModel ? { model: sourceModel, ms: 0 } : timed(readCatalog(source, { filter, openHelper: helpers?.source })),
    // Inside the run's transaction the target is read by this session alone (see ReadOptions.inTransaction).
    timed(readCatalog(target, { filter, openHelper: options.targetInTransaction ? undefined : helpers?.target, inTransaction: options.targetInTransaction ?? false })),
  ]);
  const clashes = seedClashes(s.model, seedObjects);
  if (clashes.length > 0) throw clashError(clashes);
  let targetModel = withoutSeedObjects(t.model, seedObjects);
  // A schema whose grants and policies name roles the target lacks can never be equal: refused, or the roles made first.
  const missing = missingRoles(s.model, targetModel);
  if (missing.size > 0 && !options.createRoles) throw new MissingRolesError(missing);
  if (missing.size > 0) targetModel = { ...targetModel, roles: new Set([...targetModel.roles, ...missing.keys()]) };
  // Texts that differ only in how PostgreSQL prints them after one more parse are equal: replayed on the target to know.
  const settleStart = performance.now();
  const settled = await settleSource(target, s.model, targetModel, { inTransaction: options.targetInTransaction ?? false });
  const diffStart = performance.now();
  let desired = settled.model;
  let plan = diffModels(desired, targetModel, options);
  // An equality judged on the target as it is does not hold where the plan changes what the object depends on.
  for (let again = settled.recheck(new Set(plan.changes.map((c) => c.key))); again; again = settled.recheck(new Set(plan.changes.map((c) => c.key)))) {
    desired = again;
    plan = diffModels(desired, targetModel, options);
  }
  if (missing.size > 0) plan.changes.unshift(...createRoleStatements(missing.keys()));
  return {
    plan, seedObjects, source: desired, read: s.model, target: targetModel,
    timings: { readSource: s.ms, readTarget: t.ms, settle: diffStart - settleStart, diff: performance.now() - diffStart },
  };
}

export class DriftError extends Error {
  override name = 'DriftError';
  constructor(readonly remaining: Plan) {
    super(
      `the plan did not make the target equal to the source: ${remaining.changes.length} statement(s) still differ after applying it, so nothing was committed:\n` +
        remaining.changes.map((c) => `  ${c.sql.split('\n')[0]}`).slice(0, 20).join('\n'),
    );
  }
}

/**
 * Under the run lock, in one transaction: plans, refuses destructive changes
 * unless allowed, applies, then reads the target again and proves nothing is
 * left before anything is committed.
 */
export async function syncSchema(source: pg.Client, target: pg.Client, options: SchemaSyncOptions = {}): Promise<SchemaSyncOutcome> {
  return withRunLock(target, options, () =>
    withTargetTransaction(target, options, () => syncSchemaInTransaction(source, target, options)));
}

/**
 * The same inside the transaction the caller holds on the target (the run's
 * one transaction): a failure or a difference left throws, and the caller
 * rolls everything back.
 */
export async function syncSchemaInTransaction(source: pg.Client, target: pg.Client, options: SchemaSyncOptions = {}): Promise<SchemaSyncOutcome> {
  const first = await planSchema(source, target, { ...options, targetInTransaction: true });
  let { plan, read } = first;
  const inTx = { ...options, targetInTransaction: true, seedObjects: first.seedObjects };
  const migrations = options.pending;
  // A push that changed nothing the desired schema is computed from: the target is it already (see fingerprint.ts).
  const fingerprint = migrations && migrations.files.length > 0 ? await desiredFingerprint(target, first, migrations, options) : undefined;
  if (fingerprint?.unchanged) return { status: 'no-changes', ...fingerprint.unchanged };
  if (migrations && migrations.files.length > 0) {
    // The plan to production is what the desired schema is computed on; the roles it creates are needed either way.
    const toProduction = plan.changes;
    const roles = toProduction.filter((c) => c.kind === 'role');
    const fast = !options.planOnly && mayKeep(toProduction, migrations.files, migrations.ranBefore);
    let blocked = false;
    const onlyOnProduction = new Set([...first.source.roles].filter((r) => !first.target.roles.has(r)));
    const migrationRoles = { onlyOnProduction, create: options.createRoles ?? false };
    const computed = await desiredSchema(target, toProduction, migrations.files, migrations.ranBefore, options.filter ?? {}, migrations.runs, migrationRoles, (desired, created) => {
      // The seed's objects stay out of the desired schema, as they stay out of the target's.
      read = withoutSeedObjects(desired, first.seedObjects);
      // Roles a migration needed were made with it; the plan makes them again, before what is granted to them.
      plan = diffModels(read, created.length > 0 ? { ...first.target, roles: new Set([...first.target.roles, ...created]) } : first.target, options);
      plan.changes.unshift(...roles, ...createRoleStatements(created));
      markPullRequestChanges(plan, first.source, read);
      blocked = hasHazard(plan.changes, 'destructive') && !options.allowDestructive;
      return fast && !blocked;
    });
    if (computed.kept) {
      // The target is the desired schema already, its migrations' rows written once: recorded, and proven by the read itself.
      await target.query("NOTIFY pgrst, 'reload schema'");
      await recordMigrations(target, migrations.files);
      await fingerprint?.record(target, read, plan.notes);
      return { status: 'applied', plan, desired: read };
    }
  }
  const rowsToWrite = migrations?.runs.some((r) => r.status === 'applied') ?? false;
  if (options.planOnly) return { status: plan.changes.length === 0 && !rowsToWrite ? 'no-changes' : 'planned', plan, desired: read };
  if (plan.changes.length === 0 && !rowsToWrite) {
    await fingerprint?.record(target, first.target, plan.notes);
    return { status: 'no-changes', plan, desired: read };
  }
  if (hasHazard(plan.changes, 'destructive') && !options.allowDestructive) return { status: 'blocked', plan, desired: read };
  await runChanges(target, plan.changes, options);
  if (migrations) {
    await writeMigrationRows(target, migrations.files, migrations.runs, migrations.ranBefore);
    await recordMigrations(target, migrations.files.filter((m) => migrations.runs.find((r) => r.version === m.version)?.status === 'applied'));
  }
  // The source is not read again: the target must now match what was read of it.
  const after = await planSchema(source, target, inTx, read);
  if (after.plan.changes.length > 0) throw new DriftError(after.plan);
  await fingerprint?.record(target, after.target, after.plan.notes);
  return { status: 'applied', plan, desired: read };
}

/** Each change of a plan to the desired schema: from production, or from the pull request (what its migrations change of production's schema). */
function markPullRequestChanges(plan: Plan, production: SchemaModel, desired: SchemaModel): void {
  const ofPullRequest = new Set(diffModels(desired, production).changes.map((c) => c.key));
  for (const c of plan.changes) c.origin = ofPullRequest.has(c.key) ? 'pull request' : 'production';
}

export { ApplyError };
