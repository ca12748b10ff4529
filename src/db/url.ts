import os from 'node:os';
import { addSecret } from '../log/secrets.js';

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** A validated connection target, in either spelling (URL or `key=value`). */
export interface ConnectionSpec {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  sslmode: SslMode;
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
  applicationName?: string;
  /** libpq `options`, e.g. `-c search_path=app`. */
  options?: string;
  connectTimeoutSeconds?: number;
  /** Parameters this tool does not use (e.g. Prisma's `pgbouncer=true`), kept for a warning. */
  ignored: string[];
  /** The input with its password replaced by `***`: safe to print. */
  display: string;
}

export class ConnectionStringError extends Error {
  override name = 'ConnectionStringError';
}

const KNOWN_PARAMS = new Set([
  'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'sslmode', 'sslrootcert', 'sslcert', 'sslkey',
  'application_name', 'options', 'connect_timeout',
]);

/**
 * Parses `postgresql://user:pass@host:port/db?sslmode=require` or libpq's
 * `host=... dbname=...` form. `what` names the value in errors
 * ("source-url"); errors never contain the password.
 */
export function parseConnectionString(input: string, what = 'connection string'): ConnectionSpec {
  const text = input.trim();
  if (text === '') throw new ConnectionStringError(`${what} is empty`);
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const display = maskUrlPassword(text);
  const fail = (problem: string): never => {
    throw new ConnectionStringError(`${what} is not valid: ${problem} (got ${display})`);
  };
  const params = isUrl ? parseUrl(text, fail) : parseKeywords(text, fail);
  addSecret(params.get('password'));
  return toSpec(params, display, fail);
}

function parseUrl(text: string, fail: (problem: string) => never): Map<string, string> {
  const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
  if (scheme !== 'postgresql' && scheme !== 'postgres') {
    fail(`it must start with postgresql:// or postgres://, not ${scheme}://`);
  }
  const rest = text.slice(text.indexOf('://') + 3);
  const authorityEnd = rest.search(/[/?]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  if (authority.includes('#')) {
    fail('it contains "#": percent-encode special characters of the password (# is %23, @ is %40, / is %2F)');
  }
  if ((authority.match(/@/g) ?? []).length > 1) {
    fail('it contains more than one "@": percent-encode an @ in the password as %40');
  }
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.includes(',')) fail('several hosts in one URL are not supported');
  // [ipv6]:port, or host:port
  const port = hostPort.startsWith('[') ? /^\[[^\]]*\]:(.*)$/.exec(hostPort)?.[1] : /^[^:]*:(.*)$/.exec(hostPort)?.[1];
  if (port !== undefined && port !== '' && !validPort(port)) fail(`port "${port}" is not a number from 1 to 65535`);

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('it cannot be read as a URL; percent-encode special characters of the password (# is %23, @ is %40, / is %2F)');
  }
  const params = new Map<string, string>();
  const decode = (part: string, name: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return fail(`the ${name} contains an invalid %-escape`);
    }
  };
  if (url.username) params.set('user', decode(url.username, 'user name'));
  if (url.password) params.set('password', decode(url.password, 'password'));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host) params.set('host', decode(host, 'host'));
  if (url.port) params.set('port', url.port);
  const db = url.pathname.replace(/^\//, '');
  if (db.includes('/')) fail(`the database name "${decode(db, 'database name')}" contains "/"`);
  if (db) params.set('dbname', decode(db, 'database name'));
  for (const [key, value] of url.searchParams) params.set(key, value);
  return params;
}

// libpq keyword/value form: key = value, values optionally single-quoted
// with \' and \\ escapes.
function parseKeywords(text: string, fail: (problem: string) => never): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  while (i < text.length) {
    skipSpace();
    if (i >= text.length) break;
    const keyStart = i;
    while (i < text.length && /[A-Za-z0-9_]/.test(text[i] ?? '')) i++;
    const key = text.slice(keyStart, i);
    skipSpace();
    if (!key || text[i] !== '=') {
      fail(`expected "keyword=value" or a postgresql:// URL near "${text.slice(keyStart, keyStart + 12).replace(/password.*/i, 'password…')}"`);
    }
    i++;
    skipSpace();
    let value = '';
    if (text[i] === "'") {
      i++;
      let closed = false;
      while (i < text.length) {
        const ch = text[i++] ?? '';
        if (ch === '\\') value += text[i++] ?? '';
        else if (ch === "'") {
          closed = true;
          break;
        } else value += ch;
      }
      if (!closed) fail(`the quoted value of "${key}" is not closed`);
    } else {
      while (i < text.length && !/\s/.test(text[i] ?? '')) {
        const ch = text[i++] ?? '';
        value += ch === '\\' ? (text[i++] ?? '') : ch;
      }
    }
    params.set(key, value);
  }
  return params;
}

function toSpec(params: Map<string, string>, display: string, fail: (problem: string) => never): ConnectionSpec {
  const ignored = [...params.keys()].filter((k) => !KNOWN_PARAMS.has(k));
  const get = (key: string): string | undefined => {
    const v = params.get(key);
    return v === undefined || v === '' ? undefined : v;
  };

  const portText = get('port') ?? '5432';
  if (!validPort(portText)) fail(`port "${portText}" is not a number from 1 to 65535`);
  const port = Number(portText);

  const sslmodeText = get('sslmode') ?? 'prefer';
  const sslmode = SSL_MODES.find((m) => m === sslmodeText) ?? (sslmodeText === 'no-verify' ? 'require' : undefined);
  if (!sslmode) fail(`sslmode "${sslmodeText}" must be one of ${SSL_MODES.join(', ')}`);

  const timeoutText = get('connect_timeout');
  let connectTimeoutSeconds: number | undefined;
  if (timeoutText !== undefined) {
    connectTimeoutSeconds = Number(timeoutText);
    if (!/^\d+$/.test(timeoutText)) fail(`connect_timeout "${timeoutText}" must be a whole number of seconds`);
  }

  const host = get('hostaddr') ?? get('host') ?? 'localhost';
  // Supabase's transaction pooler hands each transaction to any server session: session settings
  // (READ ONLY for the source), advisory locks and multi-statement runs do not hold there.
  if (port === 6543 && /\.pooler\.supabase\.com$/i.test(get('host') ?? '')) {
    fail(
      "port 6543 is Supabase's transaction pooler, which cannot hold a session: use the session pooler " +
        '(the same host on port 5432) or the direct connection (db.<project-ref>.supabase.co:5432)',
    );
  }
  const user = get('user') ?? process.env.PGUSER ?? safeOsUser();
  const spec: ConnectionSpec = {
    host,
    port,
    database: get('dbname') ?? user,
    user,
    sslmode: sslmode as SslMode,
    ignored,
    display,
  };
  const optional: [keyof ConnectionSpec, string][] = [
    ['password', 'password'], ['sslrootcert', 'sslrootcert'], ['sslcert', 'sslcert'], ['sslkey', 'sslkey'],
    ['applicationName', 'application_name'], ['options', 'options'],
  ];
  for (const [field, key] of optional) {
    const v = get(key);
    if (v !== undefined) (spec as unknown as Record<string, unknown>)[field] = v;
  }
  if (connectTimeoutSeconds !== undefined) spec.connectTimeoutSeconds = connectTimeoutSeconds;
  return spec;
}

function validPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}

function safeOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'postgres';
  }
}

/**
 * Where the passwords of a connection string stand, even when it is
 * malformed: the URL's user info (up to the last @, as an unencoded @ may
 * sit in the password), a `password=` query parameter, or the keyword form.
 */
function passwordSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const schemeEnd = text.indexOf('://');
  const find = (re: RegExp) => {
    for (const m of text.matchAll(re)) spans.push({ start: m.index + m[1]!.length, end: m.index + m[0].length });
  };
  if (schemeEnd === -1) {
    find(/(password\s*=\s*)(?:'(?:\\.|[^'\\])*'?|\S*)/gi);
    return spans;
  }
  const at = text.lastIndexOf('@');
  const colon = at > schemeEnd + 3 ? text.slice(schemeEnd + 3, at).indexOf(':') : -1;
  if (colon !== -1) spans.push({ start: schemeEnd + 3 + colon + 1, end: at });
  find(/([?&]password=)[^&#]*/gi);
  return spans;
}

/**
 * Registers a connection string as a secret, and its password alone, even
 * when the string is malformed: the one entry point for every URL a run is given.
 */
export function registerConnectionSecrets(text: string | undefined): void {
  if (!text) return;
  addSecret(text);
  for (const { start, end } of passwordSpans(text)) addSecret(text.slice(start, end).replace(/^'|'$/g, ''));
}

/** Replaces the passwords of a connection string with `***`, even when it is malformed. */
export function maskUrlPassword(text: string): string {
  let out = text;
  for (const { start, end } of passwordSpans(text).sort((a, b) => b.start - a.start)) out = `${out.slice(0, start)}***${out.slice(end)}`;
  return out;
}
