import { beforeAll, describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { ensureRoles } from '../helpers/roles.js';

beforeAll(() => ensureRoles('app_reader'));

describe('schemas and extensions', () => {
  it('creates, comments, grants and drops schemas', async () => {
    await expectSyncsBothWays({
      source: `create schema app; comment on schema app is 'the app'; grant usage on schema app to app_reader;`,
      target: `create schema old_stuff;`,
    });
  });

  it('installs extensions at their version and updates them', async () => {
    const p = await expectSyncs({
      source: `create extension pg_trgm version '1.5'; create extension citext;`,
      target: `create extension pg_trgm version '1.4'; create extension hstore;`,
    });
    expect(sqlOf(p)).toContain(`ALTER EXTENSION pg_trgm UPDATE TO '1.5';`);
    expect(sqlOf(p)).toContain('DROP EXTENSION IF EXISTS hstore;');
  });

  it('creates extension-typed columns after their extension', async () => {
    await expectSyncsBothWays({ source: `create extension citext; create table t (email citext unique);` });
  });
});

describe('enum types', () => {
  it('adds values in place, at the right position', async () => {
    const p = await expectSyncs({
      source: `create type status as enum ('new', 'draft', 'open', 'closed', 'archived');`,
      target: `create type status as enum ('draft', 'open', 'archived');`,
    });
    expect(sqlOf(p)).toEqual([
      `ALTER TYPE public.status ADD VALUE 'new' BEFORE 'draft';`,
      `ALTER TYPE public.status ADD VALUE 'closed' BEFORE 'archived';`,
    ]);
  });

  it('rebuilds an enum that loses a value, converting the columns, defaults and views that use it', async () => {
    const p = await expectSyncs({
      source: `create type status as enum ('open', 'closed');
        create table ticket (id int, s status default 'open', history status[]);
        create view open_tickets as select id from ticket where s = 'open';`,
      target: `create type status as enum ('open', 'pending', 'closed');
        create table ticket (id int, s status default 'open', history status[]);
        insert into ticket values (1, 'closed', '{open,closed}');
        create view open_tickets as select id from ticket where s = 'open';`,
    });
    const destructive = p.changes.filter((c) => c.hazards.includes('destructive')).map((c) => c.sql);
    expect(destructive).toContain('ALTER TYPE public.status RENAME TO status__old;');
  });

  it('reorders enum values by rebuilding', async () => {
    await expectSyncs({
      source: `create type size as enum ('s', 'm', 'l'); create table shirt (sz size);`,
      target: `create type size as enum ('l', 'm', 's'); create table shirt (sz size); insert into shirt values ('m');`,
    });
  });
});

describe('domains, composite and range types', () => {
  it('creates domains with default, NOT NULL, collation and checks', async () => {
    await expectSyncsBothWays({
      source: `create domain email as text collate "C" default 'nobody@example.com' not null
                 constraint email_has_at check (value like '%@%') constraint email_short check (length(value) < 200);
               create table person (contact email);`,
    });
  });

  it('alters a domain in place', async () => {
    const p = await expectSyncs({
      source: `create domain score as int default 0 not null check (value >= 0) check (value <= 100);`,
      target: `create domain score as int default 5 check (value >= 0); create table game (s score);`,
    });
    expect(sqlOf(p)).toEqual(expect.arrayContaining([
      'ALTER DOMAIN public.score SET DEFAULT 0;',
      'ALTER DOMAIN public.score SET NOT NULL;',
    ]));
  });

  it('creates and replaces composite and range types', async () => {
    await expectSyncsBothWays({
      source: `create type address as (street text, city text collate "C", zip int);
               create type floatrange as range (subtype = float8, subtype_diff = float8mi);`,
      target: `create type address as (street text, city text);`,
    });
  });

  it('creates collations and the columns that use them', async () => {
    await expectSyncsBothWays({
      source: `create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
               create collation posix_c (provider = libc, locale = 'C');
               create table word (w text collate ci, v text collate posix_c);`,
    });
  });
});

describe('sequences', () => {
  it('creates, alters, owns and drops sequences', async () => {
    await expectSyncsBothWays({
      source: `create sequence invoice_no as bigint start 1000 increment 10 minvalue 1000 maxvalue 9999999 cache 5 cycle;
               create table invoice (no bigint default nextval('invoice_no'));
               alter sequence invoice_no owned by invoice.no;
               create sequence counter; grant usage on sequence counter to app_reader;`,
      target: `create sequence invoice_no start 1; create sequence unused;`,
    });
  });
});

describe('enum values used in the same apply', () => {
  it('rebuilds instead of ADD VALUE when the new value is used by a default, check, index or view', async () => {
    const p = await expectSyncs({
      source: `create type status as enum ('new', 'open', 'closed');
        create table ticket (id int, s status default 'new' check (s <> 'closed' or id > 0));
        create index ticket_new on ticket (id) where s = 'new';`,
      target: `create type status as enum ('open', 'closed');
        create table ticket (id int, s status default 'open'); insert into ticket values (1, 'closed');`,
    });
    expect(sqlOf(p).some((s) => s.includes('ADD VALUE'))).toBe(false);
  });
});
