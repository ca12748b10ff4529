import { describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';

describe('statement order', () => {
  it('adds a serial column to a table that has rows: the sequence is owned after the column exists', async () => {
    const p = await expectSyncsBothWays({
      source: `create table t (a int, id serial);`,
      target: `create table t (a int); insert into t values (1), (2);`,
    });
    const sql = sqlOf(p);
    expect(sql.findIndex((s) => s.includes('OWNED BY'))).toBeGreaterThan(sql.findIndex((s) => s.includes('ADD COLUMN id')));
  });

  it('creates a domain whose CHECK calls a function after that function', async () => {
    await expectSyncsBothWays({
      source: `create function is_even(n int) returns boolean language sql immutable as $$ select n % 2 = 0 $$;
        create domain even as int check (is_even(value));
        create table t (v even);`,
    });
  });

  it('replaces a function a domain CHECK calls: the check is dropped first and added again', async () => {
    await expectSyncs({
      source: `create function is_even(n int, m int default 3) returns boolean language sql immutable as $$ select n % 2 = 0 $$;
        create domain even as int check (is_even(value));
        create table t (v even); insert into t values (2);`,
      target: `create function is_even(n int, m int default 2) returns boolean language sql immutable as $$ select n % 2 = 0 $$;
        create domain even as int check (is_even(value));
        create table t (v even); insert into t values (2);`,
    });
  });

  it('keeps a sequence that was owned by a column of a table being dropped', async () => {
    await expectSyncsBothWays({
      source: `create sequence s; create table u (id int default nextval('s'));`,
      target: `create table t (id int); create sequence s owned by t.id;`,
    });
    await expectSyncsBothWays({ source: `create sequence s;`, target: `create table t (id serial); alter sequence t_id_seq rename to s;` });
  });

  it('creates functions that quoted bodies call before a CHECK or a materialized view evaluates them', async () => {
    await expectSyncsBothWays({
      source: `set check_function_bodies = off;
        create function a_outer() returns int language sql as $$ select public.z_inner() + 1 $$;
        create function z_inner() returns int language plpgsql as $$ begin return public.b_helper(); end $$;
        create function b_helper() returns int language sql as $$ select 41 $$;
        create materialized view mv as select a_outer() as v;
        create table t (v int check (v <= a_outer()));`,
    });
    await expectSyncs({
      source: `set check_function_bodies = off;
        create function a_outer() returns int language sql as $$ select public.z_inner() + 1 $$;
        create function z_inner() returns int language sql as $$ select 41 $$;
        create table t (v int check (v <= a_outer()));`,
      target: `create table t (v int); insert into t values (1);`,
    });
  });

  it('syncs rules on tables: created, changed, disabled and dropped, with their table', async () => {
    await expectSyncsBothWays({
      source: `create table log (a int, at timestamptz default now());
        create table t (a int, b int);
        create rule t_log as on insert to t do also insert into log (a) values (new.b);
        create rule t_no_delete as on delete to t do instead nothing;
        alter table t disable rule t_no_delete;`,
      target: `create table log (a int, at timestamptz default now());
        create table t (a int, b int, c int);
        create rule t_log as on insert to t do also insert into log (a) values (new.a);
        create rule t_gone as on update to t do also notify t_changed;`,
    });
  });

  it('drops a function used by column defaults after the tables that use it', async () => {
    await expectSyncsBothWays({
      source: `create function next_code() returns int language sql as $$ select 1 $$;
        create table t (code int default next_code(), other int default next_code() + 1);`,
    });
  });
});
