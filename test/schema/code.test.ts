import { describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';

describe('views and materialized views', () => {
  it('creates views with options and views on views, in dependency order', async () => {
    await expectSyncsBothWays({
      source: `create table item (id int primary key, price numeric, owner text);
        create view cheap with (security_barrier = true) as select id, price from item where price < 10;
        create view cheap_ids as select id from cheap;
        create view mine with (security_invoker = true) as select * from item where owner = current_user;
        create view editable as select id, price from item where price > 0 with cascaded check option;
        create materialized view price_stats as select count(*) as n, avg(price) as avg from item;
        create unique index price_stats_n on price_stats (n);`,
    });
  });

  it('replaces a view in place when it only gains columns, and rebuilds it and its dependents otherwise', async () => {
    const gained = await expectSyncs({
      source: `create table t (a int, b int); create view v as select a, b from t;`,
      target: `create table t (a int, b int); create view v as select a from t;`,
    });
    expect(gained.changes.map((c) => c.action)).toEqual(['alter']);
    const rebuilt = await expectSyncs({
      source: `create table t (a int, b int); create view v as select b from t; create view w as select * from v;`,
      target: `create table t (a int, b int); create view v as select a from t; create view w as select * from v;`,
    });
    expect(sqlOf(rebuilt).map((s) => s.split('\n')[0])).toEqual([
      'DROP VIEW IF EXISTS public.w;', 'DROP VIEW IF EXISTS public.v;', 'CREATE VIEW public.v AS', 'CREATE VIEW public.w AS',
    ]);
  });

  it('re-creates views around a column type change they depend on', async () => {
    await expectSyncs({
      source: `create table t (a bigint); create view v as select a from t; create view w as select a + 1 as b from v;`,
      target: `create table t (a int); create view v as select a from t; create view w as select a + 1 as b from v;`,
    });
  });

  it('rebuilds a materialized view whose query changed', async () => {
    await expectSyncs({
      source: `create table t (a int); create materialized view mv as select a * 2 as d from t; create index mv_d on mv (d);`,
      target: `create table t (a int); create materialized view mv as select a from t; create index mv_d on mv (a);`,
    });
  });
});

describe('functions, procedures and aggregates', () => {
  it('creates functions with every attribute', async () => {
    await expectSyncsBothWays({
      source: `create schema util;
        create function util.slug(t text) returns text language sql immutable strict parallel safe leakproof
          as $$ select lower(regexp_replace(t, '[^a-zA-Z0-9]+', '-', 'g')) $$;
        create function util.audit() returns trigger language plpgsql security definer set search_path = pg_catalog, public
          as $$ begin return new; end $$;
        create function util.total(variadic nums int[]) returns bigint language sql stable cost 5
          as $$ select sum(n) from unnest(nums) n $$;
        create function util.pairs(n int default 3, out a int, out b int) returns setof record language sql rows 10
          as $$ select i, i * i from generate_series(1, n) i $$;
        create function util.atomic_add(a int, b int) returns int language sql begin atomic select a + b; end;
        create procedure util.touch(inout x int) language plpgsql as $$ begin x := x + 1; end $$;
        create function util.concat_agg_step(acc text, v text) returns text language sql immutable as $$ select coalesce(acc || ',', '') || v $$;
        create aggregate util.concat_all(text) (sfunc = util.concat_agg_step, stype = text, initcond = '');
        revoke execute on function util.slug(text) from public;`,
    });
  });

  it('replaces a body in place, and rebuilds a function whose result changed with what depends on it', async () => {
    const body = await expectSyncs({
      source: `create function f() returns int language sql as $$ select 2 $$; create view v as select f() as x;`,
      target: `create function f() returns int language sql as $$ select 1 $$; create view v as select f() as x;`,
    });
    expect(body.changes.map((c) => `${c.action} ${c.kind}`)).toEqual(['alter function']);
    const result = await expectSyncs({
      source: `create function f() returns bigint language sql as $$ select 2::bigint $$;
               create view v as select f() as x; create table t (n bigint default f(), check (n < f() + 100));`,
      target: `create function f() returns int language sql as $$ select 1 $$;
               create view v as select f() as x; create table t (n bigint default f(), check (n < f() + 100));`,
    });
    expect(sqlOf(result).map((s) => s.split('\n')[0])).toEqual(expect.arrayContaining([
      'ALTER TABLE public.t ALTER COLUMN n DROP DEFAULT;', 'DROP FUNCTION IF EXISTS public.f();', 'ALTER TABLE public.t ALTER COLUMN n SET DEFAULT public.f();',
    ]));
  });
});

describe('triggers', () => {
  it('creates triggers of every shape and state', async () => {
    await expectSyncsBothWays({
      source: `create table t (id int, v int, updated_at timestamptz);
        create function stamp() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
        create trigger t_stamp before insert or update of v on t for each row when (new.v is not null) execute function stamp();
        create trigger t_off after delete on t for each statement execute function stamp();
        alter table t disable trigger t_off;
        create trigger t_replica before insert on t for each row execute function stamp();
        alter table t enable replica trigger t_replica;
        create trigger t_always before update on t for each row execute function stamp();
        alter table t enable always trigger t_always;
        create constraint trigger t_check after insert on t deferrable initially deferred for each row execute function stamp();
        create view tv as select * from t;
        create function tv_ins() returns trigger language plpgsql as $$ begin insert into t values (new.id, new.v); return new; end $$;
        create trigger tv_ins instead of insert on tv for each row execute function tv_ins();`,
    });
  });

  it('changes a trigger state in place and its definition by re-creating it', async () => {
    const p = await expectSyncs({
      source: `create table t (v int); create function f() returns trigger language plpgsql as $$ begin return new; end $$;
        create trigger a before insert on t for each row execute function f(); alter table t disable trigger a;
        create trigger b before update on t for each row execute function f();`,
      target: `create table t (v int); create function f() returns trigger language plpgsql as $$ begin return new; end $$;
        create trigger a before insert on t for each row execute function f();
        create trigger b before insert on t for each row execute function f();`,
    });
    expect(sqlOf(p)).toEqual([
      'DROP TRIGGER IF EXISTS b ON public.t;',
      'ALTER TABLE public.t DISABLE TRIGGER a;',
      'CREATE TRIGGER b BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();',
    ]);
  });
});
