import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { ensureRoles } from '../helpers/roles.js';
import { withSessions } from '../helpers/sync.js';
import { readCatalog } from '../../src/catalog/read.js';
import { diffModels } from '../../src/diff/plan.js';

beforeAll(() => ensureRoles('anon', 'authenticated', 'service_role'));

describe('row level security and policies', () => {
  it('creates policies of every kind with RLS enabled and forced', async () => {
    await expectSyncsBothWays({
      source: `create table doc (id int, owner text, org int);
        alter table doc enable row level security; alter table doc force row level security;
        create policy read_own on doc for select to authenticated using (owner = current_user);
        create policy write_own on doc for insert to authenticated with check (owner = current_user);
        create policy upd on doc for update to authenticated, service_role using (owner = current_user) with check (org > 0);
        create policy no_org_zero on doc as restrictive for all to public using (org <> 0);
        create policy del on doc for delete using (false);`,
    });
  });

  it('alters a policy in place and re-creates one whose command changed', async () => {
    const p = await expectSyncs({
      source: `create table t (o text); alter table t enable row level security;
        create policy p on t for select to anon, authenticated using (o = 'a');
        create policy q on t for update to anon using (true);`,
      target: `create table t (o text); alter table t enable row level security;
        create policy p on t for select to anon using (o = 'b');
        create policy q on t for delete to anon using (true);`,
    });
    expect(sqlOf(p)).toEqual([
      'DROP POLICY IF EXISTS q ON public.t;',
      `ALTER POLICY p ON public.t TO anon, authenticated USING ((o = 'a'::text));`,
      'CREATE POLICY q ON public.t AS PERMISSIVE FOR UPDATE TO anon USING (true);',
    ]);
    expect(p.changes.every((c) => c.hazards.includes('access'))).toBe(true);
  });

  it('reports grants and policies for roles the target lacks, instead of inventing them', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`create table t (a int); grant select on t to anon; create policy p on t to anon, authenticated using (true);`);
    // Roles are cluster-wide here: take anon out of the target's model to stand for a target without it.
    const [sourceModel, targetModel] = await withSessions(source.url, target.url, (s, t) => Promise.all([readCatalog(s), readCatalog(t)]));
    targetModel.roles.delete('anon');
    const p = diffModels(sourceModel, targetModel);
    expect(p.changes.some((c) => c.sql.includes('anon'))).toBe(false);
    expect(p.notes).toEqual([
      { object: 'public.t.p', message: 'not created: role anon does not exist on the target (create it there first)' },
      { object: 'public.t', message: 'SELECT not granted: role anon does not exist on the target (create it there first)' },
    ]);
  });
});

describe('privileges', () => {
  it('grants and revokes on schemas, tables, columns, sequences, functions and types', async () => {
    const p = await expectSyncs({
      source: `create schema api; grant usage on schema api to anon, authenticated;
        create table api.profile (id int, name text, secret text);
        grant select on api.profile to anon; grant select, insert, update on api.profile to authenticated with grant option;
        grant select (id, name) on api.profile to service_role; grant update (name) on api.profile to anon;
        create sequence api.seq; grant usage, select on sequence api.seq to authenticated;
        create function api.hello() returns text language sql as $$ select 'hi' $$;
        revoke execute on function api.hello() from public; grant execute on function api.hello() to anon;
        create type api.color as enum ('red'); revoke usage on type api.color from public;`,
      target: `create schema api;
        create table api.profile (id int, name text, secret text);
        grant all on api.profile to anon;
        create sequence api.seq;
        create function api.hello() returns text language sql as $$ select 'hi' $$;
        create type api.color as enum ('red');`,
    });
    expect(sqlOf(p)).toContain('REVOKE DELETE, INSERT, MAINTAIN, REFERENCES, TRIGGER, TRUNCATE, UPDATE ON TABLE api.profile FROM anon;'.replace('MAINTAIN, ', p.changes.some((c) => c.sql.includes('MAINTAIN')) ? 'MAINTAIN, ' : ''));
    expect(sqlOf(p)).toContain('GRANT USAGE ON SCHEMA api TO anon, authenticated;');
    expect(sqlOf(p)).toContain('GRANT SELECT (id) ON TABLE api.profile TO service_role;');
    expect(sqlOf(p)).toContain('GRANT INSERT, SELECT, UPDATE ON TABLE api.profile TO authenticated WITH GRANT OPTION;');
  });

  it('gives new objects the source privileges, whatever the target default privileges grant', async () => {
    await expectSyncsBothWays({
      source: `create table t (a int); grant select on t to anon;`,
      target: `alter default privileges in schema public grant all on tables to authenticated;
               alter default privileges grant all on functions to anon;`,
    });
  });

  it('syncs default privileges (how Supabase grants to anon and authenticated)', async () => {
    await expectSyncsBothWays({
      source: `alter default privileges in schema public grant select, insert on tables to anon;
        alter default privileges in schema public grant usage on sequences to authenticated;
        alter default privileges revoke execute on functions from public;
        alter default privileges grant execute on functions to service_role;`,
      target: `alter default privileges in schema public grant all on tables to service_role;`,
    });
  });
});

describe('comments', () => {
  it('comments on everything commentable, and removes comments', async () => {
    await expectSyncsBothWays({
      source: `create schema s; comment on schema s is 'schema';
        create type s.e as enum ('x'); comment on type s.e is 'enum';
        create domain s.d as int; comment on domain s.d is 'domain';
        create sequence s.q; comment on sequence s.q is 'seq';
        create table s.t (a int constraint a_pos check (a > 0)); comment on table s.t is 'it''s a table';
        comment on column s.t.a is 'col'; comment on constraint a_pos on s.t is 'check';
        create index t_a on s.t (a); comment on index s.t_a is 'index';
        create view s.v as select 1 as one; comment on view s.v is 'view';
        create materialized view s.mv as select 1 as one; comment on materialized view s.mv is 'mview';
        create function s.f() returns trigger language plpgsql as $$ begin return new; end $$; comment on function s.f() is 'fn';
        create trigger tr before insert on s.t for each row execute function s.f(); comment on trigger tr on s.t is 'trigger';
        create policy p on s.t using (true); comment on policy p on s.t is 'policy';
        create extension citext; comment on extension citext is 'ext';`,
      target: `create schema s; comment on schema s is 'old';`,
    });
  });
});

describe('publications', () => {
  it('creates, alters and drops publications and their tables', async () => {
    await expectSyncsBothWays({
      source: `create table msg (id int primary key); create table room (id int primary key); create table other (id int primary key);
        create publication realtime for table msg, room with (publish = 'insert, update');
        create publication everything for all tables;`,
      target: `create table msg (id int primary key); create table room (id int primary key); create table other (id int primary key);
        create publication realtime for table msg, other; create publication stale;`,
    });
  });
});

describe('platform-managed schemas', () => {
  it('leaves auth alone, but syncs user triggers and policies on its tables', async () => {
    const platform = `create schema auth; create table auth.users (id uuid primary key, email text);
      create function auth.uid() returns uuid language sql as $$ select null::uuid $$;`;
    const p = await expectSyncs({
      source: `${platform}
        create table auth.only_in_source (x int);
        create table public.profile (id uuid primary key references auth.users);
        create function public.on_signup() returns trigger language plpgsql security definer as $$ begin insert into public.profile values (new.id); return new; end $$;
        create trigger on_auth_user_created after insert on auth.users for each row execute function public.on_signup();
        create policy own_row on auth.users for select to authenticated using (id = auth.uid());`,
      target: platform,
      compareExcluding: ['auth'],
    });
    expect(sqlOf(p).some((s) => s.includes('only_in_source'))).toBe(false);
    expect(sqlOf(p)).toContain('CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.on_signup();');
    expect(sqlOf(p).some((s) => s.startsWith('CREATE POLICY own_row ON auth.users'))).toBe(true);
  });
});
