import { describe, expect, it } from 'vitest';
import { expectSyncs } from '../helpers/cases.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { plan, sync } from '../helpers/sync.js';

async function relfilenode(db: TestDatabase, table: string): Promise<string> {
  const [row] = await db.query<{ f: string }>(`select relfilenode::text as f from pg_class where oid = $1::regclass`, [table]);
  return row!.f;
}

/** Syncs and tells, for each table, whether PostgreSQL rewrote it. */
async function rewritten(source: string, target: string, tables: string[]): Promise<{ hazards: Record<string, string[]>; rewrote: Record<string, boolean> }> {
  const s = await createTestDatabase('src');
  const t = await createTestDatabase('tgt');
  await s.exec(source);
  await t.exec(target);
  const before = Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await relfilenode(t, x)] as const)));
  const p = await plan(s.url, t.url, { allowDestructive: true });
  await sync(s.url, t.url, { allowDestructive: true });
  const hazards: Record<string, string[]> = {};
  for (const c of p.changes) hazards[c.object] = [...new Set([...(hazards[c.object] ?? []), ...c.hazards])].sort();
  const rewrote = Object.fromEntries(await Promise.all(tables.map(async (x) => [x, (await relfilenode(t, x)) !== before[x]] as const)));
  expect((await plan(s.url, t.url, { allowDestructive: true })).changes).toEqual([]);
  return { hazards, rewrote };
}

describe('hazards tell the truth', () => {
  it('binary-coercible type changes are not rewrites; real conversions are', async () => {
    const { hazards, rewrote } = await rewritten(
      `create table a (v text); create table b (v varchar(20)); create table c (v numeric); create table d (v numeric(12,2)); create table e (v bigint);`,
      `create table a (v varchar(10)); create table b (v varchar(10)); create table c (v numeric(10,2)); create table d (v numeric(10,2)); create table e (v int);
       insert into a values ('x'); insert into b values ('x'); insert into c values (1); insert into d values (1); insert into e values (1);`,
      ['public.a', 'public.b', 'public.c', 'public.d', 'public.e'],
    );
    expect(rewrote).toEqual({ 'public.a': false, 'public.b': false, 'public.c': false, 'public.d': false, 'public.e': true });
    for (const t of ['a', 'b', 'c', 'd']) expect(hazards[`public.${t}.v`]).not.toContain('rewrite');
    expect(hazards['public.e.v']).toContain('rewrite');
  });

  it('ADD COLUMN with a non-volatile default is not a rewrite; with a volatile one it is', async () => {
    const { hazards, rewrote } = await rewritten(
      `create table a (k int, at timestamptz default now(), n int default 42, s text default 'x' || 'y');
       create table b (k int, r float8 default random());`,
      `create table a (k int); create table b (k int); insert into a values (1); insert into b values (1);`,
      ['public.a', 'public.b'],
    );
    expect(rewrote).toEqual({ 'public.a': false, 'public.b': true });
    for (const c of ['at', 'n', 's']) expect(hazards[`public.a.${c}`]).not.toContain('rewrite');
    expect(hazards['public.b.r']).toContain('rewrite');
  });

  it('marks no lock or index build on the objects of a table the plan creates, the indexes of its partitions included', async () => {
    const p = await expectSyncs({
      source: `create table parent (id int primary key);
        create table t (id int primary key, p int references parent, v int check (v > 0), u text unique);
        create index t_v on t (v);
        create table log (at date not null, v int) partition by range (at);
        create table log_2026 partition of log for values from ('2026-01-01') to ('2027-01-01');
        create index log_v on log (v);`,
      target: `create table parent (id int primary key);`,
    });
    // Only the foreign key locks something that exists: the referenced table.
    expect(p.changes.filter((c) => c.hazards.includes('lock') || c.hazards.includes('index-build')).map((c) => c.object)).toEqual(['public.t.t_p_fkey']);
  });
});
