import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log/logger.js';
import { emptyDataResult, runDataPhase } from '../../src/data/phase.js';
import { dataSession, dataSettings } from '../helpers/data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const SCHEMA = `
  create table public.items (id int primary key, label text);
  create table public.parts (id int primary key, label text) partition by range (id);
  create table public.parts_low partition of public.parts for values from (0) to (1000);`;

/** Pages of a table whose rows are all visible and frozen (pg_visibility), against all its pages. */
async function frozenPages(db: TestDatabase, table: string): Promise<{ pages: number; frozen: number }> {
  const [row] = await db.query<{ pages: number; frozen: number }>(
    `select count(*)::int as pages, count(*) filter (where all_frozen)::int as frozen from pg_visibility_map('${table}'::regclass)`,
  );
  return row!;
}

describe('COPY FREEZE', () => {
  it('loads tables truncated in the transaction frozen; a partitioned table and a transaction holding a cursor load plainly', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`${SCHEMA} insert into items select i, 'item ' || i from generate_series(1, 500) i;
      insert into parts select i, 'part ' || i from generate_series(1, 500) i;`);
    await target.exec(`${SCHEMA} create extension pg_visibility; insert into items values (0, 'stale');`);
    await runDataPhase(await dataSession(source, 'source'), await dataSession(target, 'target'), {
      settings: dataSettings({ tables: ['public.items', 'public.parts'] }), lockTimeout: '5s', logger: memoryLogger(),
    }, emptyDataResult());
    const items = await frozenPages(target, 'public.items');
    expect(items.pages).toBeGreaterThan(1);
    expect(items).toEqual({ pages: items.pages, frozen: items.pages });
    // Partitioned: rows go to the partition without FREEZE (PostgreSQL refuses it on a partitioned table).
    expect((await frozenPages(target, 'public.parts_low')).frozen).toBe(0);
    expect(await target.query('select count(*)::int as n from parts')).toEqual([{ n: 500 }]);

    // In a caller's transaction holding a cursor, FREEZE would abort it: the copy goes plain, and succeeds.
    const tgt = await dataSession(target, 'target');
    await tgt.query('BEGIN; DECLARE held CURSOR FOR SELECT 1');
    await runDataPhase(await dataSession(source, 'source'), tgt, {
      settings: dataSettings({ tables: ['public.items'] }), lockTimeout: '5s', logger: memoryLogger(), targetInTransaction: true,
    }, emptyDataResult());
    await tgt.query('COMMIT');
    expect((await frozenPages(target, 'public.items')).frozen).toBe(0);
    expect(await target.query('select count(*)::int as n from items')).toEqual([{ n: 500 }]);

    // REPEATABLE READ with an exported snapshot: FREEZE would be refused too.
    await tgt.query('BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT pg_catalog.pg_export_snapshot()');
    await runDataPhase(await dataSession(source, 'source'), tgt, {
      settings: dataSettings({ tables: ['public.items'] }), lockTimeout: '5s', logger: memoryLogger(), targetInTransaction: true,
    }, emptyDataResult());
    await tgt.query('COMMIT');
    expect(await target.query('select count(*)::int as n from items')).toEqual([{ n: 500 }]);

    // The run's own transaction (READ COMMITTED, no cursor): frozen again.
    await tgt.query('BEGIN');
    await runDataPhase(await dataSession(source, 'source'), tgt, {
      settings: dataSettings({ tables: ['public.items'] }), lockTimeout: '5s', logger: memoryLogger(), targetInTransaction: true,
    }, emptyDataResult());
    await tgt.query('COMMIT');
    expect((await frozenPages(target, 'public.items')).frozen).toBe(items.pages);
  });
});
