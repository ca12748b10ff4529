import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { adminUrl, createTestDatabase, type TestDatabase } from './db.js';

/** A project ref: 20 lowercase letters. */
export function randomRef(): string {
  return Array.from(randomBytes(20), (b) => String.fromCharCode(97 + (b % 26))).join('');
}

export interface FakeBranchOptions {
  gitBranch: string;
  name?: string;
  /** The real database behind the branch, reached as postgres.<ref> with `password`. */
  database: TestDatabase;
  ref: string;
  password: string;
  /** List calls (polls) before it is ready: first the project comes up, then the migrations run. */
  readyAfterPolls?: number;
  failMigrations?: boolean;
  /** List calls before the push's action run appears (until then only an older run is listed). */
  runAfterPolls?: number;
  /** false: /actions answers 404, so only the (deprecated) status tells readiness. */
  actionRuns?: boolean;
  /** The pooler's port, when a front (FlakyPooler) stands before the database. */
  poolerPort?: number;
  /** Called when the pooler config is read (a front starts listening after it). */
  onPoolerRead?: () => void;
}

interface FakeBranch extends FakeBranchOptions {
  id: string;
  polls: number;
  anonKey: string;
  serviceRoleKey: string;
}

/**
 * A local stand-in for the Supabase Management API paths the branching
 * target uses, with their documented fields and status codes: branches
 * (BranchResponse) whose readiness progresses over polls, action runs
 * (ActionRunResponse), branch details (BranchDetailResponse, db_pass),
 * the pooler config (SupavisorConfigResponse, PRIMARY and READ_REPLICA) and
 * the API keys; 401 for an unknown token, 403 for one without the scope,
 * 404 for an unknown project, 429 with Retry-After when told to.
 */
export class FakeManagementApi {
  readonly projects = new Map<string, FakeBranch[]>();
  readonly requests: { method: string; path: string; at: number; status: number }[] = [];
  readonly tokens = new Set(['sbp_good_token_0123456789abcdef']);
  /** Tokens that may list branches but not read branch settings or keys. */
  readonly narrowTokens = new Set<string>();
  /** Paths (regex) answered 429 with this Retry-After (seconds), `times` times. */
  private limits: { path: RegExp; times: number; retryAfter: string }[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  project(ref: string): void {
    if (!this.projects.has(ref)) this.projects.set(ref, []);
  }

  addBranch(projectRef: string, options: FakeBranchOptions): FakeBranch {
    this.project(projectRef);
    const branch: FakeBranch = {
      ...options, id: randomUUID(), polls: 0,
      anonKey: `eyJhbGciOiJIUzI1NiJ9.anon-${options.ref}.${randomBytes(8).toString('hex')}`,
      serviceRoleKey: `eyJhbGciOiJIUzI1NiJ9.service-${options.ref}.${randomBytes(8).toString('hex')}`,
    };
    this.projects.get(projectRef)!.push(branch);
    return branch;
  }

  rateLimit(path: RegExp, times: number, retryAfterSeconds: number): void {
    this.limits.push({ path, times, retryAfter: String(retryAfterSeconds) });
  }

  private stage(b: FakeBranch): 'coming-up' | 'migrating' | 'done' {
    const ready = b.readyAfterPolls ?? 3;
    return b.polls >= ready ? 'done' : b.polls >= Math.ceil(ready / 2) ? 'migrating' : 'coming-up';
  }

  private branchResponse(projectRef: string, b: FakeBranch) {
    const stage = this.stage(b);
    const status = stage === 'coming-up' ? 'CREATING_PROJECT' : stage === 'migrating' ? 'RUNNING_MIGRATIONS' : b.failMigrations ? 'MIGRATIONS_FAILED' : 'FUNCTIONS_DEPLOYED';
    return {
      id: b.id, name: b.name ?? b.gitBranch, project_ref: b.ref, parent_project_ref: projectRef, is_default: false,
      git_branch: b.gitBranch, pr_number: 7, persistent: false, status, with_data: false,
      preview_project_status: stage === 'coming-up' ? 'COMING_UP' : 'ACTIVE_HEALTHY',
      created_at: '2026-12-01T09:00:00Z', updated_at: '2026-12-01T09:05:00Z',
    };
  }

  private runs(b: FakeBranch) {
    const stage = this.stage(b);
    const step = (name: string, status: string) => ({ name, status, created_at: '2026-12-01T09:01:00Z', updated_at: '2026-12-01T09:02:00Z' });
    const names = ['clone', 'pull', 'health', 'configure', 'migrate', 'seed', 'deploy'];
    const steps = stage === 'coming-up' ? [step('clone', 'RUNNING')]
      : stage === 'migrating' ? [...names.slice(0, 4).map((n) => step(n, 'EXITED')), step('migrate', 'RUNNING')]
      : names.map((n) => step(n, n === 'migrate' && b.failMigrations ? 'DEAD' : b.failMigrations && n !== 'migrate' && names.indexOf(n) > 4 ? 'CREATED' : 'EXITED'));
    // An older run first, to be told apart by created_at.
    const runs = [
      { id: 'run_old', branch_id: b.id, run_steps: names.map((n) => step(n, 'EXITED')), git_config: null, workdir: null, check_run_id: null, created_at: '2026-11-30T08:00:00Z', updated_at: '2026-11-30T08:05:00Z' },
      { id: `run_${b.ref.slice(0, 6)}_latest`, branch_id: b.id, run_steps: steps, git_config: null, workdir: null, check_run_id: 1, created_at: '2026-12-01T09:01:00Z', updated_at: '2026-12-01T09:02:00Z' },
    ];
    return b.polls < (b.runAfterPolls ?? 0) ? runs.slice(0, 1) : runs;
  }

  private findBranch(ref: string): { projectRef: string; branch: FakeBranch } | undefined {
    for (const [projectRef, branches] of this.projects) {
      const branch = branches.find((b) => b.ref === ref || b.id === ref);
      if (branch) return { projectRef, branch };
    }
    return undefined;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const entry = { method: req.method ?? 'GET', path, at: Date.now(), status: 200 };
    this.requests.push(entry);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const narrow = this.narrowTokens.has(token);
    if (!this.tokens.has(token) && !narrow) return send(401, { message: 'Unauthorized' });
    const limit = this.limits.find((l) => l.times > 0 && l.path.test(path));
    if (limit) {
      limit.times--;
      return send(429, { message: 'Too many requests' }, { 'retry-after': limit.retryAfter });
    }
    let m = /^\/v1\/projects\/([a-z]+)\/branches$/.exec(path);
    if (m) {
      const branches = this.projects.get(m[1]!);
      if (!branches) return send(404, { message: 'Project not found' });
      for (const b of branches) b.polls++;
      const main = { id: randomUUID(), name: 'main', project_ref: m[1], parent_project_ref: m[1], is_default: true, git_branch: 'main', persistent: true, status: 'FUNCTIONS_DEPLOYED', preview_project_status: 'ACTIVE_HEALTHY', with_data: false, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };
      return send(200, [main, ...branches.map((b) => this.branchResponse(m![1]!, b))]);
    }
    if (narrow) return send(403, { message: 'Forbidden resource' });
    m = /^\/v1\/projects\/([a-z]+)\/actions$/.exec(path);
    if (m) {
      const found = this.findBranch(m[1]!);
      if (!found || found.branch.actionRuns === false) return send(404, { message: 'Not found' });
      return send(200, this.runs(found.branch));
    }
    m = /^\/v1\/branches\/([a-z0-9-]+)$/.exec(path);
    if (m) {
      const found = this.findBranch(m[1]!);
      if (!found) return send(404, { message: 'Branch not found' });
      const b = found.branch;
      // The direct host, which hosted runners cannot reach (IPv6 only): the pooler is the way in.
      return send(200, {
        ref: b.ref, postgres_version: '17.4.1', postgres_engine: '17', release_channel: 'ga', status: 'ACTIVE_HEALTHY',
        db_host: `db.${b.ref}.supabase.co`, db_port: 5432, db_user: 'postgres', db_pass: b.password, jwt_secret: `jwt-${b.ref}-secret`,
      });
    }
    m = /^\/v1\/projects\/([a-z]+)\/config\/database\/pooler$/.exec(path);
    if (m) {
      const found = this.findBranch(m[1]!);
      if (!found) return send(404, { message: 'Project not found' });
      const b = found.branch;
      b.onPoolerRead?.();
      const server = new URL(adminUrl());
      const entry = (type: string, port: number) => ({
        identifier: type === 'PRIMARY' ? b.ref : `${b.ref}-rr`, database_type: type, is_using_scram_auth: true,
        db_user: `postgres.${b.ref}`, db_host: server.hostname, db_port: port, db_name: b.database.name, pool_mode: 'session',
        connection_string: `postgresql://postgres.${b.ref}:[YOUR-PASSWORD]@${server.hostname}:${port}/${b.database.name}`,
        default_pool_size: 15, max_client_conn: 200,
      });
      return send(200, [entry('READ_REPLICA', 1), entry('PRIMARY', b.poolerPort ?? Number(server.port))]);
    }
    m = /^\/v1\/projects\/([a-z]+)\/api-keys$/.exec(path);
    if (m) {
      const found = this.findBranch(m[1]!);
      if (!found) return send(404, { message: 'Project not found' });
      const b = found.branch;
      return send(200, [
        { name: 'anon', api_key: b.anonKey, type: 'legacy', id: 'anon' },
        { name: 'service_role', api_key: b.serviceRoleKey, type: 'legacy', id: 'service_role' },
      ]);
    }
    return send(404, { message: 'Cannot GET ' + path });
  }
}

/**
 * A branch database as Supabase gives it: an empty database whose owner is
 * the login role postgres.<ref>, with a password of its own.
 */
export async function createBranchDatabase(ref: string): Promise<{ database: TestDatabase; password: string; url: string }> {
  const database = await createTestDatabase('branch');
  const password = `Br4nch-${randomBytes(9).toString('base64url')}`;
  const role = `postgres.${ref}`;
  await database.exec(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'; ALTER DATABASE "${database.name}" OWNER TO "${role}"; ALTER SCHEMA public OWNER TO "${role}"`);
  const url = new URL(database.url);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return { database, password, url: url.toString() };
}

const FATAL_57P01 = (() => {
  const fields = ['SFATAL', 'VFATAL', 'C57P01', 'Mterminating connection due to administrator command'].map((f) => Buffer.from(`${f}\0`));
  const body = Buffer.concat([...fields, Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
})();

/**
 * A TCP front before the real server, as a branch that has just turned
 * healthy behaves: it refuses connections until `open()` (plus a delay),
 * then ends its first `terminate` sessions with FATAL 57P01 the way a server
 * does, then passes every session through.
 */
export class FlakyPooler {
  port = 0;
  accepted = 0;
  terminated = 0;
  private server = net.createServer((socket) => this.session(socket));
  constructor(private readonly upstreamPort: number, private terminate = 1) {}

  /** Picks a free port, and does not listen on it yet. */
  async reserve(): Promise<this> {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    this.port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    return this;
  }

  open(afterMs: number): void {
    setTimeout(() => this.server.listen(this.port, '127.0.0.1'), afterMs);
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  private session(socket: net.Socket): void {
    this.accepted++;
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 8) return;
      // An SSLRequest (length 8, code 80877103): no TLS here, as a plain server says.
      if (buffered.readInt32BE(0) === 8 && buffered.readInt32BE(4) === 80877103) {
        socket.write('N');
        buffered = buffered.subarray(8);
        if (buffered.length > 0) onData(Buffer.alloc(0));
        return;
      }
      socket.off('data', onData);
      if (this.terminate > 0) {
        this.terminate--;
        this.terminated++;
        socket.end(FATAL_57P01);
        return;
      }
      const upstream = net.connect(this.upstreamPort, '127.0.0.1', () => {
        upstream.write(buffered);
        socket.pipe(upstream).pipe(socket);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    };
    socket.on('data', onData);
    socket.on('error', () => undefined);
  }
}
