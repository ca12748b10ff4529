import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log/logger.js';
import { listTables, readTables } from '../../src/data/catalog.js';
import { chooseParity } from '../../src/data/hashing.js';
import { proveParity, sourceParity } from '../../src/data/parity.js';
import { emptyDataResult, runDataPhase } from '../../src/data/phase.js';
import { prepare } from '../../src/data/prepare.js';
import { dataSession, dataSettings } from '../helpers/data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

async function copy(source: TestDatabase, target: TestDatabase, tables: string[]) {
  const result = emptyDataResult();
  await runDataPhase(await dataSession(source, 'source'), await dataSession(target, 'target'), { settings: dataSettings({ tables: tables }), lockTimeout: '5s', logger: memoryLogger() }, result);
  return result;
}

/** The parity each table of the source gets, by name. */
async function kinds(db: TestDatabase, names: string[]): Promise<Record<string, string>> {
  const c = await dataSession(db, 'source');
  const tables = await readTables(c, names.map((name) => ({ schema: 'public', name })));
  const chosen = await chooseParity(c, c, tables.map((table) => ({ table, columns: table.columns.map((col) => col.name) })));
  return Object.fromEntries(tables.map((t, i) => [t.name, chosen[i]!]));
}

describe('parity', () => {
  it('hashes built-in values, their arrays and domains; the text of enums, json, composites and nondeterministic collations', async () => {
    const db = await createTestDatabase('par');
    await db.exec(`
      create type mood as enum ('ok', 'meh');
      create domain positive as int check (value > 0);
      create type pair as (a int, b text);
      create collation nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
      create table public.plain (id bigint primary key, name varchar(20), at timestamptz, amount numeric(12,2), tags text[], doc jsonb,
        ip inet, n positive, ns positive[], f float8, u uuid, d date, span interval, b bytea, ok boolean);
      create table public.with_enum (id int, m mood);
      create table public.with_enum_array (id int, m mood[]);
      create table public.with_json (id int, doc json);
      create table public.with_composite (id int, p pair);
      create table public.with_nocase (id int, name text collate nocase);
      create table public.with_regclass (id int, r regclass);`);
    expect(await kinds(db, ['plain', 'with_enum', 'with_enum_array', 'with_json', 'with_composite', 'with_nocase', 'with_regclass'])).toEqual({
      plain: 'value', with_enum: 'text', with_enum_array: 'text', with_json: 'text', with_composite: 'text', with_nocase: 'text', with_regclass: 'text',
    });
  });

  it('fails on one value changed between the sides, by value and by text; nothing is committed', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    // The same domain name over a finer numeric on the source: the target rounds one value as it loads.
    const schema = (scale: number) => `
      create domain public.amount as numeric(12, ${scale});
      create table public.by_value (id int primary key, amount public.amount);
      create table public.by_text (id int primary key, amount numeric(12, ${scale}), doc json);`;
    await source.exec(`${schema(3)}
      insert into by_value values (1, 1.5), (2, 2.005), (3, 3);
      insert into by_text values (1, 1.5, '{}'), (2, 2.005, '{}'), (3, 3, '{}');`);
    await target.exec(`${schema(2)} insert into by_value values (9, 9); insert into by_text values (9, 9, '{}');`);
    expect(await kinds(source, ['by_value', 'by_text'])).toEqual({ by_value: 'value', by_text: 'text' });
    for (const table of ['public.by_value', 'public.by_text']) {
      await expect(copy(source, target, [table])).rejects.toThrow(`rows differ after the copy, so nothing was committed: ${table} (production 3, target 3)`);
    }
    expect(await target.query('select id, amount::text from by_value')).toEqual([{ id: 9, amount: '9.00' }]);
    // Equal by value, as numeric compares: 1.500 on the source is 1.50 on the target (the text of each differs in scale).
    await source.exec('update by_value set amount = 2.01 where id = 2');
    expect((await copy(source, target, ['public.by_value'])).tables.map((t) => t.status)).toEqual(['equal']);
    expect(await target.query('select id, amount from by_value order by 1')).toEqual([{ id: 1, amount: '1.50' }, { id: 2, amount: '2.01' }, { id: 3, amount: '3.00' }]);
  });

  it('sees values swapped between rows, which a sum of per-column hashes would not', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const table = 'create table public.pairs (id int, label text, n bigint);';
    await source.exec(`${table} insert into pairs values (1, 'a', 10), (2, 'b', 20);`);
    await target.exec(`${table} insert into pairs values (1, 'b', 10), (2, 'a', 20);`);
    const src = await dataSession(source, 'source');
    const tgt = await dataSession(target, 'target');
    const tables = await readTables(src, await listTables(src));
    for (const kind of ['value', 'text'] as const) {
      const prepared = await prepare(src, tables, dataSettings({ tables: ['public.pairs'] }), [], await listTables(src));
      prepared[0]!.parity = kind;
      await proveParity(tgt, prepared, await sourceParity(src, prepared), 'replace');
      expect([kind, prepared[0]!.result.status]).toEqual([kind, 'differs']);
    }
  });
});
