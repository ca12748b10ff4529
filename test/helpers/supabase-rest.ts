import type http from 'node:http';
import type pg from 'pg';
import { quoteIdent } from '../../src/db/quote.js';
import { BEARER, header, send } from './supabase-http.js';

/** What the REST stand-in needs of the server it runs in. */
export interface RestApi {
  /** PostgREST's `db-schemas`; the first is the default profile. */
  exposedSchemas: string[];
  /** PostgREST's `db-max-rows`. */
  maxRows: number;
  roleOf: (token: string) => string | null;
  /** A schema reload under way, if any. */
  reloading: () => Promise<void> | undefined;
  /** schema -> tables and views PostgREST can see. */
  schemaCache: () => Map<string, Set<string>>;
  pool: () => pg.Pool;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** REST (PostgREST) under /rest/v1, past the gateway's key check: GET and HEAD of a table or view, served from the real database. */
export async function serveRest(api: RestApi, req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string): Promise<void> {
  const error = (status: number, code: string, message: string, details: string | null = null, hint: string | null = null) =>
    send(res, method, status, { code, details, hint, message });

  const token = BEARER.exec(header(req, 'authorization') ?? '')?.[1];
  if (token !== undefined && !api.roleOf(token)) {
    const parts = token.split('.').length;
    return error(401, 'PGRST301', parts === 3 ? 'JWSError JWSInvalidSignature' : `Expected 3 parts in JWT; got ${parts}`);
  }
  const table = decodeURIComponent(url.pathname.slice('/rest/v1/'.length));
  if (!table || table.includes('/') || (method !== 'GET' && method !== 'HEAD')) {
    return send(res, method, 404, { message: `FakeSupabase: ${method} ${url.pathname} is not implemented` });
  }
  const exposed = api.exposedSchemas;
  const schema = header(req, 'accept-profile') ?? exposed[0]!;
  if (!exposed.includes(schema)) {
    return error(406, 'PGRST106', `Invalid schema: ${schema}`, null, `Only the following schemas are exposed: ${exposed.join(', ')}`);
  }
  // A reload already told to happen is done before answering (the NOTIFY arrives with the commit).
  await api.reloading();
  const known = api.schemaCache().get(schema) ?? new Set<string>();
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
  const rows = Math.min(limit ?? Infinity, api.maxRows);
  const counting = /(?:^|[,\s])count=(exact|planned|estimated)(?:$|[,\s])/.test(header(req, 'prefer') ?? '');

  const relation = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  let result: { body: string; returned: string; total: string | null };
  try {
    const { rows: [row] } = await api.pool().query<{ body: string; returned: string; total: string | null }>(
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
  send(res, method, status, result.body, { 'Content-Range': contentRange });
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
