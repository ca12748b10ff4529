import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { FakeGitHub } from '../helpers/github-server.js';
import { FakeSupabase } from '../helpers/supabase-server.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { exampleStep, readmeConfig } from './readme.js';
import { tempDir } from '../helpers/tmp.js';

/** Production as the README's config expects it: the tables it copies, masks, resets, requires and asserts on. */
const PRODUCTION = `
create table public.users (user_id int generated always as identity primary key, email text not null unique, role text not null default 'member');
create table public.plans (plan_id int primary key, name text not null);
create table public.ref_countries (code char(2) primary key, name text not null);
create table public.ref_cities (city_id int primary key, country char(2) not null references public.ref_countries, name text not null, population int not null);
create table public.ref_internal (note text);
create table public.guests (guest_id int primary key, email text not null, full_name text, phone text, nickname text);
create table public.bookings (
  booking_id int generated always as identity primary key,
  user_id int not null references public.users, guest_id int not null references public.guests, nights int not null);
insert into public.ref_countries values ('NL', 'Netherlands'), ('PT', 'Portugal');
insert into public.ref_cities values (1, 'NL', 'Amsterdam', 900000), (2, 'NL', 'Giethoorn', 2600), (3, 'PT', 'Porto', 230000);
insert into public.ref_internal values ('not for previews');
insert into public.guests select g, 'guest' || g || '@mail.example', 'Guest ' || g, '+31 6 ' || g, 'g' || g from generate_series(1, 50) g;
insert into public.users (email, role) select 'customer' || g || '@mail.example', 'member' from generate_series(1, 20) g;
insert into public.plans values (1, 'free'), (2, 'pro'), (3, 'team');
insert into public.bookings (user_id, guest_id, nights) select 1 + g % 20, 1 + g % 50, 1 + g % 5 from generate_series(1, 100) g;
`;

const SEED = `-- known test data: the users and plans, on every run
insert into public.users (email, role) values ('admin@example.com', 'admin'), ('tester@example.com', 'member');
insert into public.plans values (1, 'free'), (2, 'pro'), (3, 'team') on conflict (plan_id) do nothing;
`;
const BOOKINGS = (nights: number) => `insert into public.bookings (user_id, guest_id, nights) values (1, 1, ${nights}), (2, 2, ${nights});\n`;

const github = new FakeGitHub();
beforeAll(() => github.start());
afterAll(() => github.stop());

/** A checkout of the application's repository: the README's pg-branch-sync.toml, word for word, and its seed files. */
function checkout(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbs-checkout-'));
  for (const [file, text] of Object.entries({ 'pg-branch-sync.toml': readmeConfig(), ...files })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function pullRequestEvent(number: number): string {
  const file = path.join(tempDir('event'), 'event.json');
  writeFileSync(file, JSON.stringify({
    action: 'synchronize', number, after: 'c0ffee1234567890c0ffee1234567890c0ffee12',
    pull_request: { number, head: { ref: 'feature', sha: 'c0ffee1234567890c0ffee1234567890c0ffee12', repo: { full_name: 'acme/app' } }, base: { ref: 'main', repo: { full_name: 'acme/app' } } },
    repository: { full_name: 'acme/app' },
  }));
  return file;
}

const count = async (db: TestDatabase, sql: string) => Number((await db.query<{ n: string }>(sql))[0]!.n);

describe("a pull request's life, with the README's config and the example workflow's inputs", () => {
  it('passes push after push: first run, the same again, a new seed, a broken seed, production changing', async () => {
    const production = await createTestDatabase('prod');
    const testing = await createTestDatabase('testing');
    await production.exec(PRODUCTION);
    const supabase = await new FakeSupabase({ serviceRoleKey: 'service-role-key-123', anonKey: 'anon-key-456', databaseUrl: testing.url }).start();
    const repo = checkout({ 'supabase/seed.sql': SEED, 'supabase/seeds/10_bookings.sql': BOOKINGS(2) });
    try {
      // The example workflow's step for the matrix entry "testing", its expressions evaluated.
      const inputs: Record<string, string> = {
        'source-url': production.url,
        'target-url': testing.url,
        'target-name': 'testing',
        schemas: 'public',
        'allow-destructive': 'true',
        'supabase-url': supabase.url,
        'supabase-service-role-key': 'service-role-key-123',
        'supabase-anon-key': 'anon-key-456',
      };
      const stepEnv = { SEED_ADMIN_PASSWORD: 'admin-password-789', MASK_SALT: 'salt-for-the-lifecycle' };
      expect(Object.keys(inputs)).toEqual(exampleStep().inputs);
      expect(Object.keys(stepEnv)).toEqual(exampleStep().env);
      const pr = 41;
      const runner = {
        ...stepEnv, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/app', GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: pullRequestEvent(pr), GITHUB_WORKSPACE: repo, 'INPUT_GITHUB-TOKEN': 'ghs_app_token',
      };
      const push = (): Promise<ActionRun> => runAction(inputs, runner, repo);
      const comments = () => github.comments.get(pr)?.filter((c) => c.user.login === 'github-actions[bot]') ?? [];
      const expectPassed = (run: ActionRun, what: string) => {
        expect(run.code, `${what}: ${run.stdout.split('\n').filter((l) => l.startsWith('::error')).join('\n')}`).toBe(0);
        expect(run.outputs['failed-checks'], what).toBe('0');
      };

      // Push 1: the schema made, reference tables and guests copied (masked), the seed run, every check passing.
      const first = await push();
      expectPassed(first, 'push 1');
      expect(first.outputs.status).toBe('applied');
      expect(comments()).toHaveLength(1);
      const commentId = comments()[0]!.id;
      expect(await count(testing, 'select count(*) as n from public.ref_cities')).toBe(2); // [data.where] population > 10000
      expect(await count(testing, 'select count(*) as n from public.ref_internal')).toBe(0); // excluded
      expect(await count(testing, "select count(*) as n from public.guests where email like 'guest%'")).toBe(0); // masked
      expect(await count(testing, 'select count(*) as n from public.bookings')).toBe(2);
      expect(supabase.users.map((u) => u.email)).toEqual(['admin@example.com']);
      expect(first.everything).not.toContain('admin-password-789');
      expect(first.everything).not.toContain('service-role-key-123');

      // Push 2, the same: nothing to change, every check still passing, the same comment updated.
      const second = await push();
      expectPassed(second, 'push 2');
      expect(second.outputs.status).toBe('no-changes');
      expect(comments()).toHaveLength(1);
      expect(comments()[0]!.id).toBe(commentId);
      expect(await count(testing, 'select count(*) as n from public.bookings')).toBe(2);
      expect(supabase.users).toHaveLength(1);

      // Push 3 changes a seed file: its rows replace the old ones.
      writeFileSync(path.join(repo, 'supabase/seeds/10_bookings.sql'), BOOKINGS(7));
      expectPassed(await push(), 'push 3');
      expect(await testing.query('select nights from public.bookings order by 1')).toEqual([{ nights: 7 }, { nights: 7 }]);

      // Push 4 breaks a seed file: the run fails at its line, and the target is left as it was.
      const schemaBefore = await schemaSnapshot(testing.url);
      writeFileSync(path.join(repo, 'supabase/seeds/10_bookings.sql'), `${BOOKINGS(9)}insert into public.bookings values (oops;\n`);
      await production.exec('alter table public.guests add column vip boolean not null default false');
      const broken = await push();
      expect(broken.code).toBe(1);
      expect(broken.outputs.status).toBe('failed');
      expect(broken.stdout).toMatch(/::error title=seed file failed,file=supabase\/seeds\/10_bookings\.sql,line=2,col=\d+::/);
      expect(await schemaSnapshot(testing.url)).toEqual(schemaBefore);
      expect(await testing.query('select nights from public.bookings order by 1')).toEqual([{ nights: 7 }, { nights: 7 }]);
      expect(comments()).toHaveLength(1);
      expect(comments()[0]!.body).toContain('supabase/seeds/10_bookings.sql');

      // Push 5 fixes it; production gained a column meanwhile: the preview follows.
      writeFileSync(path.join(repo, 'supabase/seeds/10_bookings.sql'), BOOKINGS(3));
      const fixed = await push();
      expectPassed(fixed, 'push 5');
      expect(fixed.outputs.status).toBe('applied');
      expect(await schemaSnapshot(testing.url)).toEqual(await schemaSnapshot(production.url));
      expect(comments()).toHaveLength(1);
    } finally {
      await supabase.stop();
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('a preview without production\'s roles, copying auth.users, through the packaged action', () => {
  it('fails naming the roles, passes with create-roles, and copies auth.users masked with warnings for what is left unmasked', async () => {
    const { startEmbeddedServer } = await import('../../src/embedded/server.js');
    const { serverMajor } = await import('../helpers/db.js');
    const other = await startEmbeddedServer({ major: serverMajor() === 15 ? 15 : 17, label: 'lifecycle' });
    const production = await createTestDatabase('prod');
    await production.exec(`
      do $$ begin
        if not exists (select from pg_roles where rolname = 'lc_anon') then create role lc_anon nologin; end if;
        if not exists (select from pg_roles where rolname = 'lc_authenticated') then create role lc_authenticated nologin; end if;
      end $$;
      create schema auth;
      create table auth.users (id uuid primary key, email varchar(255), phone text unique, encrypted_password varchar(255),
        raw_user_meta_data jsonb, raw_app_meta_data jsonb);
      create table public.profiles (id uuid primary key references auth.users, full_name text, email text, avatar_url text);
      alter table public.profiles enable row level security;
      grant select on public.profiles to lc_anon, lc_authenticated;
      create policy read_own on public.profiles for select to lc_authenticated using (true);
      insert into auth.users select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'real' || g || '@people.example', '+3161234' || g,
        '$2a$10$realhash' || g, jsonb_build_object('full_name', 'Real Person ' || g, 'email', 'real' || g || '@people.example'), '{"provider":"email"}'
        from generate_series(1, 30) g;
      insert into public.profiles select id, 'Real Person', email, null from auth.users;
    `);
    const admin = new (await import('pg')).default.Client(other.url());
    await admin.connect();
    await admin.query('create database preview');
    await admin.end();
    const previewUrl = other.url('preview');
    const pg = (await import('pg')).default;
    const preview = new pg.Client(previewUrl);
    await preview.connect();
    await preview.query('create schema auth; create table auth.users (id uuid primary key, email varchar(255), phone text unique, encrypted_password varchar(255), raw_user_meta_data jsonb, raw_app_meta_data jsonb)');
    const repo = checkout({});
    writeFileSync(path.join(repo, 'pg-branch-sync.toml'), '[data]\nenabled = true\ntables = ["public.profiles", "auth.users"]\n');
    try {
      const inputs = { 'source-url': production.url, 'target-url': previewUrl, 'target-name': 'preview', comment: 'false' };
      const refused = await runAction(inputs, {}, repo);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('the target lacks 2 roles');
      expect(refused.stdout).toContain('lc_authenticated: grants on public.profiles; policy read_own on public.profiles');
      expect((await preview.query("select to_regclass('public.profiles') as t")).rows).toEqual([{ t: null }]);

      const created = await runAction({ ...inputs, 'create-roles': 'true' }, {}, repo);
      expect(created.code, created.stdout.split('\n').filter((l) => l.startsWith('::error')).join('\n')).toBe(0);
      expect(created.outputs.status).toBe('applied');
      const users = (await preview.query<{ email: string; phone: string; encrypted_password: string; meta: string }>(
        'select email, phone, encrypted_password, raw_user_meta_data::text as meta from auth.users')).rows;
      expect(users).toHaveLength(30);
      expect(users.some((u) => /real|people/.test(`${u.email} ${u.meta}`) || u.encrypted_password.startsWith('$2a'))).toBe(false);
      // profiles.full_name and .email look personal and have no mask: said in the log and in the report.
      expect(created.stdout).toMatch(/::warning::.*public\.profiles.*full_name/);
      expect(created.summary).toContain('unmasked personal-looking columns');
      expect(created.summary).toContain('public.profiles.email');
    } finally {
      await preview.end();
      await other.stop();
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
