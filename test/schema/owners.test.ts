import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { adminUrl, createTestDatabase } from '../helpers/db.js';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { ensureRoles } from '../helpers/roles.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { plan, sync, withSessions } from '../helpers/sync.js';
import { checkDrift } from '../../src/validate/drift.js';
import { readCatalog } from '../../src/catalog/read.js';
import { diffModels } from '../../src/diff/plan.js';

// Roles are cluster-wide: names of this file's own.
const A = 'ow_alice';
const B = 'ow_bob';
const APP = 'ow_app';
const ADMIN = 'ow_admin';

beforeAll(async () => {
  await ensureRoles(A, B, APP, ADMIN);
  const c = new pg.Client(adminUrl());
  await c.connect();
  try {
    // The applying role of the non-superuser cases: it may act as alice, never as bob or the admin.
    await c.query(`alter role ${APP} login password 'ow-app-pw' nosuperuser; grant ${A} to ${APP}`);
  } finally {
    await c.end();
  }
});

const asRole = (url: string, role: string, password: string) => {
  const u = new URL(url);
  u.username = role;
  u.password = password;
  return u.toString();
};

const EVERY_KIND = `
  create schema s authorization ${A};
  create table s.t (id int generated always as identity, n serial, a int);
  create view s.v as select a from s.t;
  create materialized view s.mv as select a from s.t;
  create sequence s.q;
  create function s.who() returns text language sql security definer as $$ select current_user::text $$;
  create procedure s.p() language sql as $$ select 1 $$;
  create aggregate s.total(int) (sfunc = int4pl, stype = int);
  create type s.e as enum ('x'); create domain s.d as int; create type s.c as (a int); create type s.r as range (subtype = float8);
  alter table s.t owner to ${B}; alter view s.v owner to ${A}; alter materialized view s.mv owner to ${B};
  alter sequence s.q owner to ${B}; alter function s.who() owner to ${B}; alter procedure s.p() owner to ${A};
  alter aggregate s.total(int) owner to ${B}; alter type s.e owner to ${B}; alter domain s.d owner to ${B};
  alter type s.c owner to ${A}; alter type s.r owner to ${B};`;

describe('owners', () => {
  it('gives every kind of object the source owner: altered, created, and back to the applying role', async () => {
    const p = await expectSyncsBothWays({
      source: EVERY_KIND,
      target: EVERY_KIND.replaceAll(B, A).replace(`schema s authorization ${A}`, `schema s authorization ${B}`),
    });
    expect(sqlOf(p)).toContain(`ALTER SCHEMA s OWNER TO ${A};`);
    expect(sqlOf(p)).toContain(`ALTER TABLE s.t OWNER TO ${B};`);
    expect(sqlOf(p)).toContain(`ALTER FUNCTION s.who() OWNER TO ${B};`);
    expect(sqlOf(p)).toContain(`ALTER DOMAIN s.d OWNER TO ${B};`);
    // A sequence owned by a column follows its table.
    expect(sqlOf(p).some((s) => s.includes('SEQUENCE s.t_n_seq OWNER'))).toBe(false);
  });

  it('syncs the owner of schema public (a database built from empty has pg_database_owner or the creator)', async () => {
    const p = await expectSyncsBothWays({ source: `alter schema public owner to ${A};` });
    expect(sqlOf(p)).toEqual([`ALTER SCHEMA public OWNER TO ${A};`]);
  });

  it("links a new serial column's sequence to a table another role owns", async () => {
    await expectSyncsBothWays({
      source: `create table t (a int); alter table t add column n serial; alter table t owner to ${A};`,
      target: `create table t (a int); alter table t owner to ${A};`,
    });
  });

  it('runs grants and comments as the old owner before giving the object away', async () => {
    const p = await expectSyncs({
      source: `create table t (a int); grant select on t to ${B}; comment on table t is 'x'; revoke update on t from current_user; alter table t owner to ${A};`,
    });
    const sql = sqlOf(p);
    expect(sql.indexOf(`ALTER TABLE public.t OWNER TO ${A};`)).toBeGreaterThan(sql.indexOf(`GRANT SELECT ON TABLE public.t TO ${B};`));
    expect(sql.indexOf(`ALTER TABLE public.t OWNER TO ${A};`)).toBeGreaterThan(sql.indexOf(`COMMENT ON TABLE public.t IS 'x';`));
  });

  it('as a role that is no superuser: changes what PostgreSQL lets it, and says what it may not (never equal)', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const objects = `grant create on schema public to ${A}; create table mine (a int); create table theirs (a int); create table kept (a int);
      create function f() returns int language sql security definer as $$ select 1 $$;`;
    await source.exec(`alter schema public owner to ${APP}; ${objects} alter table mine owner to ${A}; alter table theirs owner to ${B}; alter table kept owner to ${A};
      alter function f() owner to ${A}; create view fresh as select 1 as one; alter view fresh owner to ${A}; create view gone_to_bob as select 1 as one; alter view gone_to_bob owner to ${B};`);
    // The target's objects belong to the applying role, except one that belongs to the platform's admin.
    await target.exec(`grant create on database "${target.name}" to ${APP}; alter schema public owner to ${APP};
      ${objects} alter table mine owner to ${APP}; alter table theirs owner to ${APP}; alter table kept owner to ${ADMIN}; alter function f() owner to ${APP};`);
    const appUrl = asRole(target.url, APP, 'ow-app-pw');
    const p = await plan(source.url, appUrl);
    expect(sqlOf(p)).toContain(`ALTER TABLE public.mine OWNER TO ${A};`);
    expect(sqlOf(p)).toContain(`ALTER FUNCTION public.f() OWNER TO ${A};`);
    expect(sqlOf(p)).toContain(`ALTER VIEW public.fresh OWNER TO ${A};`);
    expect(sqlOf(p).some((s) => s.includes('OWNER TO ow_bob') || s.includes('kept OWNER'))).toBe(false);
    expect(p.notes.filter((n) => n.differs).map((n) => n.object).sort()).toEqual(['public.gone_to_bob', 'public.kept', 'public.theirs']);
    expect(p.notes.find((n) => n.object === 'public.theirs')?.message).toBe(`owner not changed to ${B} (it is ${APP} here): ${APP} is neither a superuser nor may it SET ROLE ${B}`);
    expect(p.notes.find((n) => n.object === 'public.kept')?.message).toBe(`owner not changed to ${A} (it is ${ADMIN} here): ${APP} is neither a superuser nor a member of ${ADMIN}`);

    const outcome = await sync(source.url, appUrl);
    expect(outcome.status).toBe('applied');
    const owners = await target.query<{ relname: string; owner: string }>(`select relname, pg_get_userbyid(relowner) as owner from pg_class where relnamespace = 'public'::regnamespace order by 1`);
    expect(owners).toEqual([
      { relname: 'fresh', owner: A }, { relname: 'gone_to_bob', owner: APP }, { relname: 'kept', owner: ADMIN }, { relname: 'mine', owner: A }, { relname: 'theirs', owner: APP },
    ]);
    // The independent snapshot still differs, and so does the drift check: no false "equal".
    const sourceLines = await schemaSnapshot(source.url);
    const differing = (await schemaSnapshot(target.url)).filter((l) => !sourceLines.includes(l));
    expect(differing.some((l) => l.startsWith('owner relation public.theirs'))).toBe(true);
    const drift = await withSessions(source.url, appUrl, (s, t) => checkDrift(s, t, {}, true));
    expect(drift.status).toBe('fail');
    expect(drift.detail).toContain('public.theirs: owner not changed');
    // Only the notes are left: a second plan has no statement.
    expect(sqlOf(await plan(source.url, appUrl))).toEqual([]);
  });

  it("gives a server away only to a role with USAGE on its wrapper, and says that's why when it cannot", async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const objects = `create extension postgres_fdw; create foreign data wrapper w2 handler postgres_fdw_handler; grant usage on foreign data wrapper w2 to ${A};
      create server plain foreign data wrapper postgres_fdw; create server usable foreign data wrapper w2;`;
    await source.exec(`${objects} alter server plain owner to ${A}; alter server usable owner to ${A};`);
    // No CREATE on the database: a server's owner change does not ask for it.
    await target.exec(`${objects} alter server plain owner to ${APP}; alter server usable owner to ${APP};`);
    const appUrl = asRole(target.url, APP, 'ow-app-pw');
    const p = await plan(source.url, appUrl);
    expect(sqlOf(p)).toEqual([`ALTER SERVER usable OWNER TO ${A};`]);
    expect(p.notes).toEqual([{
      object: 'plain', differs: true,
      message: `owner not changed to ${A} (it is ${APP} here): ${A} lacks USAGE on the foreign-data wrapper postgres_fdw, which PostgreSQL asks of a server's new owner`,
    }]);
    expect((await sync(source.url, appUrl)).status).toBe('applied');
    expect(await target.query(`select srvname, pg_get_userbyid(srvowner) as owner from pg_foreign_server order by 1`)).toEqual([
      { srvname: 'plain', owner: APP }, { srvname: 'usable', owner: A },
    ]);
    expect(sqlOf(await plan(source.url, appUrl))).toEqual([]);
  });

  it('notes an owner whose role the target lacks instead of failing', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`create table t (a int); alter table t owner to ${A};`);
    await target.exec(`create table t (a int);`);
    // Roles are cluster-wide here: take alice out of the target's model to stand for a target without her.
    const [s, t] = await withSessions(source.url, target.url, (a, b) => Promise.all([readCatalog(a), readCatalog(b)]));
    t.roles.delete(A);
    const p = diffModels(s, t);
    expect(sqlOf(p)).toEqual([]);
    expect(p.notes).toEqual([{ object: 'public.t', message: `owner not changed to ${A} (it is ${t.currentUser} here): role ${A} does not exist on the target`, differs: true }]);
  });
});
