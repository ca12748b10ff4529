import { PassThrough } from 'node:stream';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { copyRows, type CopyProgress } from '../../src/data/copy.js';
import { CopyOut } from '../../src/data/relay.js';
import { dataSession } from '../helpers/data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const TABLE = 'create table public.t (id int primary key, body text)';

async function pair(): Promise<{ source: pg.Client; target: pg.Client; src: TestDatabase; tgt: TestDatabase }> {
  const src = await createTestDatabase('relay_src');
  const tgt = await createTestDatabase('relay_tgt');
  await src.exec(TABLE);
  await tgt.exec(TABLE);
  return { source: await dataSession(src, 'source'), target: await dataSession(tgt, 'target'), src, tgt };
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

/** A `pg` connection as CopyOut sees it: a socket to read, the client's data handler, a query to send. */
function fakeConnection() {
  const stream = new PassThrough();
  const handed: Buffer[] = [];
  stream.on('data', (b: Buffer) => handed.push(b));
  return { connection: { stream, query: () => undefined } as unknown as pg.Connection, stream, handed };
}

const message = (code: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head[0] = code.charCodeAt(0);
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};

describe('COPY relay, split reads', () => {
  it('passes whole CopyData messages and hands the rest to pg, however the reads split them', async () => {
    const rows = [Buffer.from('1\ta\n'), Buffer.alloc(20_000, 'x'), Buffer.from('3\tc\n'), Buffer.from('4\t\\N\n')];
    const data = rows.map((r) => message('d', r));
    const after = Buffer.concat([message('C', Buffer.from('COPY 4\0')), message('Z', Buffer.from('I'))]);
    const wire = Buffer.concat([message('H', Buffer.from([0, 0, 2, 0, 0, 0, 0])), data[0]!, data[1]!, message('N', Buffer.from('notice\0')), data[2]!, data[3]!, message('c', Buffer.alloc(0)), after]);
    // Reads of 1 to 7 bytes split every header; reads of 7 kB leave the big row's body over more than one read.
    for (const sizes of [[1], [2], [3], [4], [5], [6], [7], [7000], [4, 7000, 9], [wire.length]]) {
      const { connection, stream, handed } = fakeConnection();
      const out = new CopyOut('COPY x TO STDOUT');
      out.submit(connection);
      const got: Buffer[] = [];
      out.on('data', (b: Buffer) => got.push(b));
      for (let pos = 0, i = 0; pos < wire.length; i++) {
        const size = sizes[i % sizes.length]!;
        stream.write(wire.subarray(pos, pos + size));
        pos += size;
        await new Promise((r) => setImmediate(r));
      }
      await new Promise((r) => setImmediate(r));
      expect(Buffer.concat(got).equals(Buffer.concat(data)), `reads of ${sizes.join(', ')}`).toBe(true);
      expect(out.rows).toBe(4);
      expect(Buffer.concat(handed).equals(after), `reads of ${sizes.join(', ')}: what pg reads`).toBe(true);
    }
  });
});
