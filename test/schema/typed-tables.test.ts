import { describe, expect, it } from 'vitest';
import { expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { createTestDatabase } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

const PERSON = `create type person as (name text, age int);`;

describe('typed tables', () => {
  it('syncs a typed table with its columns\' defaults, NOT NULL and constraints', async () => {
    await expectSyncsBothWays({
      source: `${PERSON} create table people of person (name with options not null, age with options default 0 check (age >= 0), primary key (name));`,
      target: `${PERSON} create table people of person (age with options default 18);`,
    });
  });

  it('makes a table typed (OF) and untyped (NOT OF)', async () => {
    const p = await expectSyncsBothWays({
      source: `${PERSON} create table staff of person; create table guests (name text, age int);`,
      target: `${PERSON} create table staff (name text, age int); create table guests of person;`,
    });
    expect(sqlOf(p).sort()).toEqual(['ALTER TABLE public.guests NOT OF;', 'ALTER TABLE public.staff OF public.person;']);
  });

  it("changes a typed table's columns with its type (ALTER TYPE ... CASCADE)", async () => {
    const p = await expectSyncsBothWays({
      source: `create type person as (name text, email text, born date); create table people of person (email with options not null);`,
      target: `create type person as (name text, age int, email text); create table people of person;`,
    });
    expect(sqlOf(p)).toEqual([
      'ALTER TYPE public.person DROP ATTRIBUTE age CASCADE;',
      'ALTER TYPE public.person ADD ATTRIBUTE born date CASCADE;',
      'ALTER TABLE public.people ALTER COLUMN email SET NOT NULL;',
    ]);
  });

  it('is seen by the independent snapshot', async () => {
    const a = await createTestDatabase('a');
    const b = await createTestDatabase('b');
    await a.exec(`${PERSON} create table t of person;`);
    await b.exec(`${PERSON} create table t (name text, age int);`);
    expect(await schemaSnapshot(a.url)).not.toEqual(await schemaSnapshot(b.url));
  });
});
