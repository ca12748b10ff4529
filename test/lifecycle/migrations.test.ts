import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/embedded/server.js';
import { runAction, type ActionRun } from '../helpers/action.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, serverMajor, type TestDatabase } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

const PLATFORM = `
create schema storage;
create table storage.buckets (id text primary key, name text not null, public boolean not null default false);
create schema supabase_migrations;
create table supabase_migrations.schema_migrations (version text primary key, name text);
`;
const INIT = `create table public.orders (order_id int generated always as identity primary key, total numeric not null);\n`;
const COUPONS = `-- the pull request's change
create table public.coupons (code text primary key, pct int not null check (pct between 1 and 100));
alter table public.orders add column coupon_code text references public.coupons;
insert into storage.buckets (id, name) values ('coupon-art', 'coupon-art');
insert into public.coupons values ('WELCOME', 10);
`;
const LIMITS = 'alter table public.coupons add column max_uses int;\n';
const CLASH = '-- someone added this column in the dashboard already\nalter table public.orders add column note text;\n';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbs-migrations-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** The expected schema built apart: production's SQL, then the migrations, on an empty database. */
async function expected(parts: string[]): Promise<unknown> {
  const db = await createTestDatabase('expected');
  await db.exec(parts.join('\n'));
  return schemaSnapshot(db.url);
}

const count = async (db: TestDatabase, sql: string) => Number((await db.query<{ n: string }>(sql))[0]!.n);

describe("a pull request carrying its own migrations, push after push through the packaged action", () => {
  it('gives the preview production + the pull request, keeps its rows, follows production, fails a migration that would fail on deploy', async () => {
    const production = await createTestDatabase('prod');
    const preview = await createTestDatabase('preview');
    await production.exec(`${PLATFORM}${INIT} insert into supabase_migrations.schema_migrations values ('20260101000000', 'init'); insert into public.orders (total) values (10), (20);`);
    await preview.exec(`${PLATFORM}${INIT}`);
    const dir = repo({ 'supabase/migrations/20260101000000_init.sql': INIT, 'supabase/migrations/20261201093000_coupons.sql': COUPONS });
    const push = (): Promise<ActionRun> => runAction({ 'source-url': production.url, 'target-url': preview.url, comment: 'false', seed: 'false' }, {}, dir);
    const failure = (run: ActionRun) => run.stdout.split('\n').filter((l) => l.startsWith('::error')).join('\n');
    try {
      // Plan mode computes all of it and keeps nothing.
      const untouched = await schemaSnapshot(preview.url);
      const planned = await runAction({ 'source-url': production.url, 'target-url': preview.url, comment: 'false', mode: 'plan' }, {}, dir);
      expect(planned.code, failure(planned)).toBe(0);
      expect(planned.outputs).toMatchObject({ status: 'planned', 'pending-migrations': '1', 'destructive-changes': '0' });
      expect(planned.summary).toContain('🔀 pull request');
      expect(await schemaSnapshot(preview.url)).toEqual(untouched);
      expect(await preview.query('select id from storage.buckets')).toEqual([]);

      // Push 1: the pull request's migration runs on top of production; nothing is destructive.
      const first = await push();
      expect(first.code, failure(first)).toBe(0);
      expect(first.outputs).toMatchObject({ status: 'applied', 'pending-migrations': '1', 'destructive-changes': '0' });
      expect(await schemaSnapshot(preview.url)).toEqual(await expected([PLATFORM, INIT, COUPONS]));
      expect(await preview.query('select id from storage.buckets')).toEqual([{ id: 'coupon-art' }]);
      expect(await preview.query('select code from public.coupons')).toEqual([{ code: 'WELCOME' }]);
      expect(first.summary).toContain('20261201093000_coupons.sql');

      // Push 2, unchanged: nothing to do, and a row added by hand to the pull request's table survives.
      await preview.exec("insert into public.coupons values ('BY-HAND', 5)");
      const second = await push();
      expect(second.code, failure(second)).toBe(0);
      expect(second.outputs).toMatchObject({ status: 'no-changes', changes: '0', 'pending-migrations': '1' });
      expect(await count(preview, 'select count(*) as n from public.coupons')).toBe(2);
      expect(await count(preview, 'select count(*) as n from storage.buckets')).toBe(1);

      // Push 3 adds a second migration; production meanwhile gets a dashboard change: the preview has all three.
      writeFileSync(path.join(dir, 'supabase/migrations/20261202000000_limits.sql'), `begin;\n${LIMITS}commit;\n`);
      await production.exec('alter table public.orders add column note text');
      const third = await push();
      expect(third.code, failure(third)).toBe(0);
      expect(third.outputs).toMatchObject({ status: 'applied', 'pending-migrations': '2', 'destructive-changes': '0' });
      expect(await schemaSnapshot(preview.url)).toEqual(await expected([PLATFORM, INIT, 'alter table public.orders add column note text;', COUPONS, LIMITS]));
      expect(await count(preview, 'select count(*) as n from public.coupons')).toBe(2);
      expect(third.summary).toContain("(its BEGIN/COMMIT, line 1, 3, left out: it runs inside the run's one transaction)");
      // validate alone compares with the same desired schema, and says so.
      writeFileSync(path.join(dir, 'pg-branch-sync.toml'), '');
      const validated = await cli(['validate', '--source', production.url, '--target', preview.url, '--config', path.join(dir, 'pg-branch-sync.toml')]);
      expect(validated.code, validated.stdout).toBe(0);
      expect(validated.stdout).toContain('the schema equals production + 2 migrations of this pull request');

      // Push 4 adds a migration that fails on production's schema: the run fails at its line, the preview unchanged.
      const before = await schemaSnapshot(preview.url);
      writeFileSync(path.join(dir, 'supabase/migrations/20261203000000_note.sql'), CLASH);
      const fourth = await push();
      expect(fourth.code).toBe(1);
      expect(fourth.stdout).toMatch(/::error title=migration fails on production's schema,file=supabase\/migrations\/20261203000000_note\.sql,line=2,col=\d+::/);
      expect(fourth.stdout).toContain('column \\"note\\" of relation \\"orders\\" already exists'.replaceAll('\\"', '"'));
      expect(fourth.stdout).toContain('would fail when deployed to production');
      expect(await schemaSnapshot(preview.url)).toEqual(before);

      // The merge: production runs both migrations and records them; the preview then equals production.
      unlinkSync(path.join(dir, 'supabase/migrations/20261203000000_note.sql'));
      await production.exec(`${COUPONS}${LIMITS} insert into supabase_migrations.schema_migrations values ('20261201093000', 'coupons'), ('20261202000000', 'limits');`);
      const merged = await push();
      expect(merged.code, failure(merged)).toBe(0);
      expect(merged.outputs).toMatchObject({ 'pending-migrations': '0', 'destructive-changes': '0' });
      expect(await schemaSnapshot(preview.url)).toEqual(await schemaSnapshot(production.url));
      expect(await count(preview, 'select count(*) as n from public.coupons')).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses files without a version, two files with one version, and a ledger production lacks, naming the ways out', async () => {
    const production = await createTestDatabase('prod');
    const preview = await createTestDatabase('preview');
    await production.exec(INIT);
    await preview.exec(INIT);
    const run = async (files: Record<string, string>) => {
      const dir = repo(files);
      try {
        return await runAction({ 'source-url': production.url, 'target-url': preview.url, comment: 'false' }, {}, dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    expect((await run({ 'supabase/migrations/add_coupons.sql': COUPONS })).stdout).toContain('migration file(s) without a version prefix: supabase/migrations/add_coupons.sql');
    expect((await run({ 'supabase/migrations/1_a.sql': LIMITS, 'supabase/migrations/001_b.sql': LIMITS })).stdout).toContain('two migration files have version 1');
    const noLedger = await run({ 'supabase/migrations/20261201093000_coupons.sql': COUPONS });
    expect(noLedger.code).toBe(1);
    expect(noLedger.stdout).toContain('production has no migration ledger supabase_migrations.schema_migrations');
    expect(noLedger.stdout).toContain('pending = "git"');
    const off = await runAction({ 'source-url': production.url, 'target-url': preview.url, comment: 'false', migrations: 'false' }, {}, repo({ 'supabase/migrations/20261201093000_coupons.sql': COUPONS }));
    expect(off.code).toBe(0);
    expect(off.outputs['pending-migrations']).toBe('0');
  });
});

describe('pending migrations beside a seed that makes its own helper', () => {
  // Its own server: roles other tests create on the shared one are part of what the fingerprint sees.
  let server: EmbeddedServer;
  beforeAll(async () => {
    server = await startEmbeddedServer({ major: serverMajor() === 15 ? 15 : 17, label: 'seed-helper' });
  });
  afterAll(() => server?.stop());

  it('keep the helper out of the desired schema, push after push', async () => {
    const production = await createTestDatabase('prod', server);
    const preview = await createTestDatabase('preview', server);
    await production.exec(`${PLATFORM}${INIT} insert into supabase_migrations.schema_migrations values ('20260101000000', 'init');`);
    await preview.exec(`${PLATFORM}${INIT}`);
    const dir = repo({
      'supabase/migrations/20260101000000_init.sql': INIT,
      'supabase/migrations/20261201093000_coupons.sql': COUPONS,
      'supabase/seed.sql': "create or replace function public.reseed() returns void language sql as $$ delete from public.coupons where code <> 'WELCOME' $$;\nselect public.reseed();\n",
    });
    try {
      for (const push of [1, 2, 3]) {
        const run = await runAction({ 'source-url': production.url, 'target-url': preview.url, comment: 'false' }, {}, dir);
        expect(run.code, `push ${push}: ${run.stdout.split('\n').filter((l) => l.startsWith('::error')).join('\n')}`).toBe(0);
        expect(run.outputs['failed-checks']).toBe('0');
        if (push > 1) expect(run.outputs.status).toBe('no-changes');
        // The seed's helper is set aside in the recorded fingerprint too: from the second push on nothing is computed again.
        expect(run.summary.includes('Not computed again'), `push ${push}`).toBe(push > 1);
      }
      expect(await preview.query("select to_regprocedure('public.reseed()') is not null as kept")).toEqual([{ kept: true }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
