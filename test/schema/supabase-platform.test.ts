import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMajor } from '../../src/embedded/binaries.js';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/embedded/server.js';
import { checkDrift } from '../../src/validate/drift.js';
import { serverMajor } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { plan, sync, withSessions } from '../helpers/sync.js';
import { sqlOf } from '../helpers/cases.js';

/**
 * A hosted Supabase project's shape: the platform (auth, storage, roles,
 * grants, default privileges, event triggers) built from Supabase's own SQL,
 * owned by its admin roles, and `postgres` no superuser, as on hosted
 * projects. Its own server, whose bootstrap superuser is supabase_admin, so
 * that `postgres` can be demoted as supabase/postgres's demote migration does.
 */
const FIXTURE = path.resolve('test/fixtures/supabase-platform');
const PASSWORD = 'postgres-pw';
let server: EmbeddedServer;
let count = 0;

async function admin<T>(fn: (c: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const c = new pg.Client(server.url(database));
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** URL of `database` as the non-superuser postgres. */
function asPostgres(database: string): string {
  const u = new URL(server.url(database));
  u.username = 'postgres';
  u.password = PASSWORD;
  return u.toString();
}

beforeAll(async () => {
  server = await startEmbeddedServer({ major: parseMajor(String(serverMajor())), label: 'supa', user: 'supabase_admin' });
  await admin(async (c) => {
    await c.query(`create role postgres superuser login password '${PASSWORD}'`);
    await c.query('create database platform');
  });
  await promisify(execFile)('bash', [path.join(FIXTURE, 'build.sh'), asPostgres('platform')], { maxBuffer: 16 * 1024 * 1024 });
  // The demotion build.sh leaves out (roles are the server's): here the server is this file's own.
  const demote = (await readFile(path.join(FIXTURE, 'upstream/postgres/migrations/db/migrations/10000000000000_demote-postgres.sql'), 'utf8'))
    .replaceAll('ON DATABASE postgres', 'ON DATABASE platform');
  await admin((c) => c.query(demote), 'platform');
}, 300_000);

afterAll(() => server?.stop());

/** A new database with the platform in it: a copy of the built one, its per-database role settings copied too (a template does not carry them). */
async function project(label: string): Promise<string> {
  const name = `${label}_${++count}`;
  await admin(async (c) => {
    // Owned by postgres, as a hosted project's database: public (pg_database_owner's) is then its to create in.
    await c.query(`create database ${name} owner postgres template platform`);
    const { rows } = await c.query<{ role: string; setting: string }>(
      `select r.rolname as role, unnest(s.setconfig) as setting from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
       where s.setdatabase = (select oid from pg_database where datname = 'platform')`);
    for (const { role, setting } of rows) {
      const at = setting.indexOf('=');
      await c.query(`alter role "${role}" in database ${name} set "${setting.slice(0, at)}" = '${setting.slice(at + 1).replaceAll("'", "''")}'`);
    }
  });
  return asPostgres(name);
}

const dbName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

async function run(url: string, sql: string): Promise<void> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** An app's schema, as its migrations would make it on a project: run as postgres. */
const APP = `
  create type public.plan as enum ('free', 'pro');
  create table public.profiles (
    id uuid primary key references auth.users on delete cascade,
    username text unique, plan public.plan not null default 'free', created_at timestamptz default now());
  alter table public.profiles enable row level security;
  create policy "own profile" on public.profiles for select to authenticated using ((select auth.uid()) = id);
  create policy "own update" on public.profiles for update to authenticated using ((select auth.uid()) = id);
  create table public.posts (id bigint generated always as identity primary key, author uuid references public.profiles, body text);
  alter table public.posts enable row level security;
  create policy "read posts" on public.posts for select to anon, authenticated using (true);
  create view public.feed with (security_invoker = on) as select p.id, p.body, pr.username from public.posts p join public.profiles pr on pr.id = p.author;
  create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = '' as $$
    begin insert into public.profiles (id) values (new.id); return new; end $$;
  create trigger on_auth_user_created after insert on auth.users for each row execute function public.handle_new_user();
  revoke execute on function public.handle_new_user() from anon, authenticated;
  insert into storage.buckets (id, name) values ('avatars', 'avatars');
  create policy "avatar read" on storage.objects for select to authenticated using (bucket_id = 'avatars');
  create schema private; create table private.audit (id bigint generated by default as identity, at timestamptz);
  revoke all on all tables in schema storage from anon;`;

/** Syncs preview to production as postgres and proves it: equal snapshots (the platform's schemas included), a second plan empty, the drift check passing. */
async function expectProjectSyncs(production: string, preview: string): Promise<string[]> {
  const applied = await plan(production, preview, { allowDestructive: true });
  expect((await sync(production, preview, { allowDestructive: true })).status).toBe('applied');
  expect(await schemaSnapshot(preview)).toEqual(await schemaSnapshot(production));
  const again = await plan(production, preview);
  expect(sqlOf(again)).toEqual([]);
  expect(again.notes).toEqual([]);
  expect((await withSessions(production, preview, (s, t) => checkDrift(s, t, {}, true))).status).toBe('pass');
  return sqlOf(applied);
}

describe('a Supabase-shaped project, applied as its postgres (no superuser)', () => {
  it('reads as a role that is no superuser', async () => {
    const c = new pg.Client(asPostgres('platform'));
    await c.connect();
    try {
      expect((await c.query('select rolsuper from pg_roles where rolname = current_user')).rows[0]).toEqual({ rolsuper: false });
    } finally {
      await c.end();
    }
  });

  it('creates an app on a fresh preview, alters an older one, and empties one', async () => {
    const production = await project('prod');
    await run(production, APP);
    const sql = await expectProjectSyncs(production, await project('preview'));
    // The user's revoke on the platform's tables is synced; the platform's objects themselves are not touched.
    // postgres holds grant options of its own there: it revokes as the owner's role and as itself.
    expect(sql).toContain('SET ROLE supabase_storage_admin;\nREVOKE SELECT ON TABLE storage.s3_multipart_uploads FROM anon;\nSET ROLE postgres;\nREVOKE SELECT ON TABLE storage.s3_multipart_uploads FROM anon;');
    expect(sql.filter((s) => /^(CREATE|ALTER|DROP) TABLE (auth|storage)\./.test(s))).toEqual([]);
    // The identity sequence got service_role's grants from the default privileges, as production's did.
    expect(sql.some((s) => s.includes('SEQUENCE public.posts_id_seq'))).toBe(false);

    const older = await project('older');
    await run(older, `create table public.profiles (id uuid primary key, username text); create table public.stale (a int);
      grant select on all tables in schema storage to anon;`);
    await expectProjectSyncs(production, older);

    await expectProjectSyncs(await project('empty'), await project('full').then(async (url) => (await run(url, APP), url)));
  });

  it("says what it may not change (the admin's objects and owners) instead of failing or calling it equal", async () => {
    const production = await project('prod');
    const preview = await project('preview');
    await run(production, APP);
    // The platform's admin made a table in realtime on both; on production it revoked a grant postgres cannot revoke.
    const table = 'create table realtime.admin_table (a int); grant select on realtime.admin_table to anon;';
    await admin((c) => c.query(table), dbName(preview));
    // And a function in public (as a dashboard tool might): postgres makes it, but may not give it to the admin.
    await admin((c) => c.query(`${table} revoke select on realtime.admin_table from anon;
      create function public.admin_only() returns int language sql as $$ select 1 $$;`), dbName(production));
    const p = await plan(production, preview, { allowDestructive: true });
    expect(p.notes.filter((n) => n.differs).map((n) => n.object)).toEqual(['public.admin_only()', 'realtime.admin_table']);
    expect((await sync(production, preview, { allowDestructive: true })).status).toBe('applied');
    const drift = await withSessions(production, preview, (s, t) => checkDrift(s, t, {}, true));
    expect(drift.status).toBe('fail');
    expect(drift.detail).toContain('public.admin_only(): owner not changed to supabase_admin (it is postgres here)');
    expect(sqlOf(await plan(production, preview))).toEqual([]);
  });
});
