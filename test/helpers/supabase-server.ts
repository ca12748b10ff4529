import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

export interface FakeUser {
  id: string;
  email: string;
  password: string;
  email_confirmed_at: string | null;
  user_metadata: Record<string, unknown>;
  app_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface FakeSupabaseOptions {
  serviceRoleKey: string;
  anonKey: string;
  /** The database the REST API serves; without one its schema cache is empty. */
  databaseUrl?: string;
  /** PostgREST's `db-schemas`; the first is the default profile. */
  exposedSchemas?: string[];
  /** PostgREST's `db-max-rows` (Supabase sets 1000). */
  maxRows?: number;
  /** Reload the schema cache on `NOTIFY pgrst, 'reload schema'`, as PostgREST does (default true). */
  listen?: boolean;
}

type Json = Record<string, unknown>;
type Role = 'service_role' | 'anon' | 'authenticated';

interface Failure {
  prefix: string;
  status: number;
  body: unknown;
  remaining: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Json = {},
  ) {
    super(message);
  }
}

const API_VERSION = '2024-01-01';
const ADMIN_PATH = '/auth/v1/admin/users';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** GoTrue's bearerRegexp. */
const BEARER = /^(?:B|b)earer (\S+)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/**
 * A local stand-in for the Supabase HTTP APIs the tool calls, answering with
 * the status codes and bodies the real services send (checked against the
 * sources of supabase/auth and PostgREST and against what auth-js and
 * postgrest-js parse):
 *
 * - the API gateway: every /auth/v1 and /rest/v1 request needs `apikey` set to
 *   the anon or service role key, else 401 `{"message":"Invalid API key",...}`;
 * - Auth (GoTrue) under /auth/v1: list users (newest first, `X-Total-Count`,
 *   `Link`), create, update, password sign-in. Errors come in the shape the
 *   request asks for: `{"code":"email_exists","message":...}` plus the
 *   `X-Supabase-Api-Version` header when the request sends
 *   `X-Supabase-Api-Version: 2024-01-01` (auth-js always does), else the
 *   legacy `{"code":422,"error_code":"email_exists","msg":...}`;
 * - REST (PostgREST) under /rest/v1: GET and HEAD of a table or view, served
 *   from the real database, with a schema cache read at start() and on
 *   reloadSchema() only, like PostgREST's.
 */
export class FakeSupabase {
  readonly users: FakeUser[] = [];
  readonly requests: string[] = [];
  /** Called with "METHOD /path" before each request is handled: lets a test act in between, as another client would. */
  beforeRequest: ((request: string) => void) | undefined;
  url = '';
  private readonly options: Required<Omit<FakeSupabaseOptions, 'databaseUrl'>> & { databaseUrl?: string };
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly failures: Failure[] = [];
  private readonly lastSignIn = new Map<string, string>();
  private readonly jwtSecret = randomBytes(32);
  /** schema -> tables and views PostgREST can see. */
  private schemaCache = new Map<string, Set<string>>();
  private pool: pg.Pool | undefined;
  private listener: pg.Client | undefined;
  private reloading: Promise<void> | undefined;
  private lastStamp = 0;
  private addedSoFar = 0;

  constructor(options: FakeSupabaseOptions) {
    this.options = { exposedSchemas: ['public'], maxRows: 1000, listen: true, ...options };
    if (this.options.exposedSchemas.length === 0) throw new Error('FakeSupabase: exposedSchemas must name at least one schema');
  }

  async start(): Promise<this> {
    if (this.options.databaseUrl) {
      this.pool = new pg.Pool({ connectionString: this.options.databaseUrl, max: 4 });
      this.pool.on('error', () => undefined);
      if (this.options.listen) {
        // PostgREST listens on the `pgrst` channel and reloads its schema cache when told to.
        const listener = (this.listener = new pg.Client(this.options.databaseUrl));
        listener.on('error', () => undefined);
        listener.on('notification', (n) => {
          if (n.channel === 'pgrst' && n.payload === 'reload schema') this.reloading = this.reloadSchema();
        });
        await listener.connect();
        await listener.query('LISTEN pgrst');
      }
    }
    await this.reloadSchema();
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.reloading;
    await this.pool?.end();
    this.pool = undefined;
  }

  /** Inject a failure: the next `times` requests whose "METHOD /path" starts with `prefix` get this status and body. */
  fail(prefix: string, status: number, body?: unknown, times = 1): void {
    this.failures.push({ prefix, status, body: body ?? { message: `FakeSupabase: injected ${status}` }, remaining: times });
  }

  /**
   * Users that signed up before this call returns, stamped newer than every
   * user already there: GoTrue lists newest first, so a user created before
   * addUsers() sits behind all of them.
   */
  addUsers(count: number, emailPattern?: (i: number) => string): void {
    const first = this.addedSoFar;
    this.addedSoFar += count;
    const pattern = emailPattern ?? ((i: number) => `existing-user-${first + i}@example.com`);
    for (let i = 0; i < count; i++) {
      const email = pattern(i).toLowerCase();
      if (this.findByEmail(email)) throw new Error(`FakeSupabase.addUsers: ${email} exists already`);
      const now = this.stamp();
      this.users.push({
        id: randomUUID(), email, password: randomBytes(12).toString('hex'), email_confirmed_at: now,
        user_metadata: { email_verified: true }, app_metadata: { provider: 'email', providers: ['email'] },
        created_at: now, updated_at: now,
      });
    }
  }

  /** Tables the REST API can "see" (its schema cache); defaults to reading the database at start and on reloadSchema(). */
  async reloadSchema(): Promise<void> {
    const cache = new Map<string, Set<string>>();
    if (this.pool) {
      const { rows } = await this.pool.query<{ schema: string; name: string }>(
        `select n.nspname as schema, c.relname as name
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p', 'v', 'm', 'f') and n.nspname = any($1::text[])`,
        [this.options.exposedSchemas],
      );
      for (const { schema, name } of rows) {
        if (!cache.has(schema)) cache.set(schema, new Set());
        cache.get(schema)!.add(name);
      }
    }
    this.schemaCache = cache;
  }

  // ---- plumbing -----------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}${url.search}`);
    try {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      this.beforeRequest?.(`${method} ${url.pathname}`);
      const failure = this.failures.find((f) => f.remaining > 0 && `${method} ${url.pathname}`.startsWith(f.prefix));
      if (failure) {
        failure.remaining--;
        const text = typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body);
        res.writeHead(failure.status, { 'content-type': typeof failure.body === 'string' ? 'text/plain' : 'application/json' });
        res.end(method === 'HEAD' ? undefined : text);
        return;
      }
      if (url.pathname.startsWith('/auth/v1/')) return await this.auth(req, res, url, method, raw);
      if (url.pathname.startsWith('/rest/v1/')) return await this.rest(req, res, url, method);
      // Kong's answer for a path no service is mounted on.
      this.send(res, method, 404, { message: 'no Route matched with those values' });
    } catch (error) {
      if (!res.headersSent) this.send(res, method, 500, { message: `FakeSupabase: ${error instanceof Error ? error.message : String(error)}` });
      else res.destroy();
    }
  }

  private send(res: http.ServerResponse, method: string, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    // A HEAD response never has a body: PostgREST's 404 for a missing table arrives empty.
    res.end(method === 'HEAD' ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** The API gateway's key check (Kong key-auth), in front of both services. */
  private gateway(req: http.IncomingMessage, url: URL): Json | null {
    const key = header(req, 'apikey') ?? url.searchParams.get('apikey');
    if (!key) return { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' };
    if (!this.isKey(key, this.options.anonKey) && !this.isKey(key, this.options.serviceRoleKey)) {
      return { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' };
    }
    return null;
  }

  private isKey(given: string, key: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(key);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** The role a bearer token carries, or null when it is not a token this project issued. */
  private roleOf(token: string): Role | null {
    if (this.isKey(token, this.options.serviceRoleKey)) return 'service_role';
    if (this.isKey(token, this.options.anonKey)) return 'anon';
    const claims = this.verifyJwt(token);
    return claims ? 'authenticated' : null;
  }

  private stamp(): string {
    const t = Math.max(Date.now(), this.lastStamp + 1);
    this.lastStamp = t;
    return new Date(t).toISOString();
  }

  private findByEmail(email: string): FakeUser | undefined {
    const lower = email.toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === lower);
  }

  // ---- Auth (GoTrue) ------------------------------------------------------

  private async auth(req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string, raw: string): Promise<void> {
    const refused = this.gateway(req, url);
    if (refused) return this.send(res, method, 401, refused);
    const version = header(req, 'x-supabase-api-version');
    const modern = version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= API_VERSION;
    try {
      const body = this.route(req, url, method, raw);
      this.send(res, method, 200, body.json, body.headers);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      // GoTrue's HandleResponseError: the 2024-01-01 shape when asked for, else the legacy one.
      if (modern) {
        this.send(res, method, error.status, { code: error.code, message: error.message, ...error.extra }, { 'X-Supabase-Api-Version': API_VERSION });
      } else {
        this.send(res, method, error.status, { code: error.status, error_code: error.code, msg: error.message, ...error.extra });
      }
    }
  }

  private route(req: http.IncomingMessage, url: URL, method: string, raw: string): { json: unknown; headers?: Record<string, string> } {
    const path = url.pathname;
    if (path === '/auth/v1/token' && method === 'POST') return { json: this.token(url, raw) };
    if (path === ADMIN_PATH || path.startsWith(`${ADMIN_PATH}/`)) {
      const id = path === ADMIN_PATH ? undefined : decodeURIComponent(path.slice(ADMIN_PATH.length + 1));
      if (id === undefined && method === 'GET') {
        this.requireAdmin(req);
        return this.listUsers(url);
      }
      if (id === undefined && method === 'POST') {
        this.requireAdmin(req);
        return { json: this.createUser(parseBody(raw)) };
      }
      if (id !== undefined && !id.includes('/') && method === 'PUT') {
        this.requireAdmin(req);
        return { json: this.updateUser(id, parseBody(raw)) };
      }
    }
    throw new HttpError(404, 'not_found', `FakeSupabase: ${method} ${path} is not implemented`);
  }

  /** GoTrue's requireAdminCredentials: a Bearer token whose role is service_role. */
  private requireAdmin(req: http.IncomingMessage): void {
    const token = BEARER.exec(header(req, 'authorization') ?? '')?.[1];
    if (!token) throw new HttpError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    const role = this.roleOf(token);
    if (!role) {
      const reason = token.split('.').length === 3 ? 'token signature is invalid: signature is invalid' : 'token is malformed: token contains an invalid number of segments';
      throw new HttpError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`);
    }
    if (role !== 'service_role') throw new HttpError(403, 'not_admin', 'User not allowed');
  }

  private listUsers(url: URL): { json: unknown; headers: Record<string, string> } {
    const q = url.searchParams;
    const page = uintParam(q.get('page'), 1);
    const perPage = uintParam(q.get('per_page'), 50);
    if (perPage === 0) throw new HttpError(400, 'validation_failed', 'Bad Pagination Parameters: per_page must be greater than 0');
    let descending = true;
    for (const value of q.getAll('sort')) {
      const [field, dir] = value.split(' ', 2) as [string, string | undefined];
      if (field !== 'created_at') throw new HttpError(400, 'validation_failed', `Bad Sort Parameters: bad field for sort '${field}'`);
      if (dir !== undefined && !['ASC', 'DESC'].includes(dir.toUpperCase())) {
        throw new HttpError(400, 'validation_failed', `Bad Sort Parameters: bad direction for sort '${dir}', only 'asc' and 'desc' allowed`);
      }
      descending = dir === undefined || dir.toUpperCase() === 'DESC';
    }
    const filter = q.get('filter') ?? '';
    const matching = this.users
      .map((user, index) => ({ user, index }))
      .filter(({ user }) => !filter || user.email.includes(filter) || String(user.user_metadata.full_name ?? '').toLowerCase().includes(filter.toLowerCase()))
      .sort((a, b) => (Date.parse(a.user.created_at) - Date.parse(b.user.created_at) || a.index - b.index) * (descending ? -1 : 1))
      .map(({ user }) => user);
    const offset = (Math.max(page, 1) - 1) * perPage;
    const users = matching.slice(offset, offset + perPage).map((u) => this.userJson(u));

    // GoTrue's addPaginationHeaders: the request's own query with `page`
    // replaced, keys sorted (Go's url.Values.Encode), on the path GoTrue sees
    // behind the gateway; "next" only while there is one, "last" always.
    const total = matching.length;
    const totalPages = Math.ceil(total / perPage);
    const link = (p: number) => {
      const params = new Map<string, string[]>();
      for (const [k, v] of q) params.set(k, [...(params.get(k) ?? []), v]);
      params.set('page', [String(p)]);
      const query = [...params.keys()].sort().flatMap((k) => params.get(k)!.map((v) => `${goEscape(k)}=${goEscape(v)}`)).join('&');
      return `</admin/users?${query}>`;
    };
    let linkHeader = '';
    if (totalPages > page) linkHeader += `${link(page + 1)}; rel="next", `;
    linkHeader += `${link(totalPages)}; rel="last"`;
    return { json: { users, aud: 'authenticated' }, headers: { Link: linkHeader, 'X-Total-Count': String(total) } };
  }

  private createUser(params: Json): Json {
    const email = optionalString(params, 'email');
    const password = optionalString(params, 'password');
    const userMetadata = optionalObject(params, 'user_metadata');
    const appMetadata = optionalObject(params, 'app_metadata');
    const confirm = optionalBoolean(params, 'email_confirm');
    const customId = optionalString(params, 'id');
    if (optionalString(params, 'phone')) throw new HttpError(400, 'validation_failed', 'FakeSupabase: phone users are not implemented');
    if (!email) throw new HttpError(400, 'validation_failed', 'Cannot create a user without either an email or phone');
    const normalized = validateEmail(email);
    if (this.findByEmail(normalized)) throw new HttpError(422, 'email_exists', 'A user with this email address has already been registered');
    if (customId !== undefined && !UUID.test(customId)) throw new HttpError(400, 'validation_failed', 'ID must conform to the uuid v4 format');
    if (customId !== undefined && this.users.some((u) => u.id === customId.toLowerCase())) {
      throw new HttpError(500, 'unexpected_failure', 'Database error creating new user');
    }
    const now = this.stamp();
    const user: FakeUser = {
      id: customId?.toLowerCase() ?? randomUUID(),
      email: normalized,
      // GoTrue makes up a password when none is given.
      password: password || randomBytes(32).toString('hex'),
      email_confirmed_at: null,
      user_metadata: { ...(userMetadata ?? {}) },
      app_metadata: { provider: 'email', providers: ['email'] },
      created_at: now,
      updated_at: now,
    };
    if (appMetadata) mergeMetadata(user.app_metadata, appMetadata);
    if (confirm) this.confirm(user, now);
    this.users.push(user);
    return this.userJson(user);
  }

  /**
   * GoTrue's adminUserUpdate. Metadata is MERGED, not replaced
   * (models.User.UpdateUserMetaData / UpdateAppMetaData): each key sent
   * overwrites that key, a key sent as null is removed, keys not sent stay.
   * `email_confirm: true` (re)confirms; `false` never unconfirms.
   */
  private updateUser(id: string, params: Json): Json {
    if (!UUID.test(id)) throw new HttpError(404, 'validation_failed', 'user_id must be an UUID');
    const user = this.users.find((u) => u.id === id.toLowerCase());
    if (!user) throw new HttpError(404, 'user_not_found', 'User not found');
    const email = optionalString(params, 'email');
    const password = optionalString(params, 'password');
    const userMetadata = optionalObject(params, 'user_metadata');
    const appMetadata = optionalObject(params, 'app_metadata');
    const confirm = optionalBoolean(params, 'email_confirm');
    const normalized = email ? validateEmail(email) : undefined;
    if (password !== undefined && password.length < 6) {
      throw new HttpError(422, 'weak_password', 'Password should be at least 6 characters.', { weak_password: { reasons: ['length'] } });
    }
    // The unique index on auth.users.email fails the transaction: GoTrue answers 500.
    if (normalized && this.users.some((u) => u !== user && u.email.toLowerCase() === normalized)) {
      throw new HttpError(500, 'unexpected_failure', 'Error updating user');
    }
    const now = this.stamp();
    if (confirm) this.confirm(user, now);
    if (password !== undefined) user.password = password;
    if (normalized) user.email = normalized;
    if (appMetadata) mergeMetadata(user.app_metadata, appMetadata);
    if (userMetadata) mergeMetadata(user.user_metadata, userMetadata);
    user.updated_at = now;
    return this.userJson(user);
  }

  private confirm(user: FakeUser, now: string): void {
    user.email_confirmed_at = now;
    mergeMetadata(user.user_metadata, { email_verified: true });
  }

  /** POST /token?grant_type=password: checks the password first, then the confirmation, like GoTrue. */
  private token(url: URL, raw: string): Json {
    const grant = url.searchParams.get('grant_type');
    if (grant !== 'password') throw new HttpError(400, 'validation_failed', `FakeSupabase: grant_type ${grant ?? '(none)'} is not implemented`);
    const params = parseBody(raw);
    const email = optionalString(params, 'email');
    const password = optionalString(params, 'password') ?? '';
    const user = email ? this.findByEmail(email) : undefined;
    if (!user || user.password !== password) throw new HttpError(400, 'invalid_credentials', 'Invalid login credentials');
    if (!user.email_confirmed_at) throw new HttpError(400, 'email_not_confirmed', 'Email not confirmed');
    const now = this.stamp();
    this.lastSignIn.set(user.id, now);
    const iat = Math.floor(Date.parse(now) / 1000);
    const exp = iat + 3600;
    const accessToken = this.signJwt({
      iss: `${this.url}/auth/v1`, sub: user.id, aud: 'authenticated', exp, iat,
      email: user.email, phone: '', app_metadata: user.app_metadata, user_metadata: user.user_metadata,
      role: 'authenticated', aal: 'aal1', amr: [{ method: 'password', timestamp: iat }],
      session_id: randomUUID(), is_anonymous: false,
    });
    return {
      access_token: accessToken, token_type: 'bearer', expires_in: 3600, expires_at: exp,
      refresh_token: randomBytes(9).toString('base64url'), user: this.userJson(user),
    };
  }

  private userJson(user: FakeUser): Json {
    const lastSignIn = this.lastSignIn.get(user.id);
    const confirmed = user.email_confirmed_at ? { email_confirmed_at: user.email_confirmed_at, confirmed_at: user.email_confirmed_at } : {};
    return {
      id: user.id, aud: 'authenticated', role: 'authenticated', email: user.email, ...confirmed, phone: '',
      ...(lastSignIn ? { last_sign_in_at: lastSignIn } : {}),
      app_metadata: user.app_metadata, user_metadata: user.user_metadata,
      identities: [{
        identity_id: user.id, id: user.id, user_id: user.id,
        identity_data: { email: user.email, email_verified: user.email_confirmed_at !== null, phone_verified: false, sub: user.id },
        provider: 'email', created_at: user.created_at, updated_at: user.updated_at, email: user.email,
      }],
      created_at: user.created_at, updated_at: user.updated_at, is_anonymous: false,
    };
  }

  private signJwt(claims: Json): string {
    const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = createHmac('sha256', this.jwtSecret).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${signature}`;
  }

  private verifyJwt(token: string): Json | null {
    const [head, body, signature] = token.split('.');
    if (!head || !body || !signature || token.split('.').length !== 3) return null;
    const expected = createHmac('sha256', this.jwtSecret).update(`${head}.${body}`).digest('base64url');
    if (!this.isKey(signature, expected)) return null;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Json;
    return typeof claims.exp === 'number' && claims.exp * 1000 > Date.now() ? claims : null;
  }

  // ---- REST (PostgREST) ---------------------------------------------------

  private async rest(req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string): Promise<void> {
    const refused = this.gateway(req, url);
    if (refused) return this.send(res, method, 401, refused);
    const error = (status: number, code: string, message: string, details: string | null = null, hint: string | null = null) =>
      this.send(res, method, status, { code, details, hint, message });

    const token = BEARER.exec(header(req, 'authorization') ?? '')?.[1];
    if (token !== undefined && !this.roleOf(token)) {
      const parts = token.split('.').length;
      return error(401, 'PGRST301', parts === 3 ? 'JWSError JWSInvalidSignature' : `Expected 3 parts in JWT; got ${parts}`);
    }
    const table = decodeURIComponent(url.pathname.slice('/rest/v1/'.length));
    if (!table || table.includes('/') || (method !== 'GET' && method !== 'HEAD')) {
      return this.send(res, method, 404, { message: `FakeSupabase: ${method} ${url.pathname} is not implemented` });
    }
    const exposed = this.options.exposedSchemas;
    const schema = header(req, 'accept-profile') ?? exposed[0]!;
    if (!exposed.includes(schema)) {
      return error(406, 'PGRST106', `Invalid schema: ${schema}`, null, `Only the following schemas are exposed: ${exposed.join(', ')}`);
    }
    // A reload already told to happen is done before answering (the NOTIFY arrives with the commit).
    await this.reloading;
    const known = this.schemaCache.get(schema) ?? new Set<string>();
    if (!known.has(table)) {
      const guess = closest(table, [...known]);
      return error(404, 'PGRST205', `Could not find the table '${schema}.${table}' in the schema cache`, null,
        guess ? `Perhaps you meant the table '${schema}.${guess}'` : null);
    }

    const params = new URLSearchParams(url.search);
    params.delete('apikey');
    const columns = params.get('select') ?? '*';
    const limitText = params.get('limit');
    const offsetText = params.get('offset');
    for (const key of new Set(params.keys())) {
      if (!['select', 'limit', 'offset'].includes(key)) return error(400, 'PGRST100', `FakeSupabase: query parameter "${key}" is not implemented`);
    }
    const projection = selectList(columns);
    if (!projection) return error(400, 'PGRST100', `FakeSupabase: select=${columns} is not implemented (only * and plain or aliased column names)`);
    const limit = limitText === null ? undefined : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
    const offset = offsetText === null ? 0 : /^\d+$/.test(offsetText) ? Number(offsetText) : NaN;
    if (Number.isNaN(limit)) return error(400, 'PGRST100', `"failed to parse limit parameter (${limitText})" (line 1, column 1)`, 'unexpected end of input');
    if (Number.isNaN(offset)) return error(400, 'PGRST100', `"failed to parse offset parameter (${offsetText})" (line 1, column 1)`, 'unexpected end of input');
    const rows = Math.min(limit ?? Infinity, this.options.maxRows);
    const counting = /(?:^|[,\s])count=(exact|planned|estimated)(?:$|[,\s])/.test(header(req, 'prefer') ?? '');

    const relation = `${quoteIdent(schema)}.${quoteIdent(table)}`;
    let result: { body: string; returned: string; total: string | null };
    try {
      const { rows: [row] } = await this.pool!.query<{ body: string; returned: string; total: string | null }>(
        `with pgrst_source as (select ${projection} from ${relation} limit ${Number.isFinite(rows) ? rows : 'all'} offset ${offset})
         select coalesce((select json_agg(s) from pgrst_source s), '[]')::text as body,
                (select count(*) from pgrst_source)::text as returned,
                ${counting ? `(select count(*) from ${relation})::text` : 'null'} as total`,
      );
      result = row!;
    } catch (e) {
      const pgError = e as { code?: string; message?: string; detail?: string; hint?: string };
      if (!pgError.code) throw e;
      return error(pgStatus(pgError.code), pgError.code, pgError.message ?? '', pgError.detail ?? null, pgError.hint ?? null);
    }

    // PostgREST's rangeStatusHeader / contentRangeH.
    const returned = Number(result.returned);
    const total = result.total === null ? null : Number(result.total);
    const upper = offset + returned - 1;
    const range = total !== 0 && offset <= upper ? `${offset}-${upper}` : '*';
    const contentRange = `${range}/${total ?? '*'}`;
    if (total !== null && offset > total) {
      return error(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${offset} was requested, but there are only ${total} rows.`);
    }
    const status = total !== null && returned < total ? 206 : 200;
    this.send(res, method, status, result.body, { 'Content-Range': contentRange });
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseBody(raw: string): Json {
  let parsed: unknown;
  try {
    parsed = raw === '' ? {} : JSON.parse(raw);
  } catch (error) {
    throw new HttpError(400, 'bad_json', `Could not parse request body as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, 'bad_json', 'Could not parse request body as JSON: json: cannot unmarshal into Go value of type object');
  }
  return parsed as Json;
}

function wrongType(key: string, want: string): HttpError {
  return new HttpError(400, 'bad_json', `Could not parse request body as JSON: json: cannot unmarshal into Go struct field .${key} of type ${want}`);
}

function optionalString(params: Json, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(key, 'string');
  return value;
}

function optionalBoolean(params: Json, key: string): boolean {
  const value = params[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw wrongType(key, 'bool');
  return value;
}

function optionalObject(params: Json, key: string): Json | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(key, 'map[string]interface {}');
  return value as Json;
}

function validateEmail(email: string): string {
  if (email.length > 255) throw new HttpError(400, 'validation_failed', 'An email address is too long');
  if (!EMAIL.test(email)) throw new HttpError(400, 'validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}

/** GoTrue's metadata update: keys overwrite, null removes, the rest stays. */
function mergeMetadata(target: Json, updates: Json): void {
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete target[key];
    else target[key] = value;
  }
}

function uintParam(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) {
    throw new HttpError(400, 'validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing "${value}": invalid syntax`);
  }
  return Number(value);
}

/** Go's url.QueryEscape. */
function goEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `*` or `col` / `alias:col` items; undefined for what this fake does not parse. */
function selectList(select: string): string | undefined {
  const items = select.split(',');
  const sql: string[] = [];
  for (const item of items) {
    if (item === '*') {
      sql.push('*');
      continue;
    }
    const m = /^(?:([^:]+):)?([^:]+)$/.exec(item);
    if (!m || !IDENT.test(m[2]!) || (m[1] !== undefined && !IDENT.test(m[1]))) return undefined;
    sql.push(m[1] ? `${quoteIdent(m[2]!)} as ${quoteIdent(m[1])}` : quoteIdent(m[2]!));
  }
  return sql.length ? sql.join(', ') : undefined;
}

/** PostgREST's mapping of PostgreSQL error codes to HTTP statuses, the common cases. */
function pgStatus(code: string): number {
  if (code === '42P01' || code === '42883') return 404;
  if (code === '42501') return 401;
  if (code === '57014') return 500;
  if (/^(08|53|54|55|57|58|XX)/.test(code)) return 503;
  if (/^(22|23|42)/.test(code)) return 400;
  return 500;
}

/** The candidate closest to `name` (Dice coefficient of bigrams), if close enough, like PostgREST's fuzzy hint. */
function closest(name: string, candidates: string[]): string | undefined {
  const grams = (s: string) => {
    const padded = ` ${s.toLowerCase()} `;
    const list: string[] = [];
    for (let i = 0; i < padded.length - 1; i++) list.push(padded.slice(i, i + 2));
    return list;
  };
  const mine = grams(name);
  let best: { name: string; score: number } | undefined;
  for (const candidate of candidates) {
    const theirs = grams(candidate);
    const pool = [...theirs];
    let shared = 0;
    for (const g of mine) {
      const at = pool.indexOf(g);
      if (at >= 0) {
        shared++;
        pool.splice(at, 1);
      }
    }
    const score = (2 * shared) / (mine.length + theirs.length);
    if (score >= 0.33 && (!best || score > best.score)) best = { name: candidate, score };
  }
  return best?.name;
}
