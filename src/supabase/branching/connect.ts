import type { Logger } from '../../log/logger.js';
import { addSecret } from '../../log/secrets.js';
import { connect } from '../../db/connect.js';
import { parseConnectionString, registerConnectionSecrets } from '../../db/url.js';
import { ManagementApiError, sleep as timer, type ManagementApi } from './api.js';
import type { Branch } from './find.js';

/** `GET /v1/branches/{branch_ref}` (BranchDetailResponse): the branch database's credentials. */
export interface BranchDetail {
  ref: string;
  status: string;
  db_host: string;
  db_port: number;
  db_user?: string;
  db_pass?: string;
}

/** One entry of `GET /v1/projects/{ref}/config/database/pooler` (SupavisorConfigResponse). */
export interface PoolerConfig {
  database_type: 'PRIMARY' | 'READ_REPLICA' | string;
  db_user: string;
  db_host: string;
  db_port: number;
  db_name: string;
  pool_mode: 'session' | 'transaction' | string;
}

/** One entry of `GET /v1/projects/{ref}/api-keys` (ApiKeyResponse). */
interface ApiKey {
  name: string;
  api_key?: string | null;
  type?: string | null;
}

/** Supavisor serves session mode on 5432 and transaction mode on 6543, on the same host. */
export const SESSION_PORT = 5432;
const TRANSACTION_PORT = 6543;

/**
 * The port of the session pooler: the one given when it is in session mode,
 * else 5432 on the same host. Transaction mode (6543) cannot hold a session
 * across statements; the direct host is IPv6-only, which hosted runners lack.
 */
export function sessionPort(pooler: PoolerConfig): number {
  return pooler.pool_mode === 'transaction' || pooler.db_port === TRANSACTION_PORT ? SESSION_PORT : pooler.db_port;
}

export interface BranchDatabase {
  url: string;
  /** host:port user, for messages. */
  display: string;
}

/** The branch database's URL through its session pooler, with the user and password the API gives. */
export async function branchDatabase(api: ManagementApi, branch: Branch): Promise<BranchDatabase> {
  const ref = branch.project_ref;
  const detail = await api.get<BranchDetail>(`/v1/branches/${ref}`, `reading the database settings of branch ${ref}`);
  if (!detail) throw new ManagementApiError(`the Supabase branch ${ref} is gone (HTTP 404 on /v1/branches/${ref}): it may have been deleted while this run waited`, 404);
  addSecret(detail.db_pass);
  if (!detail.db_pass) {
    throw new ManagementApiError(`the Management API did not give the database password of branch ${ref} (no db_pass in /v1/branches/${ref}): the access token must be allowed to read the branch's settings (a personal access token of an organization member)`);
  }
  const poolers = await api.get<PoolerConfig[]>(`/v1/projects/${ref}/config/database/pooler`, `reading the connection pooler of branch ${ref}`);
  const primary = poolers?.find((p) => p.database_type === 'PRIMARY');
  if (!primary) throw new ManagementApiError(`branch ${ref} has no pooler for its primary database (/v1/projects/${ref}/config/database/pooler): is the project still coming up?`);
  const host = primary.db_host;
  const port = sessionPort(primary);
  const user = primary.db_user || detail.db_user || `postgres.${ref}`;
  const database = primary.db_name || 'postgres';
  // TLS unless the pooler is on this machine (a tunnel or a local stand-in), which may speak plain TCP.
  const loopback = host === 'localhost' || host.startsWith('127.') || host === '::1';
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(detail.db_pass)}@${hostPart}:${port}/${encodeURIComponent(database)}?sslmode=${loopback ? 'prefer' : 'require'}`;
  registerConnectionSecrets(url);
  return { url, display: `${user}@${host}:${port}/${database}` };
}

export interface BranchKeys {
  anonKey?: string | undefined;
  serviceRoleKey?: string | undefined;
}

/** The branch's anon and service_role keys, for seed users and API checks; masked before anything can print them. */
export async function branchKeys(api: ManagementApi, ref: string, logger: Logger): Promise<BranchKeys> {
  let keys: ApiKey[] | undefined;
  try {
    keys = await api.get<ApiKey[]>(`/v1/projects/${ref}/api-keys`, `reading the API keys of branch ${ref}`);
  } catch (error) {
    if (!(error instanceof ManagementApiError) || error.status !== 403) throw error;
    logger.warning(`${error.message}; seed users and API checks need the keys, and are left out without them`);
    return {};
  }
  const key = (name: string) => keys?.find((k) => k.name === name)?.api_key ?? undefined;
  const out = { anonKey: key('anon'), serviceRoleKey: key('service_role') };
  addSecret(out.anonKey);
  addSecret(out.serviceRoleKey);
  return out;
}

const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P03', '53300', '08006', '08003']);

function transient(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT.has(code)) return code;
  if (error instanceof Error && /Connection terminated|timeout/i.test(error.message)) return 'terminated';
  return undefined;
}

export interface ProbeOptions {
  logger: Logger;
  attempts?: number;
  firstDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Opens a session and runs a query, a few times if need be: a branch that
 * has just turned healthy may refuse its first connections or drop them
 * (57P01) while it settles. Other failures (a wrong password) are not retried.
 */
export async function probeBranch(database: BranchDatabase, options: ProbeOptions): Promise<number> {
  const attempts = options.attempts ?? 6;
  const wait = options.sleep ?? timer;
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    let client: Awaited<ReturnType<typeof connect>> | undefined;
    try {
      client = await connect(parseConnectionString(database.url, 'Supabase branch URL'), { role: 'target', label: 'Supabase branch database', retries: 0 });
      await client.query('SELECT 1');
      return attempt;
    } catch (error) {
      const code = transient(error);
      if (!code || attempt >= attempts) throw error;
      options.logger.warning(`the Supabase branch database (${database.display}) ${code === 'ECONNREFUSED' ? 'refused the connection' : `dropped the connection (${code})`}: retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`);
      await wait(delay);
      delay = Math.min(delay * 2, 8000);
    } finally {
      await client?.end().catch(() => undefined);
    }
  }
}
