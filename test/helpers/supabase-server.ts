import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { BEARER, HttpError, header, optionalString, parseBody, send, type Json } from './supabase-http.js';
import { serveRest, type RestApi } from './supabase-rest.js';
import { UserStore, type FakeUser } from './supabase-users.js';

export type { FakeUser };

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

type Role = 'service_role' | 'anon' | 'authenticated';

interface Failure {
  prefix: string;
  status: number;
  body: unknown;
  remaining: number;
}

const API_VERSION = '2024-01-01';
const ADMIN_PATH = '/auth/v1/admin/users';

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
  private readonly store = new UserStore();
  /** The Auth service's users, oldest first. */
  get users(): FakeUser[] {
    return this.store.users;
  }
  readonly requests: string[] = [];
  /** Called with "METHOD /path" before each request is handled: lets a test act in between, as another client would. */
  beforeRequest: ((request: string) => void) | undefined;
  url = '';
  private readonly options: Required<Omit<FakeSupabaseOptions, 'databaseUrl'>> & { databaseUrl?: string };
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly failures: Failure[] = [];
  private readonly jwtSecret = randomBytes(32);
  /** schema -> tables and views PostgREST can see. */
  private schemaCache = new Map<string, Set<string>>();
  private pool: pg.Pool | undefined;
  private listener: pg.Client | undefined;
  private reloading: Promise<void> | undefined;
  private readonly restApi: RestApi = {
    exposedSchemas: [], maxRows: 0,
    roleOf: (token) => this.roleOf(token),
    reloading: () => this.reloading,
    schemaCache: () => this.schemaCache,
    pool: () => this.pool!,
  };

  constructor(options: FakeSupabaseOptions) {
    this.options = { exposedSchemas: ['public'], maxRows: 1000, listen: true, ...options };
    if (this.options.exposedSchemas.length === 0) throw new Error('FakeSupabase: exposedSchemas must name at least one schema');
    this.restApi.exposedSchemas = this.options.exposedSchemas;
    this.restApi.maxRows = this.options.maxRows;
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
    this.store.add(count, emailPattern);
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
      if (url.pathname.startsWith('/rest/v1/')) {
        const refused = this.gateway(req, url);
        return refused ? send(res, method, 401, refused) : await serveRest(this.restApi, req, res, url, method);
      }
      // Kong's answer for a path no service is mounted on.
      send(res, method, 404, { message: 'no Route matched with those values' });
    } catch (error) {
      if (!res.headersSent) send(res, method, 500, { message: `FakeSupabase: ${error instanceof Error ? error.message : String(error)}` });
      else res.destroy();
    }
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



  // ---- Auth (GoTrue) ------------------------------------------------------

  private async auth(req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string, raw: string): Promise<void> {
    const refused = this.gateway(req, url);
    if (refused) return send(res, method, 401, refused);
    const version = header(req, 'x-supabase-api-version');
    const modern = version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= API_VERSION;
    try {
      const body = this.route(req, url, method, raw);
      send(res, method, 200, body.json, body.headers);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      // GoTrue's HandleResponseError: the 2024-01-01 shape when asked for, else the legacy one.
      if (modern) {
        send(res, method, error.status, { code: error.code, message: error.message, ...error.extra }, { 'X-Supabase-Api-Version': API_VERSION });
      } else {
        send(res, method, error.status, { code: error.status, error_code: error.code, msg: error.message, ...error.extra });
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
        return this.store.list(url);
      }
      if (id === undefined && method === 'POST') {
        this.requireAdmin(req);
        return { json: this.store.create(parseBody(raw)) };
      }
      if (id !== undefined && !id.includes('/') && method === 'PUT') {
        this.requireAdmin(req);
        return { json: this.store.update(id, parseBody(raw)) };
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





  /** POST /token?grant_type=password: checks the password first, then the confirmation, like GoTrue. */
  private token(url: URL, raw: string): Json {
    const grant = url.searchParams.get('grant_type');
    if (grant !== 'password') throw new HttpError(400, 'validation_failed', `FakeSupabase: grant_type ${grant ?? '(none)'} is not implemented`);
    const params = parseBody(raw);
    const email = optionalString(params, 'email');
    const password = optionalString(params, 'password') ?? '';
    const user = email ? this.store.findByEmail(email) : undefined;
    if (!user || user.password !== password) throw new HttpError(400, 'invalid_credentials', 'Invalid login credentials');
    if (!user.email_confirmed_at) throw new HttpError(400, 'email_not_confirmed', 'Email not confirmed');
    const now = this.store.stamp();
    this.store.lastSignIn.set(user.id, now);
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
      refresh_token: randomBytes(9).toString('base64url'), user: this.store.json(user),
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
}
