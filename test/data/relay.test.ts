import type pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { copyRows, type CopyProgress } from '../../src/data/copy.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

async function session(db: TestDatabase, role: 'source' | 'target'): Promise<pg.Client> {
  const c = await connect(db.url, { role, retries: 0 });
  onTestFinished(() => c.end());
  return c;
}

const TABLE = 'create table public.t (id int primary key, body text)';

async function pair(): Promise<{ source: pg.Client; target: pg.Client; src: TestDatabase; tgt: TestDatabase }> {
  const src = await createTestDatabase('relay_src');
  const tgt = await createTestDatabase('relay_tgt');
  await src.exec(TABLE);
  await tgt.exec(TABLE);
  return { source: await session(src, 'source'), target: await session(tgt, 'target'), src, tgt };
}

const digest = 'select count(*)::int as n, md5(coalesce(string_agg(id || body, \',\' order by id), \'\')) as md5 from public.t';

describe('COPY relay', () => {
  it('moves rows of every size whole: rows split across reads, rows larger than a read, notices between rows', async () => {
    const { source, target, src, tgt } = await pair();
    // Small rows, rows of 300 kB (many socket reads each), escapes and multibyte text.
    await src.exec(`insert into public.t select i, case when i % 997 = 0 then repeat('x' || i, 60000)
        else E'tab\\there, newline\\nhere, back\\\\slash, ünïcødé ' || i end from generate_series(1, 20000) i;
      create function public.noisy(i int) returns int language plpgsql as $$
        begin if i % 5000 = 0 then raise notice 'row %', i; end if; return i; end $$;`);
    const seen: CopyProgress[] = [];
    await target.query('BEGIN');
    const copied = await copyRows(source, target, 'SELECT public.noisy(id), body FROM public.t', 'public.t (id, body)', (p) => seen.push(p));
    await target.query('COMMIT');
    expect(copied.rows).toBe(20000);
    expect(copied.bytes).toBeGreaterThan(20 * 300_000);
    expect(await tgt.query(digest)).toEqual(await src.query(digest));
    // Both sessions go on as usual.
    expect((await source.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    expect((await target.query('select count(*)::int as n from public.t')).rows).toEqual([{ n: 20000 }]);
  });

  it('copies an empty result', async () => {
    const { source, target } = await pair();
    const copied = await copyRows(source, target, 'SELECT id, body FROM public.t', 'public.t (id, body)');
    expect(copied.rows).toBe(0);
    expect((await source.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
  });

  it('fails with the target error when the target refuses a row, and leaves both sessions usable', async () => {
    const { source, target, src } = await pair();
    await src.exec(`insert into public.t select i, repeat('r', 200) from generate_series(1, 200000) i`);
    await target.query('alter table public.t add constraint small check (id < 150000)');
    await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await target.query('BEGIN');
    await expect(copyRows(source, target, 'SELECT id, body FROM public.t ORDER BY id', 'public.t (id, body)')).rejects.toThrow(/violates check constraint "small"/);
    await target.query('ROLLBACK');
    await source.query('ROLLBACK');
    expect((await source.query('select count(*)::int as n from public.t')).rows).toEqual([{ n: 200000 }]);
    expect((await target.query('select count(*)::int as n from public.t')).rows).toEqual([{ n: 0 }]);
  });

  it('fails with the source error when the source query fails midway, and stops the target COPY', async () => {
    const { source, target } = await pair();
    await target.query('BEGIN');
    await expect(
      copyRows(source, target, 'SELECT i, (10 / (i - 70000))::text FROM generate_series(1, 100000) i', 'public.t (id, body)'),
    ).rejects.toThrow(/division by zero/);
    await target.query('ROLLBACK');
    expect((await source.query('select 3 as three')).rows).toEqual([{ three: 3 }]);
    expect((await target.query('select count(*)::int as n from public.t')).rows).toEqual([{ n: 0 }]);
  });

  it('fails with the error of a source query that does not start', async () => {
    const { source, target } = await pair();
    await expect(copyRows(source, target, 'SELECT nope FROM public.t', 'public.t (id, body)')).rejects.toThrow(/column "nope" does not exist/);
    expect((await source.query('select 4 as four')).rows).toEqual([{ four: 4 }]);
    expect((await target.query('select 5 as five')).rows).toEqual([{ five: 5 }]);
  });
});
