import { describe, expect, it, onTestFinished } from 'vitest';
import type { SeedUser, SupabaseSettings, ValidateSettings } from '../../src/config/resolve.js';
import { memoryLogger } from '../../src/log/logger.js';
import { runValidation } from '../../src/validate/phase.js';
import { createTestDatabase, NO_SUPABASE, openClient, type TestDatabase } from '../helpers/db.js';

const NO_API: SupabaseSettings = NO_SUPABASE;
const client = openClient;

function settings(over: Partial<ValidateSettings> = {}): ValidateSettings {
  return { enabled: true, requiredTables: [], requiredColumns: {}, statementTimeout: '5s', api: true, assertions: [], ...over };
}

async function validate(target: TestDatabase, over: Partial<ValidateSettings>, extra: { source?: TestDatabase; supabase?: SupabaseSettings; users?: SeedUser[] } = {}) {
  const result = await runValidation(await client(target), extra.source ? await client(extra.source) : undefined, {
    settings: settings(over), supabase: extra.supabase ?? NO_API, seedUsers: extra.users ?? [],
    filter: { schemas: [], excludeSchemas: [] }, extensionVersions: true, logger: memoryLogger(),
  });
  return Object.fromEntries(result.checks.map((c) => [c.name, { status: c.status, detail: c.detail }]));
}

const APP = `
  create table public.users (user_id int primary key, email text not null, role text);
  insert into public.users values (1, 'admin@example.com', 'admin'), (2, 'b@example.com', 'member');
  create view public.admins as select * from public.users where role = 'admin';
  create schema "Sales Dept"; create table "Sales Dept"."Order Lines" ("Line No" int);`;

describe('validation', () => {
  it('finds schema drift and lists what differs; passes once equal', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(APP);
    await target.exec('create table public.users (user_id int primary key, email text not null); create table public.legacy (x int);');
    const drift = (await validate(target, {}, { source }))['Schema matches production']!;
    expect(drift.status).toBe('fail');
    expect(drift.detail).toMatch(/^\d+ difference\(s\) from production: /);
    expect(drift.detail).toContain("create schema Sales Dept");
    expect(drift.detail).toContain('drop table public.legacy');
    expect(drift.detail).toContain('create column public.users.role');
    const same = await createTestDatabase('tgt');
    await same.exec(APP);
    expect((await validate(same, {}, { source }))['Schema matches production']).toEqual({ status: 'pass', detail: 'the schema equals production' });
    expect((await validate(same, {}))['Schema matches production']).toEqual({ status: 'skip', detail: 'no source database given' });
  });

  it('checks required tables and columns in one go, quoted names included', async () => {
    const db = await createTestDatabase('tgt');
    await db.exec(APP);
    const ok = await validate(db, { requiredTables: ['public.users', 'admins', '"Sales Dept"."Order Lines"'], requiredColumns: { 'public.users': ['email', 'role'], '"Sales Dept"."Order Lines"': ['Line No'] } });
    expect(ok['Required tables']).toEqual({ status: 'pass', detail: '3 table(s) and 3 column(s) present' });
    const bad = await validate(db, { requiredTables: ['public.users', 'public.sessions'], requiredColumns: { 'public.users': ['email', 'phone', 'Role'] } });
    expect(bad['Required tables']).toEqual({ status: 'fail', detail: 'public.sessions is missing; public.users lacks column(s) "Role", phone' });
    expect((await validate(db, {}))['Required tables']).toEqual({ status: 'skip', detail: 'none configured ([validate].required_tables)' });
  });

  it('runs assertions read-only under a statement timeout, and shows the SQL and what came back when one fails', async () => {
    const db = await createTestDatabase('tgt');
    await db.exec(APP);
    const checks = await validate(db, {
      statementTimeout: '300ms',
      assertions: [
        { name: 'one admin', sql: "select count(*) = 1 from users where role = 'admin';" },
        { name: 'two users', sql: 'select count(*) from users', expect: 2 },
        { name: 'at least three', sql: 'select count(*) from users', expect: '>= 3' },
        { name: 'no nulls', sql: 'select bool_and(email is not null) from users where false' },
        { name: 'just a number', sql: 'select 7' },
        { name: 'many rows', sql: 'select user_id = 1 from users' },
        { name: 'typo', sql: 'select count(*) = 1 from userz' },
        { name: 'slow', sql: 'select pg_sleep(2) is not null' },
        { name: 'sneaky write', sql: 'delete from users returning true' },
      ],
    });
    expect(checks['one admin']).toEqual({ status: 'pass', detail: 'true' });
    expect(checks['two users']).toEqual({ status: 'pass', detail: '2 = 2' });
    expect(checks['at least three']).toEqual({ status: 'fail', detail: 'returned 2; expected >= 3\nSQL: select count(*) from users' });
    expect(checks['no nulls']!.detail).toBe('returned NULL; expected true\nSQL: select bool_and(email is not null) from users where false');
    expect(checks['just a number']!.detail).toContain('returned 7; expected true (for a number, set expect, e.g. expect = ">= 1")');
    expect(checks['many rows']!.detail).toContain('must return one row with one column (got 2 row(s) of 1 column(s))');
    expect(checks.typo!.detail).toBe('ERROR:  relation "userz" does not exist\nLINE 1: select count(*) = 1 from userz\n                                 ^\nSQL: select count(*) = 1 from userz');
    expect(checks.slow!.detail).toContain('took longer than 300ms (statement_timeout; set [validate].statement_timeout)');
    expect(checks['sneaky write']!.detail).toContain('ERROR:  cannot execute DELETE in a read-only transaction');
    expect(await db.query('select count(*)::int as n from users')).toEqual([{ n: 2 }]);
  });
});

describe('validation of the Supabase APIs', () => {
  async function fake(db: TestDatabase) {
    const { FakeSupabase } = await import('../helpers/supabase-server.js');
    const server = await new FakeSupabase({ serviceRoleKey: 'service-key-123', anonKey: 'anon-key-456', databaseUrl: db.url }).start();
    onTestFinished(() => server.stop());
    return server;
  }

  it('asks the REST API for each required table by a request that fails when the API cannot see it, and signs a seed user in', async () => {
    const db = await createTestDatabase('tgt');
    await db.exec(APP);
    const server = await fake(db);
    await db.exec('create table public.sessions (id int)'); // created after the API read its schema cache
    server.addUsers(1, () => 'admin@example.com');
    server.users[0]!.password = 'admin-pass-1';
    const api = { url: server.url, serviceRoleKey: 'service-key-123', anonKey: 'anon-key-456' };
    const users = [{ email: 'admin@example.com', password: 'admin-pass-1', metadata: undefined, appMetadata: undefined }];
    const checks = await validate(db, { requiredTables: ['public.users', 'public.sessions'] }, { supabase: api, users });
    expect(checks['REST API: public.users']).toEqual({ status: 'pass', detail: '2 row(s) through the REST API (service role key)' });
    expect(checks['REST API: public.sessions']!.status).toBe('fail');
    expect(checks['REST API: public.sessions']!.detail).toMatch(/^HTTP 404 PGRST205: Could not find the table 'public.sessions' in the schema cache: the API does not see public.sessions; reload its schema cache/);
    expect(checks['Seed users exist and are confirmed']).toEqual({ status: 'pass', detail: '1 user(s) exist, confirmed' });
    expect(checks['Seed user signs in']!.status).toBe('pass');
    await server.reloadSchema();
    expect((await validate(db, { requiredTables: ['public.sessions'] }, { supabase: api }))['REST API: public.sessions']!.status).toBe('pass');
  });

  it('fails a seed user who is missing, unconfirmed or cannot sign in, and skips what it cannot ask', async () => {
    const db = await createTestDatabase('tgt');
    await db.exec(APP);
    const server = await fake(db);
    server.addUsers(1, () => 'pending@example.com');
    server.users[0]!.email_confirmed_at = null;
    const users = [
      { email: 'pending@example.com', password: 'wrong-pass', metadata: undefined, appMetadata: undefined },
      { email: 'ghost@example.com', password: undefined, metadata: undefined, appMetadata: undefined },
    ];
    const api = { url: server.url, serviceRoleKey: 'service-key-123', anonKey: 'anon-key-456' };
    const checks = await validate(db, {}, { supabase: api, users });
    expect(checks['Seed users exist and are confirmed']).toEqual({ status: 'fail', detail: 'pending@example.com is not confirmed; ghost@example.com does not exist' });
    expect(checks['Seed user signs in']!.detail).toMatch(/^signing in as pending@example\.com failed \(HTTP 400 invalid_credentials\)/);
    expect(checks['REST API']).toEqual({ status: 'skip', detail: 'no required tables to ask it for' });
    const offline = await validate(db, { requiredTables: ['public.users'] }, { users });
    expect(offline['Supabase API']).toEqual({ status: 'skip', detail: 'no Supabase URL (input supabase-url, --supabase-url, SUPABASE_URL)' });
    const anonOnly = await validate(db, { requiredTables: ['public.users'] }, { supabase: { ...api, serviceRoleKey: undefined, anonKey: 'wrong-anon' } });
    expect(anonOnly['REST API: public.users']!.detail).toMatch(/^HTTP 401/);
  });
});
