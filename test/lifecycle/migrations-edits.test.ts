import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config/resolve.js';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/embedded/server.js';
import { memoryLogger } from '../../src/log/logger.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { createDatabaseOn, createTestDatabase, serverMajor } from '../helpers/db.js';
import { makeRepo } from '../helpers/repo.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

const PLATFORM = `
create schema storage;
create table storage.buckets (id text primary key, name text not null);
create schema supabase_migrations;
create table supabase_migrations.schema_migrations (version text primary key, name text);
create table public.orders (order_id int generated always as identity primary key, total numeric not null);
insert into supabase_migrations.schema_migrations values ('20260101000000', 'init');
`;
const COUPONS = `create table public.coupons (code text primary key, pct int not null);
insert into storage.buckets (id, name) values ('coupon-art', 'coupon-art');
copy public.coupons (code, pct) from stdin;
WELCOME\t10
SPRING\t15
\\.
`;
// The same migration as edited later on the branch: a column more, one row statement more.
const COUPONS_EDITED = `create table public.coupons (code text primary key, pct int not null, max_uses int);
insert into storage.buckets (id, name) values ('coupon-art', 'coupon-art');
copy public.coupons (code, pct) from stdin;
WELCOME\t10
SPRING\t15
\\.
insert into storage.buckets (id, name) values ('coupon-thumbs', 'coupon-thumbs');
`;

function push(dir: string, sourceUrl: string, targetUrl: string, createRoles?: boolean) {
  const settings = resolveSettings({}, 'preview', { sourceUrl, targetUrl, createRoles }, () => undefined, dir);
  return runPipeline({ ...settings, sourceUrl, targetUrl, targetName: 'preview', logger: memoryLogger() });
}

const rows = async (url: string, sql: string) => {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
};

describe('a migration with COPY data, edited on the branch', () => {
  it('writes its rows once, keeps them while production moves, and adds only the new ones once the file changes', async () => {
    const production = await createTestDatabase('prod');
    const preview = await createTestDatabase('preview');
    await production.exec(PLATFORM);
    await preview.exec(PLATFORM);
    const dir = makeRepo({ 'supabase/migrations/20261201093000_coupons.sql': COUPONS });
    const first = await push(dir, production.url, preview.url);
    expect(first.error).toBeUndefined();
    expect(first.status).toBe('applied');
    expect(await rows(preview.url, 'select code from public.coupons order by 1')).toEqual([{ code: 'SPRING' }, { code: 'WELCOME' }]);

    // Production changes meanwhile: the migration that ran here is run again on the way, its rows not doubled.
    await preview.exec("insert into public.coupons values ('BY-HAND', 5)");
    await production.exec('alter table public.orders add column note text');
    const second = await push(dir, production.url, preview.url);
    expect(second.error).toBeUndefined();
    expect(second.status).toBe('applied');
    expect(second.migrations?.runs.map((r) => r.status)).toEqual(['kept']);
    expect(await rows(preview.url, 'select code from public.coupons order by 1')).toEqual([{ code: 'BY-HAND' }, { code: 'SPRING' }, { code: 'WELCOME' }]);
    expect(await rows(preview.url, 'select id from storage.buckets')).toEqual([{ id: 'coupon-art' }]);

    // The file is edited: its new column and its new row arrive, the rows it wrote before are not written twice.
    writeFileSync(path.join(dir, 'supabase/migrations/20261201093000_coupons.sql'), COUPONS_EDITED);
    const third = await push(dir, production.url, preview.url);
    expect(third.error).toBeUndefined();
    expect(third.status).toBe('applied');
    expect(third.migrations?.runs.map((r) => r.status)).toEqual(['applied']);
    expect(await rows(preview.url, 'select id from storage.buckets order by 1')).toEqual([{ id: 'coupon-art' }, { id: 'coupon-thumbs' }]);
    expect(await rows(preview.url, 'select count(*)::int as n from public.coupons')).toEqual([{ n: 3 }]);
    const expected = await createTestDatabase('expected');
    await expected.exec(`${PLATFORM} alter table public.orders add column note text;`);
    await expected.exec(COUPONS_EDITED.replace(/copy[^]*?\\\.\n/, ''));
    expect(await schemaSnapshot(preview.url)).toEqual(await schemaSnapshot(expected.url));

    const fourth = await push(dir, production.url, preview.url);
    expect(fourth.error).toBeUndefined();
    expect(fourth.status).toBe('no-changes');
  });
});

// Roles are cluster-wide: a target without production's role needs a server of its own.
let other: EmbeddedServer;
beforeAll(async () => {
  other = await startEmbeddedServer({ major: serverMajor() === 15 ? 15 : 17, label: 'mig-roles' });
});
afterAll(() => other?.stop());

const freshTarget = () => createDatabaseOn(other, 'migroles');

describe('a migration that grants to a role production has and the target lacks', () => {
  it('says so instead of "would fail on production"; with create-roles the role is made and the migration runs', async () => {
    const production = await createTestDatabase('prod');
    await production.exec(`do $$ begin if not exists (select from pg_roles where rolname = 'pgbs_reporting') then create role pgbs_reporting nologin; end if; end $$; ${PLATFORM}`);
    const target = await freshTarget();
    await rows(target, PLATFORM.replace(/insert into supabase_migrations[^;]*;/, ''));
    const grant = 'create table public.reports (id int primary key);\n\ngrant select on public.reports to pgbs_reporting;\n';
    const dir = makeRepo({ 'supabase/migrations/20261201093000_reports.sql': grant });
    const refused = await push(dir, production.url, target);
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain('20261201093000_reports.sql:3:');
    expect(refused.error).toContain('role "pgbs_reporting" does not exist');
    expect(refused.error).toContain("Production has role pgbs_reporting, this target's server does not");
    expect(refused.error).toContain('create-roles');
    expect(refused.error).not.toContain('would fail when deployed to production');
    expect(await rows(target, "select to_regclass('public.reports') is null as absent")).toEqual([{ absent: true }]);

    const created = await push(dir, production.url, target, true);
    expect(created.error).toBeUndefined();
    expect(created.status).toBe('applied');
    expect(created.schema?.plan.changes.map((c) => c.sql)).toContain('CREATE ROLE pgbs_reporting NOLOGIN;');
    expect(await rows(target, "select has_table_privilege('pgbs_reporting', 'public.reports', 'select') as granted")).toEqual([{ granted: true }]);
    const again = await push(dir, production.url, target, true);
    expect(again.error).toBeUndefined();
    expect(again.status).toBe('no-changes');

    // A role production lacks as well: the migration would fail on deploy, and is said to.
    writeFileSync(path.join(dir, 'supabase/migrations/20261202000000_audit.sql'), 'grant select on public.reports to pgbs_nobody_has;\n');
    const broken = await push(dir, production.url, target, true);
    expect(broken.status).toBe('failed');
    expect(broken.error).toContain('would fail when deployed to production');
  });
});
