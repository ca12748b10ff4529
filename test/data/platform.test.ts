import { describe, expect, it } from 'vitest';
import type { DataSettings } from '../../src/config/resolve.js';
import { emptyDataResult, runDataPhase } from '../../src/data/phase.js';
import { memoryLogger } from '../../src/log/logger.js';
import { dataMarkdown } from '../../src/report/phase-format.js';
import { dataSession, dataSettings } from '../helpers/data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

async function copy(source: TestDatabase, target: TestDatabase, over: Partial<DataSettings>) {
  const result = emptyDataResult();
  const logger = memoryLogger();
  const settings = dataSettings({ maskSalt: 'pepper', ...over });
  await runDataPhase(await dataSession(source, 'source'), await dataSession(target, 'target'), { settings, lockTimeout: '5s', logger }, result);
  return { result, logger };
}

// auth.users, auth.identities and auth.sessions with the columns, types, defaults and indexes of hosted Supabase
// (supabase/auth migrations up to 2026), and the canonical profiles table referencing auth.users.
const AUTH = `
  create schema auth;
  create table auth.users (
    instance_id uuid, id uuid not null primary key, aud varchar(255), role varchar(255), email varchar(255),
    encrypted_password varchar(255), email_confirmed_at timestamptz, invited_at timestamptz,
    confirmation_token varchar(255), confirmation_sent_at timestamptz, recovery_token varchar(255), recovery_sent_at timestamptz,
    email_change_token_new varchar(255), email_change varchar(255), email_change_sent_at timestamptz, last_sign_in_at timestamptz,
    raw_app_meta_data jsonb, raw_user_meta_data jsonb, is_super_admin boolean, created_at timestamptz, updated_at timestamptz,
    phone text default null::character varying unique, phone_confirmed_at timestamptz, phone_change text default ''::character varying,
    phone_change_token varchar(255) default ''::character varying, phone_change_sent_at timestamptz,
    confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
    email_change_token_current varchar(255) default ''::character varying,
    email_change_confirm_status smallint default 0 check (email_change_confirm_status >= 0 and email_change_confirm_status <= 2),
    banned_until timestamptz, reauthentication_token varchar(255) default ''::character varying, reauthentication_sent_at timestamptz,
    is_sso_user boolean not null default false, deleted_at timestamptz, is_anonymous boolean not null default false);
  create unique index users_email_partial_key on auth.users (email) where (is_sso_user = false);
  create unique index confirmation_token_idx on auth.users (confirmation_token) where ((confirmation_token)::text !~ '^[0-9 ]*$');
  create unique index recovery_token_idx on auth.users (recovery_token) where ((recovery_token)::text !~ '^[0-9 ]*$');
  create unique index email_change_token_new_idx on auth.users (email_change_token_new) where ((email_change_token_new)::text !~ '^[0-9 ]*$');
  create unique index email_change_token_current_idx on auth.users (email_change_token_current) where ((email_change_token_current)::text !~ '^[0-9 ]*$');
  create unique index reauthentication_token_idx on auth.users (reauthentication_token) where ((reauthentication_token)::text !~ '^[0-9 ]*$');
  create table auth.identities (
    provider_id text not null, user_id uuid not null references auth.users on delete cascade, identity_data jsonb not null,
    provider text not null, last_sign_in_at timestamptz, created_at timestamptz, updated_at timestamptz,
    email text generated always as (lower(identity_data ->> 'email')) stored,
    id uuid not null default gen_random_uuid() primary key, unique (provider_id, provider));
  create table auth.sessions (
    id uuid not null primary key, user_id uuid not null references auth.users on delete cascade, created_at timestamptz,
    updated_at timestamptz, user_agent text, ip inet, tag text, refresh_token_hmac_key text);
  create table public.profiles (
    id uuid not null primary key references auth.users on delete cascade, email text, full_name text, avatar_url text, updated_at timestamptz);`;

const ADA = '00000000-0000-4000-8000-000000000001';
const BOB = '00000000-0000-4000-8000-000000000002';
const ROWS = `
  insert into auth.users (id, aud, role, email, encrypted_password, confirmation_token, recovery_token, email_change_token_new, email_change,
      raw_app_meta_data, raw_user_meta_data, phone, phone_change, phone_change_token, email_change_token_current, reauthentication_token) values
    ('${ADA}', 'authenticated', 'authenticated', 'ada@real.example', '$2a$10$adaRealBcryptHashxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
     'c0nfirm-ada', '', 'new-token-ada', 'ada.new@real.example',
     '{"provider": "email", "providers": ["email", "google"], "role": "admin"}',
     '{"sub": "${ADA}", "email": "ada@real.example", "full_name": "Ada Real", "avatar_url": "https://real.example/ada.png", "email_verified": true, "phone_verified": false}',
     '447700900001', '', '', 'current-token-ada', '123456'),
    ('${BOB}', 'authenticated', 'authenticated', 'bob@real.example', '$2a$10$bobRealBcryptHashxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
     '', 'r3cover-bob', '', '', '{"provider": "email", "providers": ["email"]}', null, '447700900002', '447700900099', '778899', '', '');
  insert into auth.identities (provider_id, user_id, identity_data, provider) values
    ('${ADA}', '${ADA}', '{"sub": "${ADA}", "email": "ada@real.example", "email_verified": true, "phone_verified": false}', 'email'),
    ('1098765', '${ADA}', '{"sub": "1098765", "iss": "https://accounts.google.com", "name": "Ada Real", "email": "ada@real.example",
      "picture": "https://real.example/ada.jpg", "full_name": "Ada Real", "provider_id": "1098765", "email_verified": true}', 'google'),
    ('${BOB}', '${BOB}', '{"sub": "${BOB}", "email": "bob@real.example", "email_verified": false, "phone_verified": false}', 'email');
  insert into auth.sessions (id, user_id, user_agent, ip, tag, refresh_token_hmac_key) values
    ('00000000-0000-4000-8000-0000000000aa', '${ADA}', 'Mozilla/5.0 (Ada''s laptop)', '203.0.113.7', 'web', 'hmac-secret-ada');
  insert into public.profiles (id, email, full_name, avatar_url) values
    ('${ADA}', 'ada@real.example', 'Ada Real', 'https://real.example/ada.png'), ('${BOB}', 'bob@real.example', 'Bob Real', null);`;

const TABLES = ['auth.users', 'auth.identities', 'auth.sessions', 'public.profiles'];
const FAKE_EMAIL = /^user_[0-9a-f]{32}@example\.com$/;

async function platform(): Promise<{ source: TestDatabase; target: TestDatabase }> {
  const [source, target] = await Promise.all([createTestDatabase('src'), createTestDatabase('tgt')]);
  await source.exec(AUTH + ROWS);
  await target.exec(AUTH);
  return { source, target };
}

describe('built-in masks for platform tables', () => {
  it('masks auth.users, identities and sessions with no config, and warns of the personal columns left unmasked', async () => {
    const { source, target } = await platform();
    const { result, logger } = await copy(source, target, { tables: TABLES });
    expect(result.tables.every((t) => t.status === 'equal')).toBe(true);

    const users = await target.query<Record<string, unknown>>('select * from auth.users order by id');
    const [ada, bob] = users as [Record<string, unknown>, Record<string, unknown>];
    expect(ada.email).toMatch(FAKE_EMAIL);
    expect(bob.email).toMatch(FAKE_EMAIL);
    expect(ada.email_change).toMatch(FAKE_EMAIL);
    expect(bob.email_change).toBe(''); // '' means "no change pending" and stays ''
    expect(ada.phone).toMatch(/^1555\d{15}$/);
    expect(bob.phone).toMatch(/^1555\d{15}$/);
    expect(ada.phone_change).toBe('');
    expect(bob.phone_change).toMatch(/^1555\d{15}$/);
    for (const u of users) {
      for (const secret of ['encrypted_password', 'confirmation_token', 'recovery_token', 'email_change_token_new', 'email_change_token_current', 'phone_change_token', 'reauthentication_token']) {
        expect([secret, u[secret]]).toEqual([secret, '']);
      }
    }
    expect(ada.raw_user_meta_data).toEqual({ sub: ADA, email: ada.email, email_verified: true, phone_verified: false });
    expect(bob.raw_user_meta_data).toBeNull();
    expect(ada.raw_app_meta_data).toEqual({ provider: 'email', providers: ['email', 'google'] });
    expect([ada.aud, ada.role]).toEqual(['authenticated', 'authenticated']);

    // identities.email is generated from the masked identity_data: it matches the masked users.email.
    const identities = await target.query<{ provider: string; email: string; identity_data: Record<string, unknown> }>(
      'select provider, email, identity_data from auth.identities order by user_id, provider');
    expect(identities.map((i) => [i.provider, i.email])).toEqual([['email', ada.email], ['google', ada.email], ['email', bob.email]]);
    expect(identities[1]!.identity_data).toEqual({ sub: '1098765', iss: 'https://accounts.google.com', provider_id: '1098765', email: ada.email, email_verified: true });
    expect(await target.query('select user_agent, ip, tag, refresh_token_hmac_key from auth.sessions')).toEqual([
      { user_agent: null, ip: null, tag: 'web', refresh_token_hmac_key: null },
    ]);
    const auth = JSON.stringify([users, identities, await target.query('select * from auth.sessions')]);
    for (const real of ['real.example', 'Ada Real', '4477009', 'Bcrypt', 'c0nfirm', 'token-ada', 'r3cover', '123456', '778899', 'hmac-secret', '203.0.113', 'Mozilla', '"admin"']) {
      expect([real, auth.includes(real)]).toEqual([real, false]);
    }
    expect(result.tables.find((t) => t.table === 'auth.users')!.masked).toEqual([
      'email', 'encrypted_password', 'confirmation_token', 'recovery_token', 'email_change_token_new', 'email_change', 'raw_app_meta_data',
      'raw_user_meta_data', 'phone', 'phone_change', 'phone_change_token', 'email_change_token_current', 'reauthentication_token',
    ]);

    // The profiles table has no masks: its personal columns are copied as they are, and said so.
    expect(await target.query('select email, full_name from public.profiles order by id')).toEqual([
      { email: 'ada@real.example', full_name: 'Ada Real' }, { email: 'bob@real.example', full_name: 'Bob Real' },
    ]);
    expect(result.unmasked).toEqual(['public.profiles.email', 'public.profiles.full_name']);
    expect(logger.lines).toContain(
      'warning: public.profiles: copied unmasked, though they look personal: email (an email), full_name (a name). ' +
        'Mask them in [data.mask."public.profiles"], or list them in [data] allow_unmasked to copy them as they are.',
    );
    const report = dataMarkdown(result, 'preview');
    expect(report).toContain('⚠️ unmasked personal-looking columns: `public.profiles.email`, `public.profiles.full_name` (mask them in \\[data.mask\\], or list them in \\[data\\] allow_unmasked).');
    expect(report).toContain('`auth.users` (email, encrypted_password,');

    // Same salt, same fakes: a second run gives the same rows, and unique indexes still hold.
    await copy(source, target, { tables: TABLES });
    expect(await target.query('select * from auth.users order by id')).toEqual(users);
  });

  it('lets a rule in [data.mask] win per column, and allow_unmasked turn a built-in off or silence a warning', async () => {
    const { source, target } = await platform();
    const { result, logger } = await copy(source, target, {
      tables: TABLES,
      mask: { 'auth.users': { phone: 'null', email: 'hash' }, 'public.profiles': { email: 'email' } },
      allowUnmasked: ['auth.users.raw_app_meta_data', 'public.profiles.full_name', 'public.profile.email'],
    });
    const users = await target.query<{ email: string; phone: string | null; raw_app_meta_data: unknown; encrypted_password: string }>(
      'select email, phone, raw_app_meta_data, encrypted_password from auth.users order by id');
    expect(users[0]!.email).toMatch(/^[0-9a-f]{64}$/);
    expect(users.map((u) => u.phone)).toEqual([null, null]);
    expect(users[0]!.raw_app_meta_data).toEqual({ provider: 'email', providers: ['email', 'google'], role: 'admin' });
    expect(users[0]!.encrypted_password).toBe('');
    expect(await target.query('select full_name from public.profiles order by id')).toEqual([{ full_name: 'Ada Real' }, { full_name: 'Bob Real' }]);
    expect(result.unmasked).toEqual([]);
    expect(logger.lines.filter((l) => l.includes('look personal'))).toEqual([]);
    expect(logger.lines).toContain('warning: [data] allow_unmasked entry "public.profile.email" names no copied column (did you mean "public.profiles.email"?)');
    expect(dataMarkdown(result, 'preview')).not.toContain('⚠️');
  });

  it('skips built-in rules for columns an older auth.users lacks; a rule of the config for one is still an error', async () => {
    const [source, target] = await Promise.all([createTestDatabase('src'), createTestDatabase('tgt')]);
    const old = `create schema auth; create table auth.users (id uuid primary key, email varchar(255), encrypted_password varchar(255),
      raw_user_meta_data jsonb, confirmation_token varchar(255));`;
    await source.exec(`${old} insert into auth.users values ('${ADA}', 'ada@real.example', 'secret-hash', '{"name": "Ada"}', 'tok');`);
    await target.exec(old);
    const { result } = await copy(source, target, { tables: ['auth.users'] });
    expect(result.tables[0]!.masked).toEqual(['email', 'encrypted_password', 'raw_user_meta_data', 'confirmation_token']);
    expect(await target.query('select encrypted_password, raw_user_meta_data, confirmation_token from auth.users')).toEqual([
      { encrypted_password: '', raw_user_meta_data: {}, confirmation_token: '' },
    ]);
    await expect(copy(source, target, { tables: ['auth.users'], mask: { 'auth.users': { phone: 'phone' } } })).rejects.toThrow(
      '[data.mask."auth.users"].phone: table auth.users has no column "phone"',
    );
  });
});

describe('masks on domains and citext', () => {
  const DOMAINS = `
    create extension citext;
    create domain public.email_address as public.citext check (value ~ '^[^@[:space:]]+@[^@[:space:]]+$');
    create domain public.short_text as varchar(40);
    create table public.members (id int primary key, email public.email_address not null unique, backup public.short_text);`;

  it('masks a domain over citext, keeping its type; refuses a rule longer than the base type holds', async () => {
    const [source, target] = await Promise.all([createTestDatabase('src'), createTestDatabase('tgt')]);
    await source.exec(`${DOMAINS} insert into members values (1, 'Ada@Real.example', 'a@b.c'), (2, 'bob@real.example', null);`);
    await target.exec(DOMAINS);
    const { result } = await copy(source, target, { tables: ['public.members'], mask: { 'public.members': { email: 'email', backup: 'name' } } });
    expect(result.tables[0]!.status).toBe('equal');
    const rows = await target.query<{ email: string; t: string }>('select email, pg_typeof(email)::text as t from members order by id');
    for (const r of rows) expect(r.email).toMatch(FAKE_EMAIL);
    expect(rows[0]!.t).toBe('email_address');
    // citext compares case-insensitively, as the domain did in production.
    expect(await target.query('select count(*)::int as n from members where email = upper(email)::public.citext')).toEqual([{ n: 2 }]);
    expect(result.unmasked).toEqual([]);
    await expect(copy(source, target, { tables: ['public.members'], mask: { 'public.members': { backup: 'email' } } })).rejects.toThrow(
      '[data.mask."public.members"].backup: the email mask yields up to 49 characters, but column "backup" of public.members is ' +
        'public.short_text (a domain over character varying(40)) (at most 40)',
    );
  });

  it('names the rule, the column and the check when a domain rejects the masked values, and writes nothing', async () => {
    const [source, target] = await Promise.all([createTestDatabase('src'), createTestDatabase('tgt')]);
    const schema = `create extension citext;
      create domain public.work_email as public.citext constraint work_email_check check (value ~~* '%@corp.example');
      create table public.staff (id int primary key, email public.work_email);`;
    await source.exec(`${schema} insert into staff values (1, 'ada@corp.example'), (2, null);`);
    await target.exec(`${schema} insert into staff values (9, 'old@corp.example');`);
    await expect(copy(source, target, { tables: ['public.staff'], mask: { 'public.staff': { email: 'email' } } })).rejects.toThrow(
      /^\[data\.mask\."public\.staff"\]\.email: the masked values of column "email" of public\.staff fail the check work_email_check of domain public\.work_email, CHECK \(.*corp\.example.*\)\. Give the column a rule whose values pass it in \[data\.mask\."public\.staff"\] \(fixed:<value>, sql:<expression>\), or loosen the domain\. Nothing was written\.$/,
    );
    expect(await target.query('select * from staff')).toEqual([{ id: 9, email: 'old@corp.example' }]);
    // A rule whose values pass the check works.
    await copy(source, target, { tables: ['public.staff'], mask: { 'public.staff': { email: "sql:'user' || id || '@corp.example'" } } });
    expect(await target.query('select * from staff order by id')).toEqual([{ id: 1, email: 'user1@corp.example' }, { id: 2, email: 'user2@corp.example' }]);
  });
});
