import { AuthApiError, AuthClient, AuthRetryableFetchError, AuthWeakPasswordError, GoTrueAdminApi } from '@supabase/auth-js';
import { PostgrestClient } from '@supabase/postgrest-js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTestDatabase } from './db.js';
import { FakeSupabase, type FakeSupabaseOptions } from './supabase-server.js';

const SERVICE = 'service-role-key-for-tests';
const ANON = 'anon-key-for-tests';

async function fake(options: Partial<FakeSupabaseOptions> = {}): Promise<FakeSupabase> {
  const server = await new FakeSupabase({ serviceRoleKey: SERVICE, anonKey: ANON, ...options }).start();
  onTestFinished(() => server.stop());
  return server;
}

const keyHeaders = (key: string) => ({ apikey: key, Authorization: `Bearer ${key}` });
const admin = (server: FakeSupabase, key = SERVICE) => new GoTrueAdminApi({ url: `${server.url}/auth/v1`, headers: keyHeaders(key) });
const authClient = (server: FakeSupabase, key = ANON) =>
  new AuthClient({ url: `${server.url}/auth/v1`, headers: keyHeaders(key), persistSession: false, autoRefreshToken: false, detectSessionInUrl: false });
/** One page of listUsers, failing the test on an error (which also narrows the type to the paginated shape). */
async function listPage(server: FakeSupabase, params?: { page?: number; perPage?: number }) {
  const result = await admin(server).listUsers(params);
  if (result.error) throw result.error;
  return result.data;
}
const rest = (server: FakeSupabase, key = SERVICE) => new PostgrestClient(`${server.url}/rest/v1`, { headers: keyHeaders(key) });

describe('FakeSupabase Auth (GoTrue) through auth-js', () => {
  it('lists users newest first, page by page, with X-Total-Count and a Link header like GoTrue', async () => {
    const server = await fake();
    const { data: created } = await admin(server).createUser({ email: 'ours@example.com', password: 'secret-1', email_confirm: true });
    // 120 users who signed up after ours: GoTrue lists newest first, so ours is on page 3.
    server.addUsers(120);

    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const data = await listPage(server, { page, perPage: 50 });
      expect(data.users).toHaveLength(page < 3 ? 50 : 21);
      expect(data.total).toBe(121);
      expect(data.lastPage).toBe(3);
      expect(data.nextPage).toBe(page < 3 ? page + 1 : null);
      seen.push(...data.users.map((u) => u.email!));
    }
    expect(new Set(seen).size).toBe(121);
    expect(seen[0]).toBe('existing-user-119@example.com');
    expect(seen.at(-1)).toBe('ours@example.com');
    expect(seen.indexOf(created.user!.email!)).toBe(120);
    expect(server.requests).toContain('GET /auth/v1/admin/users?page=2&per_page=50');

    const res = await fetch(`${server.url}/auth/v1/admin/users?page=1&per_page=50`, { headers: keyHeaders(SERVICE) });
    expect(res.headers.get('x-total-count')).toBe('121');
    expect(res.headers.get('link')).toBe('</admin/users?page=2&per_page=50>; rel="next", </admin/users?page=3&per_page=50>; rel="last"');
    expect(await res.json()).toMatchObject({ aud: 'authenticated', users: expect.any(Array) });

    // listUsers() without arguments sends empty page and per_page: GoTrue's defaults (1, 50) apply and the Link keeps them empty.
    const first = await listPage(server);
    expect(first.users).toHaveLength(50);
    expect(server.requests.at(-1)).toBe('GET /auth/v1/admin/users?page=&per_page=');
    const defaults = await fetch(`${server.url}/auth/v1/admin/users?page=&per_page=`, { headers: keyHeaders(SERVICE) });
    expect(defaults.headers.get('link')).toBe('</admin/users?page=2&per_page=>; rel="next", </admin/users?page=3&per_page=>; rel="last"');

    // Past the end: no users, no "next", "last" still there.
    const beyond = await listPage(server, { page: 9, perPage: 50 });
    expect(beyond.users).toEqual([]);
    expect(beyond.nextPage).toBeNull();
    expect(beyond.lastPage).toBe(3);
  });

  it('shows auth-js misreading page numbers of two digits in the Link header (so nextPage must not be relied on)', async () => {
    const server = await fake();
    server.addUsers(120);
    const res = await fetch(`${server.url}/auth/v1/admin/users?page=9&per_page=10`, { headers: keyHeaders(SERVICE) });
    expect(res.headers.get('link')).toBe('</admin/users?page=10&per_page=10>; rel="next", </admin/users?page=12&per_page=10>; rel="last"');

    // auth-js parses `link.split('=')[1].substring(0, 1)`: only the first digit of the page number.
    const ninth = await listPage(server, { page: 9, perPage: 10 });
    expect(ninth.users).toHaveLength(10);
    expect(ninth.nextPage).toBe(1); // really 10
    expect(ninth.lastPage).toBe(1); // really 12
    expect(ninth.total).toBe(120); // X-Total-Count is read right
  });

  it('creates a user, and answers 422 email_exists for the same email in any case', async () => {
    const server = await fake();
    const { data, error } = await admin(server).createUser({
      email: 'Alice@Example.com', password: 'alice-pass', email_confirm: true,
      user_metadata: { name: 'Alice' }, app_metadata: { tenant: 'acme' },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      email: 'alice@example.com', aud: 'authenticated', role: 'authenticated',
      user_metadata: { name: 'Alice', email_verified: true },
      app_metadata: { provider: 'email', providers: ['email'], tenant: 'acme' },
    });
    expect(data.user!.email_confirmed_at).toEqual(expect.any(String));
    expect(server.users).toHaveLength(1);
    expect(server.users[0]).toMatchObject({ id: data.user!.id, email: 'alice@example.com', password: 'alice-pass' });

    const again = await admin(server).createUser({ email: 'ALICE@example.com', password: 'x-pass-2', email_confirm: true });
    expect(again.data.user).toBeNull();
    expect(again.error).toBeInstanceOf(AuthApiError);
    expect(again.error).toMatchObject({ status: 422, code: 'email_exists', message: 'A user with this email address has already been registered' });
    expect(server.users).toHaveLength(1);

    // The body's shape follows X-Supabase-Api-Version, which auth-js always sends.
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/auth/v1/admin/users`, { method: 'POST', headers: { ...keyHeaders(SERVICE), 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email: 'alice@example.com' }) });
    const legacy = await post({});
    expect(legacy.status).toBe(422);
    expect(await legacy.json()).toEqual({ code: 422, error_code: 'email_exists', msg: 'A user with this email address has already been registered' });
    const dated = await post({ 'X-Supabase-Api-Version': '2024-01-01' });
    expect(dated.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await dated.json()).toEqual({ code: 'email_exists', message: 'A user with this email address has already been registered' });
  });

  it('updates a user: password, confirmation, and metadata merged key by key like GoTrue', async () => {
    const server = await fake();
    const { data } = await admin(server).createUser({ email: 'bob@example.com', password: 'bob-pass-1', user_metadata: { a: 1, b: 2 } });
    const id = data.user!.id;
    expect(data.user!.email_confirmed_at).toBeUndefined();

    const updated = await admin(server).updateUserById(id, {
      password: 'bob-pass-2', email_confirm: true, user_metadata: { b: 3, a: null, c: 4 }, app_metadata: { plan: 'pro' },
    });
    expect(updated.error).toBeNull();
    expect(updated.data.user!.user_metadata).toEqual({ b: 3, c: 4, email_verified: true });
    expect(updated.data.user!.app_metadata).toEqual({ provider: 'email', providers: ['email'], plan: 'pro' });
    expect(updated.data.user!.email_confirmed_at).toEqual(expect.any(String));
    expect(server.users[0]).toMatchObject({ password: 'bob-pass-2', user_metadata: { b: 3, c: 4, email_verified: true } });

    const missing = await admin(server).updateUserById('00000000-0000-4000-8000-000000000000', { password: 'whatever-1' });
    expect(missing.error).toBeInstanceOf(AuthApiError);
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' });

    const weak = await admin(server).updateUserById(id, { password: '123' });
    expect(weak.error).toBeInstanceOf(AuthWeakPasswordError);
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
  });

  it('signs in with the anon key, and refuses a wrong password, an unknown email and an unconfirmed email', async () => {
    const server = await fake();
    const { data } = await admin(server).createUser({ email: 'carol@example.com', password: 'carol-pass', email_confirm: true });
    await admin(server).createUser({ email: 'dave@example.com', password: 'dave-pass' });

    const ok = await authClient(server).signInWithPassword({ email: 'Carol@example.com', password: 'carol-pass' });
    expect(ok.error).toBeNull();
    expect(ok.data.user!.id).toBe(data.user!.id);
    expect(ok.data.session).toMatchObject({ token_type: 'bearer', expires_in: 3600, refresh_token: expect.any(String) });
    const parts = ok.data.session!.access_token.split('.');
    expect(parts).toHaveLength(3);
    expect(JSON.parse(Buffer.from(parts[1]!, 'base64url').toString())).toMatchObject({ sub: data.user!.id, email: 'carol@example.com', role: 'authenticated' });
    expect(ok.data.user!.last_sign_in_at).toEqual(expect.any(String));
    expect(server.requests).toContain('POST /auth/v1/token?grant_type=password');

    for (const [email, password, code, message] of [
      ['carol@example.com', 'wrong-pass', 'invalid_credentials', 'Invalid login credentials'],
      ['nobody@example.com', 'carol-pass', 'invalid_credentials', 'Invalid login credentials'],
      ['dave@example.com', 'dave-pass', 'email_not_confirmed', 'Email not confirmed'],
      // GoTrue checks the password before the confirmation.
      ['dave@example.com', 'wrong-pass', 'invalid_credentials', 'Invalid login credentials'],
    ] as const) {
      const { data: refused, error } = await authClient(server).signInWithPassword({ email, password });
      expect(refused.session).toBeNull();
      expect(error).toBeInstanceOf(AuthApiError);
      expect(error).toMatchObject({ status: 400, code, message });
    }
  });

  it('refuses keys like the API gateway and GoTrue do', async () => {
    const server = await fake();

    // Gateway: the apikey is not a key of this project.
    const wrong = await admin(server, 'not-a-key').listUsers();
    expect(wrong.error).toBeInstanceOf(AuthApiError);
    expect(wrong.error).toMatchObject({ status: 401, code: undefined, message: 'Invalid API key' });

    // GoTrue: the anon key is a valid key but not an admin.
    const anon = await admin(server, ANON).listUsers();
    expect(anon.error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' });

    // GoTrue: no bearer token at all, or one this project did not issue.
    const noBearer = await new GoTrueAdminApi({ url: `${server.url}/auth/v1`, headers: { apikey: SERVICE } }).listUsers();
    expect(noBearer.error).toMatchObject({ status: 401, code: 'no_authorization', message: 'This endpoint requires a valid Bearer token' });
    const badJwt = await new GoTrueAdminApi({ url: `${server.url}/auth/v1`, headers: { apikey: SERVICE, Authorization: 'Bearer a.b.c' } }).createUser({ email: 'x@example.com' });
    expect(badJwt.error).toMatchObject({ status: 403, code: 'bad_jwt' });
    expect(server.users).toEqual([]);

    // A signed-in user's access token is no admin either.
    await admin(server).createUser({ email: 'erin@example.com', password: 'erin-pass', email_confirm: true });
    const { data } = await authClient(server).signInWithPassword({ email: 'erin@example.com', password: 'erin-pass' });
    const asUser = await new GoTrueAdminApi({ url: `${server.url}/auth/v1`, headers: { apikey: ANON, Authorization: `Bearer ${data.session!.access_token}` } }).listUsers();
    expect(asUser.error).toMatchObject({ status: 403, code: 'not_admin' });

    const unknown = await fetch(`${server.url}/storage/v1/bucket`, { headers: keyHeaders(SERVICE) });
    expect(unknown.status).toBe(404);
  });

  it('injects failures for the next N matching requests', async () => {
    const server = await fake();
    server.fail('GET /auth/v1/admin/users', 500, { code: 500, error_code: 'unexpected_failure', msg: 'Database error finding users' }, 2);
    for (let i = 0; i < 2; i++) {
      const { error } = await admin(server).listUsers({ page: 1, perPage: 50 });
      // auth-js turns any 5xx into a retryable fetch error carrying the status.
      expect(error).toBeInstanceOf(AuthRetryableFetchError);
      expect(error).toMatchObject({ status: 500, message: 'Database error finding users' });
    }
    expect((await admin(server).listUsers({ page: 1, perPage: 50 })).error).toBeNull();

    // Prefixes match "METHOD /path" without the query; other requests are untouched.
    server.fail('POST /auth/v1/admin', 502, 'Bad Gateway');
    expect((await admin(server).listUsers()).error).toBeNull();
    const { error } = await admin(server).createUser({ email: 'frank@example.com' });
    expect(error).toBeInstanceOf(AuthRetryableFetchError);
    expect(error).toMatchObject({ status: 502 });
    expect(server.users).toEqual([]);
  });
});

describe('FakeSupabase REST (PostgREST) through postgrest-js', () => {
  async function withTable() {
    const db = await createTestDatabase('supa');
    await db.exec(`
      create table invoices (id int primary key, total numeric not null);
      insert into invoices select g, g * 10 from generate_series(1, 37) g;
      create view big_invoices as select * from invoices where total > 300;
      create schema private;
      create table private.secrets (id int);
    `);
    return db;
  }

  it('counts rows of a real table with count=exact, for GET and HEAD', async () => {
    const db = await withTable();
    const server = await fake({ databaseUrl: db.url });

    const counted = await rest(server).from('invoices').select('*', { count: 'exact' }).limit(0);
    expect(counted).toMatchObject({ error: null, count: 37, data: [], status: 206 });
    expect(server.requests).toContain('GET /rest/v1/invoices?select=*&limit=0');

    const head = await rest(server, ANON).from('big_invoices').select('*', { count: 'exact', head: true });
    expect(head).toMatchObject({ error: null, count: 7, data: null, status: 200 });

    const rows = await rest(server).from('invoices').select('id').limit(3);
    expect(rows).toMatchObject({ error: null, count: null, data: [{ id: 1 }, { id: 2 }, { id: 3 }] });

    const res = await fetch(`${server.url}/rest/v1/invoices?select=id,amount:total&limit=2&offset=5`, { headers: { ...keyHeaders(SERVICE), Prefer: 'count=exact' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('5-6/37');
    expect(await res.json()).toEqual([{ id: 6, amount: 60 }, { id: 7, amount: 70 }]);
    const empty = await fetch(`${server.url}/rest/v1/invoices?limit=0`, { headers: { ...keyHeaders(SERVICE), Prefer: 'count=exact' } });
    expect(empty.headers.get('content-range')).toBe('*/37');
    const all = await fetch(`${server.url}/rest/v1/invoices?select=id`, { headers: keyHeaders(SERVICE) });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-range')).toBe('0-36/*');
  });

  it('answers 404 PGRST205 for a table not in the schema cache, with a hint like PostgREST', async () => {
    const db = await withTable();
    const server = await fake({ databaseUrl: db.url });
    const near = await rest(server).from('invoice').select('*', { count: 'exact' }).limit(0);
    expect(near.status).toBe(404);
    expect(near.count).toBeNull();
    expect(near.error).toEqual({
      code: 'PGRST205', details: null, hint: "Perhaps you meant the table 'public.invoices'",
      message: "Could not find the table 'public.invoice' in the schema cache",
    });
    const far = await rest(server).from('zzz').select('*');
    expect(far.error).toMatchObject({ code: 'PGRST205', hint: null });
  });

  it('reproduces the HEAD quirk: a missing table answers 404 with an empty body, which postgrest-js reports as success', async () => {
    const db = await withTable();
    const server = await fake({ databaseUrl: db.url });
    const raw = await fetch(`${server.url}/rest/v1/nope?select=*`, { method: 'HEAD', headers: { ...keyHeaders(SERVICE), Prefer: 'count=exact' } });
    expect(raw.status).toBe(404);
    expect(await raw.text()).toBe('');

    // No error, no count: a `head: true` count cannot tell a missing table from a present one.
    const quirk = await rest(server).from('nope').select('*', { count: 'exact', head: true });
    expect(quirk).toMatchObject({ error: null, data: null, count: null, status: 204 });
  });

  it('does not see a table created after start until reloadSchema(), like PostgREST', async () => {
    const db = await withTable();
    const server = await fake({ databaseUrl: db.url });
    await db.exec('create table late (id int); insert into late values (1), (2)');
    const before = await rest(server).from('late').select('*', { count: 'exact' }).limit(0);
    expect(before.error).toMatchObject({ code: 'PGRST205' });

    await server.reloadSchema();
    const after = await rest(server).from('late').select('*', { count: 'exact' }).limit(0);
    expect(after).toMatchObject({ error: null, count: 2 });

    // A table dropped but still cached fails in the database: 42P01 through PostgREST.
    await db.exec('drop table late');
    const dropped = await rest(server).from('late').select('*');
    expect(dropped.status).toBe(404);
    expect(dropped.error).toMatchObject({ code: '42P01' });
  });

  it('answers 406 PGRST106 for a schema that is not exposed', async () => {
    const db = await withTable();
    const server = await fake({ databaseUrl: db.url });
    const hidden = await rest(server).schema('private').from('secrets').select('*');
    expect(hidden.status).toBe(406);
    expect(hidden.error).toEqual({ code: 'PGRST106', details: null, hint: 'Only the following schemas are exposed: public', message: 'Invalid schema: private' });
    expect(server.requests.at(-1)).toBe('GET /rest/v1/secrets?select=*');

    const exposing = await fake({ databaseUrl: db.url, exposedSchemas: ['public', 'private'] });
    const shown = await rest(exposing).schema('private').from('secrets').select('*', { count: 'exact' });
    expect(shown).toMatchObject({ error: null, data: [], count: 0 });
  });

  it('refuses a wrong apikey at the gateway and a bearer token it did not issue', async () => {
    const db = await withTable();
    const server = await fake({ databaseUrl: db.url });
    const wrong = await rest(server, 'not-a-key').from('invoices').select('*', { count: 'exact' }).limit(0);
    expect(wrong.status).toBe(401);
    expect(wrong.error).toMatchObject({ message: 'Invalid API key' });

    const forged = await new PostgrestClient(`${server.url}/rest/v1`, { headers: { apikey: ANON, Authorization: 'Bearer x.y.z' } }).from('invoices').select('*');
    expect(forged.status).toBe(401);
    expect(forged.error).toMatchObject({ code: 'PGRST301' });

    server.fail('GET /rest/v1/invoices', 500, { code: 'XX000', details: null, hint: null, message: 'boom' });
    const failed = await rest(server).from('invoices').select('*').limit(1);
    expect(failed).toMatchObject({ status: 500, error: { code: 'XX000', message: 'boom' } });
    expect((await rest(server).from('invoices').select('*').limit(1)).error).toBeNull();
  });
});
