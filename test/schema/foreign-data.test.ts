import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '../helpers/db.js';
import { readCatalog } from '../../src/catalog/read.js';
import { USER_MAPPINGS_SQL } from '../../src/catalog/sql/foreign.sql.js';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { ensureRoles } from '../helpers/roles.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { plan, sync } from '../helpers/sync.js';

beforeAll(() => ensureRoles('anon', 'authenticated'));

const FDW = `create extension postgres_fdw;`;

describe('foreign-data wrappers and servers', () => {
  it('syncs a wrapper made by hand, its options, grants and comment', async () => {
    await expectSyncsBothWays({
      source: `${FDW} create foreign data wrapper mine handler postgres_fdw_handler validator postgres_fdw_validator;
        create foreign data wrapper bare options (debug 'true'); comment on foreign data wrapper bare is 'kept for tests';
        grant usage on foreign data wrapper bare to authenticated;`,
      target: `${FDW} create foreign data wrapper mine; create foreign data wrapper bare options (debug 'false', extra '1');`,
    });
  });

  it("syncs the privileges and comment of an extension's own wrapper, never creating or dropping it", async () => {
    const p = await expectSyncsBothWays({
      source: `${FDW} grant usage on foreign data wrapper postgres_fdw to authenticated; comment on foreign data wrapper postgres_fdw is 'remote databases';`,
      target: `${FDW} grant usage on foreign data wrapper postgres_fdw to anon with grant option;`,
    });
    expect(sqlOf(p)).toEqual([
      'REVOKE USAGE ON FOREIGN DATA WRAPPER postgres_fdw FROM anon;',
      'GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO authenticated;',
      "COMMENT ON FOREIGN DATA WRAPPER postgres_fdw IS 'remote databases';",
    ]);
    const created = sqlOf(await expectSyncs({ source: `${FDW} grant usage on foreign data wrapper postgres_fdw to authenticated;` }));
    expect(created.some((x) => x.includes('CREATE FOREIGN DATA WRAPPER'))).toBe(false);
    expect(created.slice(0, 2)).toEqual([expect.stringMatching(/^CREATE EXTENSION IF NOT EXISTS postgres_fdw /), 'GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO authenticated;']);
  });

  it('syncs servers: type, version, options added, set and dropped, and USAGE grants', async () => {
    const p = await expectSyncsBothWays({
      source: `${FDW} create server remote type 'pg' version '17' foreign data wrapper postgres_fdw options (host 'db.internal', port '5432', dbname 'app');
        comment on server remote is 'the warehouse';
        create server other foreign data wrapper postgres_fdw options (host 'b');
        grant usage on foreign server remote to anon;`,
      target: `${FDW} create server remote type 'pg' version '15' foreign data wrapper postgres_fdw options (host 'old', dbname 'app', fetch_size '10');
        grant usage on foreign server remote to authenticated;
        create server other type 'x' foreign data wrapper postgres_fdw;`,
    });
    expect(sqlOf(p)).toContain("ALTER SERVER remote VERSION '17' OPTIONS (SET host 'db.internal', ADD port '5432', DROP fetch_size);");
    // A change of type has no ALTER: the server is re-created.
    expect(sqlOf(p)).toContain('DROP SERVER IF EXISTS other;');
    expect(sqlOf(p)).toContain('GRANT USAGE ON FOREIGN SERVER remote TO anon;');
  });

  it('never reads a server option that looks like a credential, and says so', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    // No validator, like the wrappers of Supabase's `wrappers` extension that take an api_key.
    const wrapper = 'create foreign data wrapper api_wrapper;';
    await source.exec(`${wrapper} create server api foreign data wrapper api_wrapper options (host 'h', api_key 'sk_live_prod', password 'hunter2-prod', conn_string 'tcp://u:pw-prod@h');`);
    await target.exec(wrapper);
    const first = await plan(source.url, target.url);
    expect(JSON.stringify(first)).not.toMatch(/hunter2-prod|sk_live_prod|pw-prod/);
    expect(sqlOf(first)).toContain("CREATE SERVER api FOREIGN DATA WRAPPER api_wrapper OPTIONS (host 'h');");
    expect(first.notes.map((n) => n.message).join('\n')).toMatch(/option api_key .*not copied[^]*option password .*not copied/);
    await sync(source.url, target.url);
    // Set by hand on the target: kept, and no longer reported.
    await target.exec(`alter server api options (add password 'preview-secret', add api_key 'sk_test', add conn_string 'tcp://u:pw@preview')`);
    const second = await plan(source.url, target.url);
    expect(sqlOf(second)).toEqual([]);
    expect(second.notes).toEqual([]);
    expect((await target.query<{ o: string[] }>(`select srvoptions as o from pg_foreign_server where srvname = 'api'`))[0]!.o).toContain('password=preview-secret');
  });
});

describe('user mappings', () => {
  const SERVER = `${FDW} create server remote foreign data wrapper postgres_fdw options (host 'h');`;

  it('creates mappings without their credentials, and drops those production lacks', async () => {
    const p = await expectSyncsBothWays({
      source: `${SERVER} create user mapping for anon server remote options (user 'prod_user', password 'prod-pass');
        create user mapping for public server remote;`,
      target: `${SERVER} create user mapping for authenticated server remote options (user 'x', password 'y');`,
    });
    const text = JSON.stringify(p);
    expect(text).not.toContain('prod-pass');
    expect(text).not.toContain('prod_user');
    expect(sqlOf(p)).toContain('CREATE USER MAPPING FOR anon SERVER remote;');
    expect(sqlOf(p)).toContain('DROP USER MAPPING IF EXISTS FOR authenticated SERVER remote;');
    expect(p.notes.some((n) => n.object === 'anon on server remote' && /without options/.test(n.message))).toBe(true);
  });

  it('reads mappings as a role that is not superuser, without their options', async () => {
    const db = await createTestDatabase('src');
    await ensureRoles('fdw_reader');
    await db.exec(`alter role fdw_reader login password 'reader'; ${SERVER}
      create user mapping for fdw_reader server remote options (user 'prod_user', password 'prod-pass');`);
    const url = new URL(db.url);
    url.username = 'fdw_reader';
    url.password = 'reader';
    const client = new pg.Client(url.toString());
    await client.connect();
    try {
      const model = await readCatalog(client);
      expect([...model.userMappings.values()].map((m) => `${m.role} ${m.server}`)).toEqual(['fdw_reader remote']);
      expect(JSON.stringify([...model.userMappings.values()])).not.toContain('prod-pass');
      expect(USER_MAPPINGS_SQL).not.toMatch(/umoptions/);
    } finally {
      await client.end();
    }
  });

  it('keeps the options set by hand on the target', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`${SERVER} create user mapping for anon server remote options (user 'prod_user', password 'prod-pass');`);
    await target.exec(`${SERVER} create user mapping for anon server remote options (user 'preview', password 'preview-pass');`);
    expect(sqlOf(await plan(source.url, target.url))).toEqual([]);
  });
});

describe('foreign tables', () => {
  const SERVER = `${FDW} create server remote foreign data wrapper postgres_fdw options (host 'h');
    create server archive foreign data wrapper postgres_fdw options (host 'a');`;

  it('syncs foreign tables: columns, options, column options, constraints, defaults, comments and grants', async () => {
    await expectSyncsBothWays({
      source: `${SERVER}
        create foreign table orders (
          id bigint options (column_name 'order_id') not null,
          total numeric(10,2) default 0,
          note text collate "C",
          status text check (status <> ''),
          created timestamptz
        ) server remote options (schema_name 'shop', table_name 'orders');
        alter foreign table orders add constraint positive check (total >= 0);
        comment on foreign table orders is 'orders on the shop server';
        comment on column orders.total is 'in euros';
        grant select on orders to anon; grant select (id) on orders to authenticated;
        create view order_ids as select id from orders;`,
      target: `${SERVER}
        create foreign table orders (
          id integer options (column_name 'id') ,
          total numeric(10,2),
          note text,
          status text,
          gone text options (column_name 'x')
        ) server remote options (schema_name 'shop', table_name 'old_orders', fetch_size '100');
        alter foreign table orders add constraint stale check (id > 0);
        grant insert on orders to anon;`,
    });
  });

  it('re-creates a foreign table that moves to another server, with what depends on it', async () => {
    const p = await expectSyncs({
      source: `${SERVER} create foreign table t (id int) server archive; create view v as select id from t;`,
      target: `${SERVER} create foreign table t (id int) server remote; create view v as select id from t;`,
    });
    expect(sqlOf(p)).toContain('DROP FOREIGN TABLE IF EXISTS public.t;');
  });

  it('replaces a table by a foreign table of the same name and back', async () => {
    await expectSyncsBothWays({
      source: `${SERVER} create foreign table events (id int) server remote;`,
      target: `${SERVER} create table events (id int primary key);`,
    });
  });

  it('re-creates a server with its foreign tables and mappings when its wrapper changes', async () => {
    const p = await expectSyncs({
      source: `${FDW} create foreign data wrapper other handler postgres_fdw_handler validator postgres_fdw_validator;
        create server s foreign data wrapper other options (host 'h'); create foreign table t (id int) server s; create user mapping for anon server s;`,
      target: `${FDW} create server s foreign data wrapper postgres_fdw options (host 'h'); create foreign table t (id int) server s; create user mapping for anon server s;`,
    });
    const sql = sqlOf(p);
    expect(sql.indexOf('DROP FOREIGN TABLE IF EXISTS public.t;')).toBeLessThan(sql.indexOf('DROP SERVER IF EXISTS s;'));
  });

  it('syncs a foreign partition of a partitioned table, with its column options', async () => {
    await expectSyncsBothWays({
      source: `${SERVER} create table measurement (id int not null, at date not null, v numeric) partition by range (at);
        create table measurement_now partition of measurement for values from ('2026-01-01') to ('2027-01-01');
        create foreign table measurement_old partition of measurement for values from ('2000-01-01') to ('2026-01-01')
          server archive options (table_name 'measurement');
        alter foreign table measurement_old alter column v options (add column_name 'value');`,
      target: `${SERVER} create table measurement (id int not null, at date not null, v numeric) partition by range (at);
        create table measurement_now partition of measurement for values from ('2026-01-01') to ('2027-01-01');
        create foreign table measurement_old partition of measurement for values from ('2010-01-01') to ('2026-01-01') server archive;`,
    });
  });

  it('syncs foreign tables that inherit from tables: INHERITS, INHERIT and NO INHERIT, inherited columns and their options', async () => {
    const p = await expectSyncsBothWays({
      source: `${SERVER} create table base (id int not null, at timestamptz default now()); create table tagged (tag text);
        create foreign table c (note text) inherits (base) server remote options (table_name 'c');
        alter foreign table c alter column id options (add column_name 'ident');
        create foreign table d (y int, tag text) server remote;
        create foreign table e (z int) inherits (c) server archive;
        alter table base add column extra int;`,
      target: `${SERVER} create table base (id int not null, at timestamptz default now()); create table tagged (tag text);
        create foreign table c (note text) inherits (base) server remote;
        create foreign table d (y int) inherits (tagged) server remote;
        create foreign table e (z int) server archive;`,
    });
    expect(sqlOf(p)).toContain('ALTER FOREIGN TABLE public.d NO INHERIT public.tagged;');
    expect(sqlOf(p)).toContain('ALTER TABLE public.base ADD COLUMN extra integer;');
    expect(sqlOf(p)).toContain(`ALTER FOREIGN TABLE public.c ALTER COLUMN id OPTIONS (ADD column_name 'ident');`);
  });

  it('joins a foreign table to a parent whose columns it declares too', async () => {
    const p = await expectSyncsBothWays({
      source: `${SERVER} create table base (id int); create foreign table c (id int, v text) server remote; alter foreign table c inherit base;`,
      target: `${SERVER} create table base (id int); create foreign table c (v text) server remote;`,
    });
    expect(sqlOf(p)).toEqual(['ALTER FOREIGN TABLE public.c ADD COLUMN id integer;', 'ALTER FOREIGN TABLE public.c INHERIT public.base;']);
  });

  it('is seen by the independent snapshot', async () => {
    const a = await createTestDatabase('a');
    const b = await createTestDatabase('b');
    await a.exec(`${SERVER} create foreign table t (id int options (column_name 'x')) server remote options (table_name 't');`);
    await b.exec(`${SERVER} create foreign table t (id int options (column_name 'y')) server remote options (table_name 't');`);
    expect(await schemaSnapshot(a.url)).not.toEqual(await schemaSnapshot(b.url));
  });
});
