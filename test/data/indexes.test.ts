import type pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { DataSettings } from '../../src/config/resolve.js';
import { connect } from '../../src/db/connect.js';
import { emptyDataResult, runDataPhase } from '../../src/data/phase.js';
import { memoryLogger } from '../../src/log/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

async function session(db: TestDatabase, role: 'source' | 'target'): Promise<pg.Client> {
  const c = await connect(db.url, { role, retries: 0 });
  onTestFinished(() => c.end());
  return c;
}

async function copy(source: TestDatabase, target: TestDatabase, tables: string[]) {
  const logger = memoryLogger();
  const settings: DataSettings = { enabled: true, tables, exclude: [], mode: 'replace', where: {}, mask: {}, maskSalt: '' };
  await runDataPhase(await session(source, 'source'), await session(target, 'target'), { settings, lockTimeout: '5s', logger }, emptyDataResult());
  return logger;
}

// Every kind of index a table may carry; only the plain ones may be dropped for the load and built again.
const SCHEMA = `
  create table public.accounts (id bigint generated always as identity primary key, email text not null, code text not null,
    created_at timestamptz not null, active boolean not null default true, unique (code));
  create index accounts_created on public.accounts (created_at);
  create index accounts_email_lower on public.accounts (lower(email)) include (active) with (fillfactor = 80);
  create index accounts_active on public.accounts (created_at) where active;
  create unique index accounts_email_key on public.accounts (email);
  create index accounts_stats on public.accounts ((id % 10));
  alter index public.accounts_stats alter column 1 set statistics 500;
  comment on index public.accounts_created is 'for the timeline';
  alter table public.accounts cluster on accounts_email_lower;
  create table public.logins (email text references public.accounts (email), at timestamptz);
`;
const ROWS = `insert into public.accounts (email, code, created_at, active)
  select 'u' || i || '@example.com', 'c' || i, timestamptz '2026-01-01' + i * interval '1 minute', i % 3 > 0 from generate_series(1, 20000) i;
  analyze public.accounts;`;

const indexes = (db: TestDatabase) =>
  db.query("select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def, indisclustered as clustered, obj_description(indexrelid, 'pg_class') as comment, indexrelid::int as oid from pg_index where indrelid = 'public.accounts'::regclass order by 1");

describe('secondary indexes of a big table emptied for the copy', () => {
  it('are dropped for the load and built again as they were; the others are kept; parity holds', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS);
    await target.exec(`${SCHEMA} insert into public.accounts (email, code, created_at) values ('stale@example.com', 'stale', now());`);
    const before = await indexes(target);
    const logger = await copy(source, target, ['public.accounts']);

    const log = logger.lines.join('\n');
    expect(log).toMatch(/3 secondary index\(es\) built after the load in [\d.]+ s: accounts_active, accounts_created, accounts_email_lower/);
    const after = await indexes(target);
    expect(after.map(({ oid: _, ...rest }) => rest)).toEqual(before.map(({ oid: _, ...rest }) => rest));
    // Rebuilt: new relations for the three plain ones; the key, the constraint's index, the one a foreign key uses and the one with a statistics target kept.
    const moved = after.filter((a) => before.find((b) => b.name === a.name)!.oid !== a.oid).map((a) => a.name);
    expect(moved).toEqual(['accounts_active', 'accounts_created', 'accounts_email_lower']);
    expect(await schemaSnapshot(target.url)).toEqual(await schemaSnapshot(source.url));
    expect(await target.query('select count(*)::int as n from public.accounts')).toEqual([{ n: 20000 }]);
    expect(await target.query("select count(*)::int as n from public.accounts where code = 'stale'")).toEqual([{ n: 0 }]);
  });

  it('leaves a small table\'s indexes alone', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`${SCHEMA} insert into public.accounts (email, code, created_at) values ('a@example.com', 'a', now()); analyze public.accounts;`);
    await target.exec(SCHEMA);
    const before = await indexes(target);
    const logger = await copy(source, target, ['public.accounts']);
    expect(logger.lines.join('\n')).not.toContain('built after the load');
    expect(await indexes(target)).toEqual(before);
  });

  it('leave the target as it was when an index cannot be built again', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS);
    // The target has a unique index production lacks; production's rows break it.
    await target.exec(`${SCHEMA} create unique index accounts_day on public.accounts (date_trunc('day', created_at at time zone 'UTC'));
      insert into public.accounts (email, code, created_at) values ('kept@example.com', 'kept', now());`);
    const before = await indexes(target);
    await expect(copy(source, target, ['public.accounts'])).rejects.toThrow(/could not create unique index "accounts_day"/);
    expect(await indexes(target)).toEqual(before);
    expect(await target.query('select code from public.accounts')).toEqual([{ code: 'kept' }]);
  });
});

// A foreign key of a big table emptied for the copy: dropped for the load, added again (and so checked) after.
const KEYS = `
  create table public.owners (id bigint primary key, code text not null unique);
  create table public.pets (id bigint primary key, owner bigint not null, code text);
  alter table public.pets add constraint pets_owner_fkey foreign key (owner) references public.owners deferrable;
  comment on constraint pets_owner_fkey on public.pets is 'whose pet';
  alter table public.pets add constraint pets_code_fkey foreign key (code) references public.owners (code) not valid;
`;
const KEY_ROWS = `insert into public.owners select i, 'o' || i from generate_series(1, 20000) i;
  insert into public.pets select i, 1 + i % 20000, 'o' || (1 + i % 20000) from generate_series(1, 20000) i; analyze;`;
const keys = (db: TestDatabase) =>
  db.query("select conname as name, pg_get_constraintdef(oid) as def, obj_description(oid, 'pg_constraint') as comment from pg_constraint where conrelid = 'public.pets'::regclass order by 1");

describe('foreign keys of a big table emptied for the copy', () => {
  it('are dropped for the load and added again as they were; a NOT VALID one is kept', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(KEYS + KEY_ROWS);
    await target.exec(KEYS);
    const before = await keys(target);
    const logger = await copy(source, target, ['public.owners', 'public.pets']);
    expect(logger.lines.join('\n')).toMatch(/1 foreign key\(s\) added again and checked after the load in [\d.]+ s: pets_owner_fkey/);
    expect(await keys(target)).toEqual(before);
    expect(await schemaSnapshot(target.url)).toEqual(await schemaSnapshot(source.url));
    expect(await target.query('select count(*)::int as n from public.pets')).toEqual([{ n: 20000 }]);
  });

  it('fail the copy when a copied row references a row that is not copied, leaving the target as it was', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(KEYS + KEY_ROWS);
    await target.exec(`${KEYS} insert into public.owners values (1, 'kept');`);
    const before = await keys(target);
    const logger = memoryLogger();
    const settings: DataSettings = { enabled: true, tables: ['public.owners', 'public.pets'], exclude: [], mode: 'replace', where: { 'public.owners': 'id > 10' }, mask: {}, maskSalt: '' };
    await expect(runDataPhase(await session(source, 'source'), await session(target, 'target'), { settings, lockTimeout: '5s', logger }, emptyDataResult()))
      .rejects.toThrow(/table "pets" violates foreign key constraint "pets_(owner|code)_fkey"/);
    expect(await keys(target)).toEqual(before);
    expect(await target.query('select code from public.owners')).toEqual([{ code: 'kept' }]);
  });
});
