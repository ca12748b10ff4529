import { planSchema, syncSchema, syncSchemaInTransaction, type SchemaSyncOptions } from '../apply/sync.js';
import type { SchemaModel } from '../catalog/model.js';
import type { Plan } from '../diff/change.js';
import type { Logger } from '../log/logger.js';
import type pg from 'pg';

export type SchemaStatus = 'no-changes' | 'planned' | 'applied' | 'blocked';

export interface SchemaPhaseOptions extends SchemaSyncOptions {
  mode: 'plan' | 'apply';
  logger: Logger;
  /** Apply inside the run's transaction on the target (the caller commits); else in a transaction of its own. */
  inRunTransaction?: boolean;
}

export interface SchemaPhaseResult {
  status: SchemaStatus;
  plan: Plan;
  /** The schema the target was made equal to (as read from the source), when it was read here. */
  desired?: SchemaModel;
}

export interface SchemaSessions {
  source: pg.Client;
  target: pg.Client;
  /** When given, each catalog is read over two sessions in one snapshot. */
  helpers?: SchemaSyncOptions['helpers'];
}

/** Plans the schema change, or applies it and proves no drift is left. */
export async function runSchemaPhase(sessions: SchemaSessions, options: SchemaPhaseOptions): Promise<SchemaPhaseResult> {
  const { logger } = options;
  options = { ...options, helpers: sessions.helpers };
  if (options.inRunTransaction && options.planOnly) {
    const outcome = await syncSchemaInTransaction(sessions.source, sessions.target, options);
    return { status: outcome.status === 'applied' ? 'planned' : outcome.status, plan: outcome.plan, desired: outcome.desired };
  }
  if (options.mode === 'plan') {
    const { plan, timings } = await planSchema(sessions.source, sessions.target, options);
    logger.debug(`read source catalog ${Math.round(timings.readSource)} ms, target ${Math.round(timings.readTarget)} ms; settle ${Math.round(timings.settle)} ms; diff ${Math.round(timings.diff)} ms`);
    return { status: plan.changes.length === 0 ? 'no-changes' : 'planned', plan };
  }
  const sync = options.inRunTransaction ? syncSchemaInTransaction : syncSchema;
  const outcome = await sync(sessions.source, sessions.target, {
    ...options,
    onStatement: (change, index) => logger.debug(`[${index + 1}] ${change.sql.split('\n')[0]}`),
  });
  return { status: outcome.status, plan: outcome.plan, desired: outcome.desired };
}
