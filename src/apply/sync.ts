import type pg from 'pg';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SchemaModel } from '../catalog/model.js';
import { readCatalog } from '../catalog/read.js';
import { hasHazard, type Plan } from '../diff/change.js';
import type { DiffOptions } from '../diff/context.js';
import { diffModels } from '../diff/plan.js';
import { applyChanges, ApplyError, withRunLock, type ApplyOptions } from './apply.js';

export interface SchemaSyncOptions extends ApplyOptions, DiffOptions {
  filter?: SchemaFilter;
  allowDestructive?: boolean;
  /** Open one more session to each database, to share its catalog read (see readCatalog). */
  helpers?: { source?: () => Promise<pg.Client>; target?: () => Promise<pg.Client> };
}

export interface SchemaPlanResult {
  plan: Plan;
  source: SchemaModel;
  target: SchemaModel;
  /** Milliseconds spent reading each catalog and diffing. */
  timings: { readSource: number; readTarget: number; diff: number };
}

export type SchemaSyncOutcome =
  | { status: 'no-changes'; plan: Plan }
  | { status: 'applied'; plan: Plan }
  | { status: 'blocked'; plan: Plan };

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
  const [s, t] = await Promise.all([
    sourceModel ? { model: sourceModel, ms: 0 } : timed(readCatalog(source, { filter, openHelper: helpers?.source })),
    timed(readCatalog(target, { filter, openHelper: helpers?.target })),
  ]);
  const diffStart = performance.now();
  const plan = diffModels(s.model, t.model, options);
  return {
    plan, source: s.model, target: t.model,
    timings: { readSource: s.ms, readTarget: t.ms, diff: performance.now() - diffStart },
  };
}

export class DriftError extends Error {
  override name = 'DriftError';
  constructor(readonly remaining: Plan) {
    super(
      `drift after apply: the target still differs from the source in ${remaining.changes.length} statement(s):\n` +
        remaining.changes.map((c) => `  ${c.sql.split('\n')[0]}`).slice(0, 20).join('\n'),
    );
  }
}

/**
 * Under the run lock: plans, refuses destructive changes unless allowed,
 * applies in one transaction, then reads the target again and proves
 * nothing is left.
 */
export async function syncSchema(source: pg.Client, target: pg.Client, options: SchemaSyncOptions = {}): Promise<SchemaSyncOutcome> {
  return withRunLock(target, options, async () => {
    const { plan, source: read } = await planSchema(source, target, options);
    if (plan.changes.length === 0) return { status: 'no-changes', plan };
    if (hasHazard(plan.changes, 'destructive') && !options.allowDestructive) return { status: 'blocked', plan };
    await applyChanges(target, plan.changes, options);
    // The source is not read again: the target must now match what was read of it.
    const after = await planSchema(source, target, options, read);
    if (after.plan.changes.length > 0) throw new DriftError(after.plan);
    return { status: 'applied', plan };
  });
}

export { ApplyError };
