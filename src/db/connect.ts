import { readFileSync } from 'node:fs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import pg from 'pg';
import { isPgError } from './errors.js';
import { parseConnectionString, type ConnectionSpec } from './url.js';
import { maskSecrets } from '../log/secrets.js';

export type SessionRole = 'source' | 'target';

export interface ConnectOptions {
  /** Source sessions are READ ONLY: production is never written. */
  role: SessionRole;
  /** How the database is named in messages, e.g. `source` or `target "preview"`. */
  label?: string;
  applicationName?: string;
  /** Extra attempts after a transient failure (refused, too many connections, starting up). */
  retries?: number;
  /** First back-off delay; doubles on each attempt. */
  retryDelayMs?: number;
  onRetry?: (message: string) => void;
}

export class ConnectError extends Error {
  override name = 'ConnectError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const DEFAULT_APP_NAME = 'pg-branch-sync';
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '53300', '57P03', 'ETIMEDOUT']);
const NO_SSL_SUPPORT = 'The server does not support SSL connections';

/** Opens one session, from a URL / keyword string or an already parsed spec. */
export async function connect(target: string | ConnectionSpec, options: ConnectOptions): Promise<pg.Client> {
  const label = options.label ?? `${options.role} database`;
  const spec = typeof target === 'string' ? parseConnectionString(target, `${options.role} URL`) : target;
  const retries = options.retries ?? 4;
  let delay = options.retryDelayMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    try {
      const client = await connectWithTlsPolicy(spec, options.applicationName ?? spec.applicationName ?? DEFAULT_APP_NAME);
      await prepareSession(client, options.role);
      return client;
    } catch (error) {
      const code = errorCode(error);
      if (attempt < retries && code !== undefined && TRANSIENT_CODES.has(code)) {
        options.onRetry?.(`${label}: ${shortReason(error)}; retrying in ${delay} ms (attempt ${attempt + 2} of ${retries + 1})`);
        await new Promise((r) => setTimeout(r, delay));
        delay *= 2;
        continue;
      }
      throw new ConnectError(`could not connect to the ${label} (${spec.display}): ${explain(error, spec)}`, code);
    }
  }
}

// libpq's sslmode meanings; pg's own treats "require" as verify-full.
async function connectWithTlsPolicy(spec: ConnectionSpec, applicationName: string): Promise<pg.Client> {
  const attempts: (TlsOptions | false)[] =
    spec.sslmode === 'disable' ? [false]
    : spec.sslmode === 'allow' ? [false, tlsOptions(spec)]
    : spec.sslmode === 'prefer' ? [tlsOptions(spec), false]
    : [tlsOptions(spec)];
  let lastError: unknown;
  for (const [i, ssl] of attempts.entries()) {
    const client = new pg.Client(clientConfig(spec, applicationName, ssl));
    // An idle session can be terminated by the server; keep that from crashing the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      lastError = error;
      const last = i === attempts.length - 1;
      const fallBack =
        (spec.sslmode === 'prefer' && (error as Error).message === NO_SSL_SUPPORT) ||
        (spec.sslmode === 'allow' && errorCode(error) === '28000');
      if (last || !fallBack) throw error;
    }
  }
  throw lastError;
}

function clientConfig(spec: ConnectionSpec, applicationName: string, ssl: TlsOptions | false): pg.ClientConfig {
  const config: pg.ClientConfig = {
    host: spec.host,
    port: spec.port,
    database: spec.database,
    user: spec.user,
    ssl,
    application_name: applicationName,
    connectionTimeoutMillis: (spec.connectTimeoutSeconds ?? 15) * 1000,
    keepAlive: true,
  };
  if (spec.password !== undefined) config.password = spec.password;
  if (spec.options !== undefined) config.options = spec.options;
  return config;
}

function tlsOptions(spec: ConnectionSpec): TlsOptions {
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch {
      throw new ConnectError(`${what} file "${file}" cannot be read`);
    }
  };
  const options: TlsOptions = { servername: isIp(spec.host) ? undefined : spec.host };
  if (spec.sslrootcert) options.ca = read(spec.sslrootcert, 'sslrootcert');
  if (spec.sslcert) options.cert = read(spec.sslcert, 'sslcert');
  if (spec.sslkey) options.key = read(spec.sslkey, 'sslkey');
  // libpq: "require" with a root certificate behaves like verify-ca.
  const verify = spec.sslmode === 'verify-ca' || spec.sslmode === 'verify-full' || (spec.sslmode === 'require' && !!spec.sslrootcert);
  options.rejectUnauthorized = verify;
  if (verify && spec.sslmode !== 'verify-full') options.checkServerIdentity = () => undefined;
  return options;
}

async function prepareSession(client: pg.Client, role: SessionRole): Promise<void> {
  // quoteLiteral relies on standard_conforming_strings; sources refuse every write.
  const statements = ['SET standard_conforming_strings = on'];
  if (role === 'source') statements.push('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
  try {
    await client.query(statements.join('; '));
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (error instanceof Error && /timeout/i.test(error.message)) return 'ETIMEDOUT';
  return undefined;
}

function shortReason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === '53300') return 'too many connections';
  if (code === '57P03') return 'the server is starting up';
  return maskSecrets((error as Error).message);
}

/** What went wrong, and what to do about it. */
function explain(error: unknown, spec: ConnectionSpec): string {
  const code = errorCode(error);
  const message = maskSecrets(error instanceof Error ? error.message : String(error));
  const where = `${spec.host}:${spec.port}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused at ${where}: is PostgreSQL running there and accepting TCP connections on port ${spec.port}?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name "${spec.host}" could not be resolved: check the host in the URL`;
    case 'ETIMEDOUT':
      return `no answer from ${where} within ${spec.connectTimeoutSeconds ?? 15} s: check the host, the port and any firewall`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached from this machine (${code})`;
    case '28P01':
      return `${message}: check the user name and password (percent-encode special characters in a URL)`;
    case '3D000':
      return `${message}: check the database name at the end of the URL`;
    case '28000':
      return /no encryption/i.test(message) ? `${message}: the server requires TLS, so add sslmode=require to the URL` : message;
    case '53300':
      return `${message}: the server has no free connection slots`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'CERT_HAS_EXPIRED':
      return `the server's TLS certificate could not be verified (${code}): set sslrootcert to the CA certificate file, or use sslmode=require to encrypt without verifying`;
  }
  if (/client password must be a string/.test(message)) {
    return `the server asks for a password and the URL has none: add it (postgresql://${spec.user ? `${spec.user}:` : 'user:'}PASSWORD@${where}/…, percent-encoded)`;
  }
  if (message === NO_SSL_SUPPORT) {
    return `the server does not accept TLS, but sslmode=${spec.sslmode} requires it: use sslmode=prefer or sslmode=disable for this server`;
  }
  return isPgError(error) ? `${message} (SQLSTATE ${code})` : message;
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
