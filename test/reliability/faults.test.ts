import path from 'node:path';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveSettings } from '../../src/config/resolve.js';
import { memoryLogger } from '../../src/log/logger.js';
import { runPipeline, type RunReport, type Step } from '../../src/pipeline/run.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { makeRepo } from '../helpers/repo.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

/** Holds a lock in a session of its own; the returned function lets go of it. */
async function hold(db: TestDatabase, lock: string): Promise<() => Promise<void>> {
  const c = new pg.Client(db.url);
  await c.connect();
  c.on('error', () => undefined);
  const release = () => c.end().catch(() => undefined);
  onTestFinished(release);
  await c.query(`BEGIN; ${lock}`);
  return release;
}

/** Waits until one of our sessions on `db` waits for a lock, then kills it as a dropped connection would. */
async function killWhenBlocked(db: TestDatabase): Promise<string> {
  const admin = new pg.Client(adminUrl());
  await admin.connect();
  try {
    for (let i = 0; i < 400; i++) {
      const { rows } = await admin.query<{ pid: number; query: string }>(
        "select pid, query from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and application_name like 'pg-branch-sync%'", [db.name],
      );
      if (rows[0]) {
        await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
        // Another session of the same run may be queued on the same lock: it goes too.
        await new Promise((r) => setTimeout(r, 300));
        await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and application_name like 'pg-branch-sync%'", [db.name],
        );
        return rows[0].query;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const { rows } = await admin.query('select application_name, wait_event_type, state, left(query, 80) as q from pg_stat_activity where datname = $1', [db.name]);
    throw new Error(`no session of ours ever waited for the lock: ${JSON.stringify(rows)}`);
  } finally {
    await admin.end();
  }
}

async function rowsOf(db: TestDatabase, tables: string[]): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await db.query(`select * from ${t} order by 1`);
  return out;
}

function pipeline(source: TestDatabase | undefined, target: TestDatabase, steps: Step[], config: Parameters<typeof resolveSettings>[0] = {}, root = process.cwd()): Promise<RunReport> {
  const settings = resolveSettings(config, 'preview', { sourceUrl: source?.url, targetUrl: target.url, allowDestructive: true, lockTimeout: '60s' }, () => undefined, root);
  return runPipeline({ ...settings, sourceUrl: source?.url, targetUrl: target.url, targetName: 'preview', steps, logger: memoryLogger() });
}

const TABLES = `
  create table public.regions (region_code text primary key, name text not null);
  create table public.stores (store_no int primary key, region_code text references public.regions, name text);`;

describe('faults: a run that dies halfway leaves the target as it was', () => {
  it('the target connection killed during apply', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`${TABLES} alter table public.stores add column opened date; create index stores_name on public.stores (name); create table public.zz_last (x int);`);
    await target.exec(`${TABLES} insert into regions values ('eu', 'Europe');`);
    const before = await schemaSnapshot(target.url);
    // The plan reaches stores after creating other things; the kill lands mid-transaction.
    const release = await hold(target, 'lock table public.stores in access exclusive mode');
    const [report, killed] = await Promise.all([pipeline(source, target, ['schema']), killWhenBlocked(target)]);
    await release();
    expect(killed).toMatch(/stores/i);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/terminat|connection/i);
    expect(await schemaSnapshot(target.url)).toEqual(before);
    expect(await target.query('select * from regions')).toEqual([{ region_code: 'eu', name: 'Europe' }]);
  });

  it('the target connection killed during a data load', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`${TABLES} insert into regions select 'r' || i, 'Region ' || i from generate_series(1, 50) i;
      insert into stores select i, 'r' || (1 + i % 50), 'Store ' || i from generate_series(1, 500) i;`);
    await target.exec(`${TABLES} insert into regions values ('r1', 'Old name'), ('mine', 'Mine'); insert into stores values (1, 'mine', 'Mine');`);
    const before = await rowsOf(target, ['regions', 'stores']);
    // Upsert writes regions first, then waits for stores.
    const release = await hold(target, 'lock table public.stores in access exclusive mode');
    const config = { data: { enabled: true, tables: ['public.regions', 'public.stores'], mode: 'upsert' as const } };
    const [report] = await Promise.all([pipeline(source, target, ['data'], config), killWhenBlocked(target)]);
    await release();
    expect(report.status).toBe('failed');
    expect(report.phases.find((p) => p.name === 'data')?.status).toBe('failed');
    expect(await rowsOf(target, ['regions', 'stores'])).toEqual(before);
  });

  it('the source connection killed mid-copy', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`${TABLES} insert into regions values ('eu', 'Europe'); insert into stores values (1, 'eu', 'Store');`);
    await target.exec(`${TABLES} insert into regions values ('old', 'Old');`);
    const before = await rowsOf(target, ['regions', 'stores']);
    // The copy reads regions, then waits to read stores on the source.
    const release = await hold(source, 'lock table public.stores in access exclusive mode');
    const config = { data: { enabled: true, tables: ['public.*'] } };
    const [report, killed] = await Promise.all([pipeline(source, target, ['data'], config), killWhenBlocked(source)]);
    await release();
    expect(killed).toMatch(/stores/);
    expect(report.status).toBe('failed');
    expect(await rowsOf(target, ['regions', 'stores'])).toEqual(before);
  });

  it('the target connection killed while a seed file runs', async () => {
    const target = await createTestDatabase('tgt');
    await target.exec(`${TABLES} insert into regions values ('eu', 'Europe');`);
    const before = await rowsOf(target, ['regions', 'stores']);
    const root = makeRepo({ 'supabase/seed.sql': "insert into regions values ('us', 'Americas');\ninsert into stores values (9, 'us', 'Seeded');\n" });
    const release = await hold(target, 'lock table public.stores in access exclusive mode');
    const [report] = await Promise.all([pipeline(undefined, target, ['seed'], {}, root), killWhenBlocked(target)]);
    await release();
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/terminat|connection/i);
    expect(await rowsOf(target, ['regions', 'stores'])).toEqual(before);
    expect(path.basename(root)).toMatch(/^pgbs-repo-/);
  });

  it('a target role without CREATE gets an error naming what it lacks, and nothing changes', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`${TABLES} create schema reports; create table reports.daily (day date primary key);`);
    await target.exec(`${TABLES} do $$ begin create role pgbs_no_create login password 'x'; exception when duplicate_object then null; end $$;
      grant usage on schema public to pgbs_no_create; revoke create on database ${target.name} from public;`);
    const before = await schemaSnapshot(target.url);
    const url = new URL(target.url);
    url.username = 'pgbs_no_create';
    url.password = 'x';
    const settings = resolveSettings({}, 'preview', { sourceUrl: source.url, targetUrl: url.toString(), lockTimeout: '5s' });
    const report = await runPipeline({ ...settings, sourceUrl: source.url, targetUrl: url.toString(), targetName: 'preview', steps: ['schema'], logger: memoryLogger() });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/permission denied for database|must be owner/);
    expect(await schemaSnapshot(target.url)).toEqual(before);
  });

  it("the source's statement timeout stops a long read: a clear error with the fix, and the target as it was", async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`${TABLES} insert into regions select 'r' || i, repeat('x', 200) from generate_series(1, 400000) i;`);
    await target.exec(`${TABLES} insert into regions values ('old', 'Old');`);
    const before = await rowsOf(target, ['regions']);
    const slowSource = `${source.url}?options=${encodeURIComponent('-c statement_timeout=300')}`;
    const settings = resolveSettings({ data: { enabled: true, tables: ['public.regions'] } }, 'preview', { sourceUrl: slowSource, targetUrl: target.url });
    const report = await runPipeline({ ...settings, sourceUrl: slowSource, targetUrl: target.url, targetName: 'preview', steps: ['data'], logger: memoryLogger() });
    expect(report.status).toBe('failed');
    expect(report.error).toContain('canceling statement due to statement timeout');
    expect(report.error).toContain("HINT:  the server's statement_timeout for this role stopped the statement");
    expect(await rowsOf(target, ['regions'])).toEqual(before);
  });

  it("the target's statement timeout does not cut a schema change short: applied like a restore, lock waits still bounded", async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const big = `${TABLES} insert into stores select i, null, md5(i::text) from generate_series(1, 300000) i;`;
    await source.exec(`${TABLES} create index stores_name on public.stores (name, store_no);`);
    await target.exec(big);
    const slowTarget = `${target.url}?options=${encodeURIComponent('-c statement_timeout=150')}`;
    const settings = resolveSettings({}, 'preview', { sourceUrl: source.url, targetUrl: slowTarget });
    const report = await runPipeline({ ...settings, sourceUrl: source.url, targetUrl: slowTarget, targetName: 'preview', steps: ['schema'], logger: memoryLogger() });
    expect(report.error).toBeUndefined();
    expect(report.status).toBe('applied');
  });
});
