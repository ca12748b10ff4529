import pg from 'pg';
import type { EmbeddedServer } from '../src/embedded/server.js';
import { fmtMs, median, timed } from './lib.js';

const CLI = ['--import', './bench/rss.mjs', 'dist/cli/index.js'];

export type Shape = 'indexed' | 'narrow';

export interface DataRow {
  shape: Shape;
  rows: number;
  mib: number;
  restore: number;
  copy: number;
  copyRss: number;
}

const INDEXED = `
  create table public.bench_accounts (account_id bigint generated always as identity primary key, email text not null,
    created_at timestamptz not null, balance numeric(12,2), tags text[], profile jsonb,
    email_domain text generated always as (split_part(email, '@', 2)) stored);
  create table public.bench_events (account_id bigint references public.bench_accounts, event_no int, kind text, payload text,
    at timestamptz, primary key (account_id, event_no));
  create index bench_accounts_created on public.bench_accounts (created_at);
  create index bench_accounts_email on public.bench_accounts (lower(email));`;

// A narrow table: a key and two small columns, no secondary index — the load itself, with little to rebuild.
const NARROW = `
  create table public.bench_narrow (id bigint primary key, n int not null, label text);`;

function fillNarrow(rows: number): string {
  return `insert into public.bench_narrow select i, i % 1000, 'n' || (i % 5000) from generate_series(1, ${rows}) i;`;
}

function fill(rows: number): string {
  const accounts = Math.max(1, Math.floor(rows / 4));
  return `
    insert into public.bench_accounts (email, created_at, balance, tags, profile)
    select 'user' || i || '@example' || (i % 97) || '.com', timestamptz '2024-01-01' + i * interval '1 minute', (i % 100000) / 100.0,
           array['a' || (i % 7), 'b' || (i % 11)], jsonb_build_object('i', i, 'name', 'name ' || i, 'flag', i % 2 = 0)
    from generate_series(1, ${accounts}) i;
    insert into public.bench_events
    select 1 + (i % ${accounts}), i, (array['view', 'click', 'buy'])[1 + i % 3], repeat(md5(i::text), 2), timestamptz '2024-01-01' + i * interval '1 second'
    from generate_series(1, ${rows - accounts}) i;`;
}

async function admin<T>(server: EmbeddedServer, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(server.url());
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * `data` (COPY streamed between two connections, parity proven) against
 * `pg_dump --data-only | psql -1` of the same two tables into the same empty
 * schema, alternating; plus our peak memory, which must not grow with rows.
 */
export async function benchData(server: EmbeddedServer, node: string, shape: Shape, rows: number, rounds: number, log: (s: string) => void): Promise<DataRow> {
  const TABLES = shape === 'narrow' ? NARROW : INDEXED;
  const src = `data_src_${shape}_${rows}`;
  await admin(server, async (c) => {
    await c.query(`drop database if exists ${src}`);
    await c.query(`create database ${src}`);
  });
  const load = new pg.Client(server.url(src));
  await load.connect();
  await load.query(TABLES);
  await load.query(shape === 'narrow' ? fillNarrow(rows) : fill(rows));
  await load.query('vacuum analyze');
  await load.query('checkpoint');
  const size = await load.query<{ bytes: string }>("select sum(pg_total_relation_size(c.oid))::bigint as bytes from pg_class c where relname like 'bench_%' and relkind = 'r'");
  await load.end();
  const samples = { restore: [] as number[], copy: [] as number[], rss: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const a = `data_a_${shape}_${rows}_${round}`;
    const b = `data_b_${shape}_${rows}_${round}`;
    await admin(server, async (c) => {
      for (const db of [a, b]) {
        await c.query(`drop database if exists ${db}`);
        await c.query(`create database ${db}`);
      }
    });
    for (const db of [a, b]) {
      const c = new pg.Client(server.url(db));
      await c.connect();
      await c.query(TABLES);
      await c.end();
    }
    const tables = shape === 'narrow' ? '--table=public.bench_narrow' : '--table=public.bench_accounts --table=public.bench_events';
    const restore = await timed('sh', ['-c', `pg_dump --data-only ${tables} --dbname='${server.url(src)}' | psql -q -1 -v ON_ERROR_STOP=1 --dbname='${server.url(b)}' > /dev/null`]);
    if (restore.code !== 0) throw new Error(`pg_dump | psql failed: ${restore.stderr}`);
    const copy = await timed(node, [...CLI, 'data', '--table', 'public.bench_*', '--source', server.url(src), '--target', server.url(a)]);
    if (copy.code !== 0) throw new Error(`data exited ${copy.code}: ${copy.stderr.slice(-2000)}`);
    samples.restore.push(restore.ms);
    samples.copy.push(copy.ms);
    samples.rss.push(copy.maxRssKiB ?? 0);
    log(`  ${shape}, ${rows.toLocaleString('en')} rows, round ${round + 1}: pg_dump|psql ${fmtMs(restore.ms)}, data ${fmtMs(copy.ms)} (${Math.round((copy.maxRssKiB ?? 0) / 1024)} MiB)`);
    await admin(server, async (c) => {
      for (const db of [a, b]) await c.query(`drop database ${db} with (force)`);
      await c.query('checkpoint');
    });
  }
  await admin(server, (c) => c.query(`drop database ${src} with (force)`));
  return { shape, rows, mib: Number(size.rows[0]!.bytes) / 2 ** 20, restore: median(samples.restore), copy: median(samples.copy), copyRss: Math.max(...samples.rss) };
}

/** Throughput against pg_dump | psql is the inverse of the time ratio: 1.5× means the same rows in two thirds of the time. */
export function dataTable(rows: DataRow[]): string {
  return [
    '| Tables | Rows | Size on disk | `pg_dump --data-only \\| psql -1` | `data` (copy + parity) | throughput ÷ pg_dump\\|psql | rows/s | Peak memory |',
    '|:---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.shape === 'narrow' ? 'narrow (no secondary index)' : 'accounts + events (indexed)'} | ${r.rows.toLocaleString('en')} | ${Math.round(r.mib).toLocaleString('en')} MiB | ${fmtMs(r.restore)} | ${fmtMs(r.copy)} | **${(r.restore / r.copy).toFixed(2)}×** | ${Math.round(r.rows / (r.copy / 1000)).toLocaleString('en')} | ${Math.round(r.copyRss / 1024)} MiB |`),
  ].join('\n');
}
