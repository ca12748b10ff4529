import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config/resolve.js';
import type { Config } from '../../src/config/schema.js';
import { memoryLogger } from '../../src/log/logger.js';
import { runPipeline, type RunReport } from '../../src/pipeline/run.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { makeRepo } from '../helpers/repo.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

const SHOP = `
create table public.products (product_id int primary key, title text not null);
create table public.orders (order_id int generated always as identity primary key, note text);
create table public.order_items (
  order_id int not null references public.orders, product_id int not null references public.products, qty int not null,
  primary key (order_id, product_id));
`;

const SEED = `
insert into public.orders (note) values ('seeded 1'), ('seeded 2');
insert into public.order_items values (1, 1, 2), (2, 2, 1);
`;

const CONFIG: Config = {
  data: { enabled: true, tables: ['public.products'] },
  seed: { reset: ['public.order_items', 'public.orders'] },
  validate: { required_tables: ['public.order_items'] },
};

async function shop(): Promise<{ source: TestDatabase; target: TestDatabase }> {
  const source = await createTestDatabase('src');
  const target = await createTestDatabase('tgt');
  await source.exec(`${SHOP} insert into public.products values (1, 'tea'), (2, 'cake'), (3, 'jam');`);
  await target.exec(SHOP);
  return { source, target };
}

function run(source: TestDatabase, target: TestDatabase, root: string, config: Config = CONFIG, allowDestructive = true): Promise<RunReport> {
  const settings = resolveSettings(config, 'preview', { sourceUrl: source.url, targetUrl: target.url, allowDestructive }, () => undefined, root);
  return runPipeline({ ...settings, sourceUrl: source.url, targetUrl: target.url, targetName: 'preview', logger: memoryLogger() });
}

const count = async (db: TestDatabase, table: string) => Number((await db.query<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);

describe('a run is one transaction on the target', () => {
  it('passes again on the second push when seed rows reference copied tables', async () => {
    const { source, target } = await shop();
    const root = makeRepo({ 'supabase/seed.sql': SEED });
    for (const push of [1, 2, 3]) {
      const report = await run(source, target, root);
      expect(report.error, `push ${push}`).toBeUndefined();
      expect(report.status).toBe(push === 1 ? 'no-changes' : 'no-changes');
      expect(report.seed?.reset).toEqual(['public.order_items', 'public.orders']);
    }
    expect(await count(target, 'public.products')).toBe(3);
    expect(await target.query('select order_id, product_id, qty from public.order_items order by 1')).toEqual([
      { order_id: 1, product_id: 1, qty: 2 }, { order_id: 2, product_id: 2, qty: 1 },
    ]);
  });

  it('a failing seed file leaves schema, data, reset tables and earlier files as they were', async () => {
    const { source, target } = await shop();
    await source.exec('alter table public.products add column price numeric');
    await target.exec("insert into public.products values (9, 'old'); insert into public.orders (note) select 'o' || g from generate_series(1, 5) g;");
    const before = await schemaSnapshot(target.url);
    const root = makeRepo({
      'supabase/seeds/1.sql': "insert into public.orders (note) values ('first file');",
      'supabase/seeds/2.sql': 'insert into public.orders (note) values (oops;',
    });
    const report = await run(source, target, root, { ...CONFIG, seed: { ...CONFIG.seed, paths: ['supabase/seeds/*.sql'] } });
    expect(report.status).toBe('failed');
    expect(report.errorAt).toMatchObject({ file: expect.stringMatching(/supabase\/seeds\/2\.sql$/), line: 1 });
    expect(report.phases.map((p) => [p.name, p.status])).toEqual([
      ['connect', 'ok'], ['schema', 'rolled back'], ['data', 'rolled back'], ['seed', 'failed'], ['validate', 'skipped'],
    ]);
    expect(report.seed?.files.map((f) => f.status)).toEqual(['rolled back', 'failed']);
    expect(await schemaSnapshot(target.url)).toEqual(before);
    expect(await count(target, 'public.orders')).toBe(5);
    expect(await target.query('select product_id, title from public.products')).toEqual([{ product_id: 9, title: 'old' }]);
  });

  it('with single_transaction = false, each file after the first commits on its own, the run going with the first', async () => {
    const { source, target } = await shop();
    const root = makeRepo({
      'a.sql': "insert into public.orders (note) values ('a');",
      'b.sql': "insert into public.orders (note) values ('b');",
      'c.sql': 'select 1/0;',
    });
    const report = await run(source, target, root, { ...CONFIG, seed: { ...CONFIG.seed, paths: ['a.sql', 'b.sql', 'c.sql'], single_transaction: false } });
    expect(report.status).toBe('failed');
    expect(report.seed?.files.map((f) => f.status)).toEqual(['applied', 'applied', 'failed']);
    expect(report.phases.find((p) => p.name === 'data')?.status).toBe('ok');
    expect(await target.query('select note from public.orders order by 1')).toEqual([{ note: 'a' }, { note: 'b' }]);
    expect(await count(target, 'public.products')).toBe(3);
  });

  it('runs a seed file that wraps itself in BEGIN/COMMIT inside the run, and refuses a ROLLBACK at its line', async () => {
    const { source, target } = await shop();
    const wrapped = makeRepo({ 'supabase/seed.sql': `begin;\n${SEED}\ncommit;\n` });
    expect((await run(source, target, wrapped)).error).toBeUndefined();
    expect(await count(target, 'public.order_items')).toBe(2);
    const rollback = makeRepo({ 'supabase/seed.sql': "delete from public.order_items;\n\nrollback;\n" });
    const report = await run(source, target, rollback);
    expect(report.errorAt).toMatchObject({ file: expect.stringMatching(/supabase\/seed\.sql$/), line: 3 });
    expect(report.error).toContain("ROLLBACK cannot run here: the file runs inside pg-branch-sync's one transaction");
    expect(await count(target, 'public.order_items')).toBe(2);
  });
});

describe('enum values added in the run', () => {
  it('can be used by the rows copied and seeded in the same transaction (the type is rebuilt, not altered by ADD VALUE)', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec("create type public.mood as enum ('sad', 'ok', 'happy'); create table public.t (id int primary key, m public.mood default 'ok'); insert into public.t values (1, 'happy');");
    await target.exec("create type public.mood as enum ('sad', 'ok'); create table public.t (id int primary key, m public.mood default 'ok');");
    const root = makeRepo({ 'supabase/seed.sql': '' });
    const report = await run(source, target, root, { data: { enabled: true, tables: ['public.t'] }, seed: { paths: [] } }, false);
    expect(report.error).toBeUndefined();
    expect(report.status).toBe('applied');
    expect(await target.query('select id, m::text from public.t')).toEqual([{ id: 1, m: 'happy' }]);
    expect(await schemaSnapshot(target.url)).toEqual(await schemaSnapshot(source.url));
  });
});

describe('objects made by seed files belong to the seed', () => {
  const HELPER = `
create or replace function public.reseed_testing_environment() returns void language plpgsql as $$
begin
  delete from public.order_items; delete from public.orders;
  insert into public.orders (note) overriding system value values ('via helper');
end $$;
select public.reseed_testing_environment();
`;

  it('are neither drift nor dropped, run after run, and clash with production objects of the same name', async () => {
    const { source, target } = await shop();
    const root = makeRepo({ 'supabase/seed.sql': HELPER });
    const config: Config = { seed: { reset: [] }, validate: { required_tables: ['public.orders'] } };
    const first = await run(source, target, root, config, false);
    expect(first.error).toBeUndefined();
    expect(first.seed?.objects).toEqual(['function public.reseed_testing_environment()']);
    const drift = first.validation?.checks.find((c) => c.name === 'Schema matches production');
    expect(drift?.status).toBe('pass');

    // Push 2: nothing to change, nothing blocked (the helper is not a destructive drop), still passing.
    const second = await run(source, target, root, config, false);
    expect(second.error).toBeUndefined();
    expect(second.status).toBe('no-changes');
    expect(second.schema?.plan.changes).toEqual([]);
    const check = second.validation?.checks.find((c) => c.name === 'Schema matches production');
    expect(check).toMatchObject({ status: 'pass' });
    expect(check?.detail).toContain('made by seed files: function public.reseed_testing_environment()');

    // Production gains a function of the same name: an error naming it, the target unchanged.
    await source.exec('create function public.reseed_testing_environment() returns void language sql as $$ select $$');
    const clash = await run(source, target, root, config, false);
    expect(clash.status).toBe('failed');
    expect(clash.error).toContain('the seed files make function public.reseed_testing_environment(), and production has an object of the same name');
  });

  it("replacing one of production's functions in a seed file is an error naming it", async () => {
    const { source, target } = await shop();
    const prod = 'create function public.price_of(p int) returns int language sql as $$ select 1 $$;';
    await source.exec(prod);
    await target.exec(prod);
    const root = makeRepo({ 'supabase/seed.sql': 'create or replace function public.price_of(p int) returns int language sql as $$ select 2 $$;' });
    const report = await run(source, target, root, { seed: { reset: [] } }, false);
    expect(report.status).toBe('failed');
    expect(report.error).toContain('function public.price_of(p integer)');
    expect(await target.query("select pg_get_functiondef('public.price_of(int)'::regprocedure) like '%select 1%' as same")).toEqual([{ same: true }]);
  });
});
