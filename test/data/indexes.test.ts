import { describe, expect, it } from 'vitest';
import type { DataSettings } from '../../src/config/resolve.js';
import { emptyDataResult, runDataPhase } from '../../src/data/phase.js';
import { memoryLogger } from '../../src/log/logger.js';
import { dataSession, dataSettings } from '../helpers/data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

async function copy(source: TestDatabase, target: TestDatabase, tables: string[]) {
  const logger = memoryLogger();
  const settings = dataSettings({ tables });
  await runDataPhase(await dataSession(source, 'source'), await dataSession(target, 'target'), { settings, lockTimeout: '5s', logger }, emptyDataResult());
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
    // Rebuilt: new relations for the three plain ones and the two constraints' (key and unique); the one a foreign key uses and the one with a statistics target kept.
    const moved = after.filter((a) => before.find((b) => b.name === a.name)!.oid !== a.oid).map((a) => a.name);
    expect(moved).toEqual(['accounts_active', 'accounts_code_key', 'accounts_created', 'accounts_email_lower', 'accounts_pkey']);
    expect(log).toMatch(/2 primary key\(s\) and unique constraint\(s\) added again after the load in [\d.]+ s: accounts_code_key, accounts_pkey/);
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
    await expect(runDataPhase(await dataSession(source, 'source'), await dataSession(target, 'target'), { settings, lockTimeout: '5s', logger }, emptyDataResult()))
      .rejects.toThrow(/table "pets" violates foreign key constraint "pets_(owner|code)_fkey"/);
    expect(await keys(target)).toEqual(before);
    expect(await target.query('select code from public.owners')).toEqual([{ code: 'kept' }]);
  });
});

// Primary keys and unique constraints of big tables emptied for the copy: dropped for the load (after the foreign keys on them), added again after.
const UNIQUES = `
  create table public.teams (id bigint primary key, slug text not null, name text not null,
    constraint teams_slug_key unique (slug) include (name) deferrable initially deferred,
    constraint teams_name_key unique (name) with (fillfactor = 90));
  comment on constraint teams_pkey on public.teams is 'the team';
  comment on index public.teams_slug_key is 'by slug';
  create table public.members (team bigint not null references public.teams, n int not null, handle text not null, primary key (team, n));
  create table public.tags (id bigint primary key, label text not null);
  -- A view grouping by the key depends on it: that key stays.
  create view public.tag_labels as select id, label from public.tags group by id;
`;
const UNIQUE_ROWS = `insert into public.teams select i, 's' || i, 'team ' || i from generate_series(1, 20000) i;
  insert into public.members select 1 + i % 20000, i, 'h' || i from generate_series(1, 20000) i;
  insert into public.tags select i, 't' || (i % 100) from generate_series(1, 20000) i; analyze;`;
const constraints = (db: TestDatabase) => db.query(
  "select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def, obj_description(oid, 'pg_constraint') as comment, " +
  "obj_description(conindid, 'pg_class') as index_comment, conindid::int as index from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2");

describe('primary keys and unique constraints of a big table emptied for the copy', () => {
  it('are dropped for the load and added again as they were; one a view depends on, or with storage parameters, is kept', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(UNIQUES + UNIQUE_ROWS);
    await target.exec(UNIQUES);
    const before = await constraints(target);
    const logger = await copy(source, target, ['public.teams', 'public.members', 'public.tags']);
    expect(logger.lines.join('\n')).toMatch(/3 primary key\(s\) and unique constraint\(s\) added again after the load in [\d.]+ s: teams_pkey, teams_slug_key, members_pkey/);
    const after = await constraints(target);
    expect(after.map(({ index: _, ...rest }) => rest)).toEqual(before.map(({ index: _, ...rest }) => rest));
    // A foreign key's conindid is the referenced key's index: only the keys' own indexes count here.
    const rebuilt = after.filter((a) => !String(a.def).startsWith('FOREIGN KEY') && before.find((b) => b.name === a.name)!.index !== a.index).map((a) => a.name);
    expect(rebuilt.sort()).toEqual(['members_pkey', 'teams_pkey', 'teams_slug_key']);
    expect(await schemaSnapshot(target.url)).toEqual(await schemaSnapshot(source.url));
    expect(await target.query('select count(*)::int as n from public.members')).toEqual([{ n: 20000 }]);
  });

  it('fail the copy when the rows break a key added again, leaving the target as it was', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(UNIQUES + UNIQUE_ROWS);
    await target.exec(`${UNIQUES} insert into public.teams values (1, 'kept', 'kept');`);
    const before = await constraints(target);
    const logger = memoryLogger();
    // A fixed mask gives every row the same slug: the unique constraint cannot come back.
    const settings: DataSettings = { enabled: true, tables: ['public.teams'], exclude: [], mode: 'replace', where: {}, mask: { 'public.teams': { slug: 'fixed:same' } }, maskSalt: '' };
    await expect(runDataPhase(await dataSession(source, 'source'), await dataSession(target, 'target'), { settings, lockTimeout: '5s', logger }, emptyDataResult()))
      .rejects.toThrow(/could not create unique index "teams_slug_key"/);
    expect(await constraints(target)).toEqual(before);
    expect(await target.query('select slug from public.teams')).toEqual([{ slug: 'kept' }]);
  });
});
