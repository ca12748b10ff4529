import { describe, expect, it } from 'vitest';
import { expectSyncsBothWays, sqlOf } from '../helpers/cases.js';

describe('composite types used by columns', () => {
  it('adds, drops and changes attributes in place, never dropping the type', async () => {
    const p = await expectSyncsBothWays({
      source: `create type addr as (street text, city text, zip int);
        create table t (id int, a addr);
`,
      target: `create type addr as (street text, zip text, old int);
        create table t (id int, a addr); insert into t values (1, row('main st', '1000', 2));`,
    });
    const sql = sqlOf(p);
    expect(sql.some((s) => /DROP TYPE/.test(s))).toBe(false);
    expect(sql.some((s) => /ALTER TYPE public\.addr (ADD|DROP) ATTRIBUTE .* CASCADE/.test(s))).toBe(true);
  });

  it('changes an attribute type with ALTER ATTRIBUTE where no column uses the type', async () => {
    const p = await expectSyncsBothWays({
      source: `create type pair as (a bigint, b text);`,
      target: `create type pair as (a int, b text);`,
    });
    expect(sqlOf(p)).toEqual(['ALTER TYPE public.pair ALTER ATTRIBUTE a TYPE bigint CASCADE;']);
  });
});
