import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { EmbeddedServer } from '../src/embedded/server.js';
import { generateSchema } from './generate.js';
import { fmtMs, median, timed } from './lib.js';

const CLI = ['--import', './bench/rss.mjs', 'dist/cli/index.js'];
const MIGRA = 'node_modules/@pgkit/migra/dist/command.js';

export interface SchemaRow {
  tables: number;
  statements: number;
  dump: number;
  plan: number;
  /** @pgkit/migra on the same pair of databases; undefined when it failed (see migraError). */
  migra: number | undefined;
  migraError?: string;
  restore: number;
  apply: number;
  /** apply from empty with 10 pending migrations (production + the pull request). */
  applyMigrations: number;
  /** The second push, nothing new: apply again; again with a folder of 10 migrations production has run; again with the 10 pending migrations. */
  again: number;
  againApplied: number;
  againMigrations: number;
  planRss: number;
  applyRss: number;
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

const sh = (cmd: string) => timed('sh', ['-c', cmd]);

/** plan vs pg_dump --schema-only, apply from empty vs pg_dump --schema-only | psql -1, alternating. */
export async function benchSchema(server: EmbeddedServer, node: string, tables: number, rounds: number, log: (s: string) => void): Promise<SchemaRow> {
  const src = `schema_src_${tables}`;
  await admin(server, async (c) => {
    await c.query(`drop database if exists ${src}`);
    await c.query(`create database ${src}`);
  });
  const load = new pg.Client(server.url(src));
  await load.connect();
  await load.query(generateSchema(tables));
  // Production's migration ledger: it lists the 10 files of the "applied" checkout; the 10 of the other are pending.
  await load.query('create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key)');
  await load.query(`insert into supabase_migrations.schema_migrations select (20250101000000 + i)::text from generate_series(1, 10) i`);
  // Settle the catalog (statistics, dirty pages) so neither side measures the load's aftermath.
  await load.query('vacuum analyze');
  await load.query('checkpoint');
  await load.end();

  const samples: Record<keyof Omit<SchemaRow, 'tables' | 'statements' | 'migraError'>, number[]> = {
    dump: [], plan: [], migra: [], restore: [], apply: [], applyMigrations: [], again: [], againApplied: [], againMigrations: [], planRss: [], applyRss: [],
  };
  const repo = migrationsRepo(tables);
  const applied = appliedRepo();
  let migraError: string | undefined;
  let statements = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const a = `schema_a_${tables}_${round}`;
      const b = `schema_b_${tables}_${round}`;
      const m = `schema_m_${tables}_${round}`;
      await admin(server, async (c) => {
        for (const db of [a, b, m]) {
          await c.query(`drop database if exists ${db}`);
          await c.query(`create database ${db}`);
        }
      });
      const dump = await sh(`pg_dump --schema-only --dbname='${server.url(src)}' > /dev/null`);
      const plan = await timed(node, [...CLI, 'plan', '--format', 'json', '--source', server.url(src), '--target', server.url(a)]);
      if (plan.code !== 2) throw new Error(`plan exited ${plan.code}: ${plan.stderr}`);
      // The engine behind the Supabase CLI's db diff, diffing the same two databases (from the empty one to the source).
      const migra = await timed(node, [MIGRA, 'run', server.url(a), server.url(src), '--unsafe', '--with-privileges']);
      if (migra.code === 0 || migra.code === 2) samples.migra.push(migra.ms);
      else migraError ??= migra.stderr.trim().split('\n').find((l) => /error/i.test(l))?.slice(0, 200) ?? `exit ${migra.code}`;
      const restore = await sh(`pg_dump --schema-only --dbname='${server.url(src)}' | psql -q -1 -v ON_ERROR_STOP=1 --dbname='${server.url(b)}' > /dev/null`);
      if (restore.code !== 0) throw new Error(`pg_dump | psql failed: ${restore.stderr}`);
      const apply = await timed(node, [...CLI, 'apply', '--allow-destructive', '--source', server.url(src), '--target', server.url(a)]);
      if (apply.code !== 0) throw new Error(`apply exited ${apply.code}: ${apply.stderr.slice(-2000)}`);
      // The count is printed with thousands separators (8,708).
      statements = Number((/applied ([\d,]+) changes/.exec(apply.stderr)?.[1] ?? '0').replaceAll(',', ''));
      const withMigrations = await timed(node, [...CLI, 'apply', '--allow-destructive', '--config', path.join(repo, 'pg-branch-sync.toml'), '--source', server.url(src), '--target', server.url(m)]);
      if (withMigrations.code !== 0 || !/10 migrations of this pull request/.test(withMigrations.stderr)) throw new Error(`apply with migrations exited ${withMigrations.code}: ${withMigrations.stderr.slice(-2000)}`);
      samples.applyMigrations.push(withMigrations.ms);
      // The second push: nothing new anywhere, so each run changes nothing.
      const again = await timed(node, [...CLI, 'apply', '--source', server.url(src), '--target', server.url(a)]);
      const againApplied = await timed(node, [...CLI, 'apply', '--config', path.join(applied, 'pg-branch-sync.toml'), '--source', server.url(src), '--target', server.url(a)]);
      const againMigrations = await timed(node, [...CLI, 'apply', '--config', path.join(repo, 'pg-branch-sync.toml'), '--source', server.url(src), '--target', server.url(m)]);
      for (const [name, r] of [['apply again', again], ['apply again, 10 applied migrations', againApplied], ['apply again, 10 pending migrations', againMigrations]] as const) {
        if (r.code !== 0 || !/no changes|nothing to do|in sync/i.test(r.stderr)) throw new Error(`${name} exited ${r.code} or changed something: ${r.stderr.slice(-2000)}`);
      }
      samples.again.push(again.ms);
      samples.againApplied.push(againApplied.ms);
      samples.againMigrations.push(againMigrations.ms);
      samples.dump.push(dump.ms);
      samples.plan.push(plan.ms);
      samples.restore.push(restore.ms);
      samples.apply.push(apply.ms);
      samples.planRss.push(plan.maxRssKiB ?? 0);
      samples.applyRss.push(apply.maxRssKiB ?? 0);
      log(`  ${tables} tables, round ${round + 1}: pg_dump ${fmtMs(dump.ms)}, plan ${fmtMs(plan.ms)}, migra ${migra.code <= 2 ? fmtMs(migra.ms) : `failed (${migra.code})`}; pg_dump|psql ${fmtMs(restore.ms)}, apply ${fmtMs(apply.ms)}, +10 migrations ${fmtMs(withMigrations.ms)}; again ${fmtMs(again.ms)} / ${fmtMs(againApplied.ms)} / ${fmtMs(againMigrations.ms)}`);
      await admin(server, async (c) => {
        for (const db of [a, b, m]) await c.query(`drop database ${db} with (force)`);
        await c.query('checkpoint');
      });
    }
  } finally {
    for (const dir of [repo, applied]) rmSync(dir, { recursive: true, force: true });
  }
  await admin(server, (c) => c.query(`drop database ${src} with (force)`));
  return {
    tables,
    statements,
    dump: median(samples.dump),
    plan: median(samples.plan),
    migra: samples.migra.length > 0 ? median(samples.migra) : undefined,
    ...(migraError ? { migraError } : {}),
    restore: median(samples.restore),
    apply: median(samples.apply),
    applyMigrations: median(samples.applyMigrations),
    again: median(samples.again),
    againApplied: median(samples.againApplied),
    againMigrations: median(samples.againMigrations),
    planRss: Math.max(...samples.planRss),
    applyRss: Math.max(...samples.applyRss),
  };
}

export function schemaTable(rows: SchemaRow[]): string {
  const ratio = (a: number, b: number) => `**${(a / b).toFixed(2)}×**`;
  const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
  return [
    '| Tables | Statements | `pg_dump --schema-only` | `plan` | plan ÷ pg_dump | `@pgkit/migra` | plan ÷ migra | `pg_dump \\| psql -1` | `apply` (plan + apply + verify) | apply ÷ pg_dump\\|psql | `apply` + 10 pending migrations | ÷ apply | Peak memory (plan / apply) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.tables.toLocaleString('en')} | ${r.statements.toLocaleString('en')} | ${fmtMs(r.dump)} | ${fmtMs(r.plan)} | ${ratio(r.plan, r.dump)} | ${r.migra === undefined ? 'failed' : fmtMs(r.migra)} | ${r.migra === undefined ? '–' : ratio(r.plan, r.migra)} | ${fmtMs(r.restore)} | ${fmtMs(r.apply)} | ${ratio(r.apply, r.restore)} | ${fmtMs(r.applyMigrations)} | ${ratio(r.applyMigrations, r.apply)} | ${mib(r.planRss)} / ${mib(r.applyRss)} |`),
    ...rows.filter((r) => r.migraError).map((r) => `\nmigra at ${r.tables.toLocaleString('en')} tables: ${r.migraError}`),
  ].join('\n');
}

/** The second push of a pull request: nothing new in production or in the checkout. */
export function secondPushTable(rows: SchemaRow[]): string {
  const ratio = (a: number, b: number) => `**${(a / b).toFixed(2)}×**`;
  return [
    '| Tables | `apply` again | with 10 migrations production has run | ÷ again | with 10 pending migrations | ÷ again | ÷ first `apply` |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.tables.toLocaleString('en')} | ${fmtMs(r.again)} | ${fmtMs(r.againApplied)} | ${ratio(r.againApplied, r.again)} | ${fmtMs(r.againMigrations)} | ${ratio(r.againMigrations, r.again)} | ${ratio(r.againMigrations, r.apply)} |`),
  ].join('\n');
}

/** A checkout whose 10 migrations production has run (its ledger lists them): nothing pending. */
function appliedRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbs-bench-applied-'));
  mkdirSync(path.join(dir, 'supabase', 'migrations'), { recursive: true });
  writeFileSync(path.join(dir, 'pg-branch-sync.toml'), '[migrations]\npaths = ["supabase/migrations/*.sql"]\n');
  for (let i = 1; i <= 10; i++) writeFileSync(path.join(dir, 'supabase', 'migrations', `${20250101000000 + i}_old_${i}.sql`), `create table bench.old_${i} (id int);\n`);
  return dir;
}

/** A checkout with 10 pending migrations on the generated schema: new tables, columns, indexes, a view, a backfill. */
function migrationsRepo(tables: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbs-bench-migrations-'));
  mkdirSync(path.join(dir, 'supabase', 'migrations'), { recursive: true });
  writeFileSync(path.join(dir, 'pg-branch-sync.toml'), '[migrations]\npaths = ["supabase/migrations/*.sql"]\n');
  for (let i = 1; i <= 10; i++) {
    const t = `bench.t${1 + ((i * 97) % tables)}`;
    const sql = [
      `create table bench.pr_${i} (id bigint generated always as identity primary key, ref bigint references ${t} (id), note text not null default '');`,
      `create index pr_${i}_ref on bench.pr_${i} (ref);`,
      `alter table ${t} add column pr_flag_${i} boolean not null default false;`,
      `update ${t} set pr_flag_${i} = true where qty > 1;`,
      i % 5 === 0 ? `create view bench.pr_view_${i} as select id, note from bench.pr_${i};` : `comment on table bench.pr_${i} is 'migration ${i}';`,
    ];
    writeFileSync(path.join(dir, 'supabase', 'migrations', `${20261201000000 + i}_pr_${i}.sql`), `${sql.join('\n')}\n`);
  }
  return dir;
}
