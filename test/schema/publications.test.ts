import { describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';

const TABLES = `create table msg (id int primary key, body text, room int, secret text);
  create table room (id int primary key, name text);
  create schema chat; create table chat.line (id int primary key, text text);
  create schema audit; create table audit.event (id int primary key);`;

describe('publications', () => {
  it('syncs column lists, row filters and options', async () => {
    await expectSyncsBothWays({
      source: `${TABLES}
        create publication realtime for table msg (id, body, room) where (room > 0), room where (name <> '')
          with (publish = 'insert, update', publish_via_partition_root = true);`,
      target: `${TABLES}
        create publication realtime for table msg (id, body) where (room > 1), room with (publish = 'insert');`,
    });
  });

  it('syncs FOR TABLES IN SCHEMA, adding and removing schemas and tables', async () => {
    const p = await expectSyncsBothWays({
      source: `${TABLES} create publication by_schema for tables in schema chat, table room;`,
      target: `${TABLES} create publication by_schema for tables in schema audit, table msg;`,
    });
    expect(sqlOf(p)).toContain('ALTER PUBLICATION by_schema DROP TABLES IN SCHEMA audit;');
    expect(sqlOf(p)).toContain('ALTER PUBLICATION by_schema ADD TABLE public.room, TABLES IN SCHEMA chat;');
  });

  it('syncs FOR ALL TABLES, replacing a publication that changes to or from it', async () => {
    await expectSyncsBothWays({
      source: `${TABLES} create publication everything for all tables with (publish = 'insert'); create publication partial for table msg;`,
      target: `${TABLES} create publication everything for table room; create publication partial for all tables;`,
    });
  });

  it('changes the column list before dropping a column it lists', async () => {
    const p = await expectSyncs({
      source: `create table msg (id int primary key, body text); create publication realtime for table msg (id, body);`,
      target: `create table msg (id int primary key, body text, secret text); create publication realtime for table msg (id, body, secret);`,
    });
    const sql = sqlOf(p);
    expect(sql.indexOf('ALTER PUBLICATION realtime DROP TABLE public.msg;')).toBeLessThan(sql.indexOf('ALTER TABLE public.msg DROP COLUMN IF EXISTS secret;'));
    expect(sql.some((s) => s.startsWith('DROP PUBLICATION'))).toBe(false);
  });

  it('adds a column before listing it, and drops one a row filter reads', async () => {
    const p = await expectSyncs({
      source: `create table msg (id int primary key, body text, room int); create publication realtime for table msg (id, room) where (room > 0);`,
      target: `create table msg (id int primary key, body text, flag boolean); create publication realtime for table msg (id, body) where (flag);`,
    });
    const sql = sqlOf(p);
    expect(sql.indexOf('ALTER TABLE public.msg ADD COLUMN room integer;')).toBeLessThan(sql.indexOf('ALTER PUBLICATION realtime ADD TABLE public.msg (id, room) WHERE ((room > 0));'));
  });

  it('keeps a publication when a table it lists is dropped', async () => {
    const p = await expectSyncs({
      source: `create table msg (id int primary key); create publication realtime for table msg;`,
      target: `create table msg (id int primary key); create table old (id int primary key); create publication realtime for table msg, old (id);`,
    });
    expect(sqlOf(p).some((s) => s.startsWith('DROP PUBLICATION'))).toBe(false);
  });
});
