import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSchema, type SchemaSyncOptions } from '../../src/apply/sync.js';
import { readTargetMigrations } from '../../src/apply/ledger.js';
import { findMigrations } from '../../src/migrate/files.js';
import type { MigrationRun } from '../../src/migrate/desired.js';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/embedded/server.js';
import { createTestDatabase, serverMajor } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { withSessions } from '../helpers/sync.js';
import { tempDir } from '../helpers/tmp.js';

const PRODUCTION = `
create schema supabase_migrations;
create table supabase_migrations.schema_migrations (version text primary key, name text);
create table public.orders (id int generated always as identity primary key, total numeric not null);
`;
const COUPONS = 'create table public.coupons (code text primary key, pct int not null check (pct between 1 and 100));\n';

// Its own server: roles other tests create on the shared one are part of what the fingerprint sees.
let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedServer({ major: serverMajor() === 15 ? 15 : 17, label: 'fingerprint' });
});
afterAll(() => server?.stop());

describe('a push that changes nothing the desired schema is computed from', () => {
  it('skips computing it, and computes it again after any change: production, the target, a migration, an option', async () => {
    const production = await createTestDatabase('prod', server);
    const preview = await createTestDatabase('preview', server);
    await production.exec(PRODUCTION);
    const dir = tempDir('fingerprint');
    const write = (name: string, text: string) => {
      mkdirSync(path.join(dir, 'supabase/migrations'), { recursive: true });
      writeFileSync(path.join(dir, 'supabase/migrations', name), text);
    };
    write('20261201093000_coupons.sql', COUPONS);
    const push = async (options: SchemaSyncOptions = {}) => withSessions(production.url, preview.url, async (s, t) => {
      const files = await findMigrations(['supabase/migrations/*.sql'], dir);
      const runs: MigrationRun[] = files.map((f) => ({ file: f.display, version: f.version, statements: 0, ms: 0, status: 'not run' }));
      const ranBefore = await readTargetMigrations(t, 'supabase_migrations.schema_migrations');
      const outcome = await syncSchema(s, t, { allowDestructive: true, pending: { files, ranBefore, runs }, ...options });
      return { status: outcome.status, changes: outcome.plan.changes.length, skipped: runs.length > 0 && runs.every((r) => r.unchanged === true) };
    });
    /** Production's schema with the migrations on top, built apart on an empty database. */
    const expected = async (...migrations: string[]) => {
      const db = await createTestDatabase('expected', server);
      await db.exec(PRODUCTION + migrations.join('\n'));
      return schemaSnapshot(db.url, { excludeSchemas: ['_pg_branch_sync', 'supabase_migrations'] });
    };
    const now = () => schemaSnapshot(preview.url, { excludeSchemas: ['_pg_branch_sync', 'supabase_migrations'] });

    expect(await push()).toMatchObject({ status: 'applied', skipped: false });
    expect(await now()).toEqual(await expected(COUPONS));
    // Push 2, nothing new: the recorded fingerprint matches.
    expect(await push()).toEqual({ status: 'no-changes', changes: 0, skipped: true });
    expect(await push()).toEqual({ status: 'no-changes', changes: 0, skipped: true });

    // Production changes: computed again, and the change arrives.
    await production.exec('alter table public.orders add column note text');
    expect(await push()).toMatchObject({ status: 'applied', skipped: false });
    const withNote = 'alter table public.orders add column note text;\n';
    expect(await now()).toEqual(await expected(withNote, COUPONS));
    expect(await push()).toMatchObject({ status: 'no-changes', skipped: true });

    // The target changed by hand: computed again, and put back.
    await preview.exec('alter table public.coupons drop constraint coupons_pct_check; create table public.scratch (id int)');
    expect(await push()).toMatchObject({ status: 'applied', skipped: false });
    expect(await now()).toEqual(await expected(withNote, COUPONS));
    expect(await push()).toMatchObject({ status: 'no-changes', skipped: true });

    // The migration edited on the branch: computed again, the edit arrives.
    const edited = COUPONS.replace('pct int not null', 'pct int not null, max_uses int');
    write('20261201093000_coupons.sql', edited);
    expect(await push()).toMatchObject({ status: 'applied', skipped: false });
    expect(await now()).toEqual(await expected(withNote, edited));
    expect(await push()).toMatchObject({ status: 'no-changes', skipped: true });

    // A new migration: computed again.
    const LIMITS = 'create index coupons_pct on public.coupons (pct);\n';
    write('20261202090000_limits.sql', LIMITS);
    expect(await push()).toMatchObject({ status: 'applied', skipped: false });
    expect(await now()).toEqual(await expected(withNote, edited, LIMITS));

    // An option that shapes the desired schema: computed again (nothing to change), then recorded with it.
    expect(await push({ createRoles: true })).toMatchObject({ status: 'no-changes', skipped: false });
    expect(await push({ createRoles: true })).toMatchObject({ status: 'no-changes', skipped: true });
    expect(await push()).toMatchObject({ status: 'no-changes', skipped: false });

    // A ledger from before the fingerprint: the full computation, and a record from then on.
    await preview.exec('drop table _pg_branch_sync.desired_schema');
    expect(await push()).toMatchObject({ status: 'no-changes', skipped: false });
    expect(await push()).toMatchObject({ status: 'no-changes', skipped: true });
  });
});
