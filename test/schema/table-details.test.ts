import { describe, expect, it } from 'vitest';
import { expectSyncsBothWays, sqlOf } from '../helpers/cases.js';

describe('table details', () => {
  it('syncs REPLICA IDENTITY: DEFAULT, FULL, NOTHING and USING INDEX', async () => {
    await expectSyncsBothWays({
      source: `create table a (id int not null, k int not null); create unique index a_k on a (k); alter table a replica identity using index a_k;
        create table b (id int primary key); alter table b replica identity using index b_pkey;
        create table f (x int); alter table f replica identity full;
        create table n (x int); alter table n replica identity nothing;
        create table d (x int);`,
      target: `create table a (id int not null, k int not null); create unique index a_k on a (k);
        create table b (id int primary key);
        create table f (x int);
        create table n (x int); alter table n replica identity full;
        create table d (x int); alter table d replica identity full;`,
    });
  });

  it('syncs column storage, compression and statistics targets', async () => {
    await expectSyncsBothWays({
      source: `create table t (body text, doc jsonb, n int);
        alter table t alter column body set storage external, alter column doc set compression pglz, alter column n set statistics 500;`,
      target: `create table t (body text, doc jsonb, n int); alter table t alter column body set storage main, alter column n set statistics 20;`,
    });
  });

  it('syncs CLUSTER ON', async () => {
    const p = await expectSyncsBothWays({
      source: `create table t (a int primary key, b int); create index t_b on t (b); alter table t cluster on t_b;
        create table u (a int primary key); alter table u cluster on u_pkey;`,
      target: `create table t (a int primary key, b int); create index t_b on t (b); alter table t cluster on t_pkey;
        create table u (a int primary key); alter table u cluster on u_pkey;`,
    });
    expect(sqlOf(p)).toEqual(['ALTER TABLE public.t CLUSTER ON t_b;']);
  });
});

describe('inheritance', () => {
  it('drops a column from a parent while its child keeps it', async () => {
    await expectSyncsBothWays({
      source: `create table base (created_at timestamp default now()); create table a (a1 int) inherits (base); alter table a add column e int;`,
      target: `create table base (created_at timestamp default now(), e int); create table a (a1 int, a2 int) inherits (base);`,
    });
    await expectSyncsBothWays({
      source: `create table base (x int); create table child () inherits (base); create table other () inherits (base); alter table child add column e int;`,
      target: `create table base (x int, e int); create table child () inherits (base); create table other () inherits (base);`,
    });
  });

  it('makes an inherited column local as well', async () => {
    await expectSyncsBothWays({
      source: `create table base (x int, y int); create table child (x int) inherits (base);`,
      target: `create table base (x int, y int); create table child () inherits (base);`,
    });
  });
});

describe('inheritance, columns added to a parent', () => {
  it('adds a parent column once: the children get it from the parent, nothing is re-created', async () => {
    const p = await expectSyncsBothWays({
      source: `create table base (x int, y int); create table child (z int) inherits (base);`,
      target: `create table base (x int); create table child (z int) inherits (base); insert into child values (1, 2);`,
    });
    expect(sqlOf(p)).toEqual(['ALTER TABLE public.base ADD COLUMN y integer;']);
  });
});
