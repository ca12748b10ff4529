import type pg from 'pg';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SchemaModel } from '../catalog/model.js';
import { readCatalog } from '../catalog/read.js';
import { hasHazard, type Plan } from '../diff/change.js';
import type { DiffOptions } from '../diff/context.js';
import { diffModels } from '../diff/plan.js';
import { createRoleStatements, missingRoles, MissingRolesError } from '../diff/roles.js';
import { clashError, seedClashes, withoutSeedObjects } from '../seed/objects.js';
import { readSeedObjects, type SeedObject } from './ledger.js';
import { ApplyError, runChanges, withRunLock, withTargetTransaction, type ApplyOptions } from './apply.js';

export interface SchemaSyncOptions extends ApplyOptions, DiffOptions {
  filter?: SchemaFilter;
  allowDestructive?: boolean;
  /** Open one more session to each database, to share its catalog read (see readCatalog). */
  helpers?: { source?: () => Promise<pg.Client>; target?: () => Promise<pg.Client> };
  /** The target session is inside the run's transaction: its catalog is read there (see readCatalog). */
  targetInTransaction?: boolean;
  /** Create roles the source's objects need that the target lacks (NOLOGIN), instead of refusing. */
  createRoles?: boolean;
  /** Objects the target's seed files made (its ledger): neither dropped nor listed. */
  seedObjects?: readonly SeedObject[];
}

export interface SchemaPlanResult {
  plan: Plan;
  /** The target's objects that its seed files made: left out of the plan. */
  seedObjects: readonly SeedObject[];
  source: SchemaModel;
  target: SchemaModel;
  /** Milliseconds spent reading each catalog and diffing. */
  timings: { readSource: number; readTarget: number; diff: number };
}

export interface SchemaSyncOutcome {
  status: 'no-changes' | 'applied' | 'blocked';
  plan: Plan;
  /** The source's schema as read: what the target now equals. */
  desired: SchemaModel;
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
    // A re-read after writes in the run's transaction is this session's alone: a helper would not see them.
    timed(readCatalog(target, { filter, openHelper: sourceModel && options.targetInTransaction ? undefined : helpers?.target, inTransaction: options.targetInTransaction ?? false })),
  ]);
  const clashes = seedClashes(s.model, seedObjects);
  if (clashes.length > 0) throw clashError(clashes);
  let targetModel = withoutSeedObjects(t.model, seedObjects);
  // A schema whose grants and policies name roles the target lacks can never be equal: refused, or the roles made first.
  const missing = missingRoles(s.model, targetModel);
  if (missing.size > 0 && !options.createRoles) throw new MissingRolesError(missing);
  if (missing.size > 0) targetModel = { ...targetModel, roles: new Set([...targetModel.roles, ...missing.keys()]) };
  const diffStart = performance.now();
  const plan = diffModels(s.model, targetModel, options);
  if (missing.size > 0) plan.changes.unshift(...createRoleStatements(missing.keys()));
  return {
    plan, seedObjects, source: s.model, target: targetModel,
    timings: { readSource: s.ms, readTarget: t.ms, diff: performance.now() - diffStart },
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
  const { plan, source: read } = first;
  const inTx = { ...options, targetInTransaction: true, seedObjects: first.seedObjects };
  if (plan.changes.length === 0) return { status: 'no-changes', plan, desired: read };
  if (hasHazard(plan.changes, 'destructive') && !options.allowDestructive) return { status: 'blocked', plan, desired: read };
  await runChanges(target, plan.changes, options);
  // The source is not read again: the target must now match what was read of it.
  const after = await planSchema(source, target, inTx, read);
  if (after.plan.changes.length > 0) throw new DriftError(after.plan);
  return { status: 'applied', plan, desired: read };
}

export { ApplyError };
