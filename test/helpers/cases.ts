import { expect } from 'vitest';
import type { SchemaSyncOptions } from '../../src/apply/sync.js';
import type { Plan } from '../../src/diff/change.js';
import { createTestDatabase } from './db.js';
import { replayPrinted } from './replay.js';
import { schemaSnapshot } from './snapshot.js';
import { plan, sync } from './sync.js';

export interface SyncCase {
  /** Builds the source (production). */
  source: string;
  /** Builds the target before the sync. */
  target?: string;
  options?: SchemaSyncOptions;
  /** Schemas the independent comparison leaves out (default: those the sync leaves out). */
  compareExcluding?: string[];
  /**
   * The source holds expressions PostgreSQL prints differently after one more
   * parse: the target is compared with the source rebuilt from its printed
   * definitions (replayPrinted), built from this SQL (default: the source's).
   */
  asReplayed?: true | string;
  /** Rebuild the source, or the target, from its printed definitions before the sync (replayPrinted). */
  sourceReplayed?: boolean;
  targetReplayed?: boolean;
}

/**
 * Syncs target to source and proves it: the apply succeeds, the target's
 * independent snapshot equals the source's, and a second plan is empty.
 * Returns the plan that was applied.
 */
export async function expectSyncs(c: SyncCase): Promise<Plan> {
  const source = await createTestDatabase('src');
  const target = await createTestDatabase('tgt');
  if (c.source.trim()) await source.exec(c.source);
  if (c.target?.trim()) await target.exec(c.target);
  if (c.sourceReplayed) await replayPrinted(source.url);
  if (c.targetReplayed) await replayPrinted(target.url);
  const options = { allowDestructive: true, ...c.options };
  const first = await plan(source.url, target.url, options);
  await sync(source.url, target.url, options);
  const filter = { schemas: options.filter?.schemas, excludeSchemas: [...(options.filter?.excludeSchemas ?? []), ...(c.compareExcluding ?? [])] };
  expect(await schemaSnapshot(target.url, filter)).toEqual(await schemaSnapshot(c.asReplayed ? (await replayed(c.asReplayed === true ? c.source : c.asReplayed)).url : source.url, filter));
  expect((await plan(source.url, target.url, options)).changes.map((x) => x.sql)).toEqual([]);
  return first;
}

/** A database built from `sql`, then rebuilt from what PostgreSQL prints of it. */
export async function replayed(sql: string) {
  const db = await createTestDatabase('rep');
  if (sql.trim()) await db.exec(sql);
  await replayPrinted(db.url);
  return db;
}

/** The case itself, plus creating its source from empty and dropping it to empty. */
export async function expectSyncsBothWays(c: SyncCase): Promise<Plan> {
  const applied = await expectSyncs(c);
  await expectSyncs({ source: c.source, target: '', options: c.options, asReplayed: c.asReplayed });
  await expectSyncs({ source: '', target: c.source, options: c.options });
  return applied;
}

export const sqlOf = (p: Plan) => p.changes.map((c) => c.sql);
