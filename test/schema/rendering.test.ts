import { beforeAll, describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { createTestDatabase } from '../helpers/db.js';
import { ensureRoles } from '../helpers/roles.js';

describe('rendering', () => {
  beforeAll(() => ensureRoles('pgbs_render_reader'));

  it('creates an aggregate with a sort operator', async () => {
    const p = await expectSyncsBothWays({
      source: `create function bigger(a int, b int) returns int language sql immutable as $$ select greatest(a, b) $$;
        create aggregate biggest(int) (sfunc = bigger, stype = int, sortop = >);`,
    });
    expect(sqlOf(p).find((s) => s.startsWith('CREATE AGGREGATE'))).toContain('SORTOP = OPERATOR(pg_catalog.>)');
  });

  it('grants on an ordered-set aggregate with its plain signature', async () => {
    const p = await expectSyncsBothWays({
      source: `create aggregate pct(float8 order by anyelement) (sfunc = ordered_set_transition, stype = internal,
          finalfunc = percentile_disc_final, finalfunc_extra);
        revoke execute on function pct(float8, anyelement) from public;
        grant execute on function pct(float8, anyelement) to pgbs_render_reader;`,
    });
    expect(sqlOf(p).filter((s) => s.startsWith('GRANT') || s.startsWith('REVOKE')).every((s) => !s.includes('ORDER BY'))).toBe(true);
  });

  it('moves a non-relocatable extension to another schema by dropping and creating it (destructive)', async () => {
    const probe = await createTestDatabase('probe');
    const [ext] = await probe.query<{ name: string }>(
      `select name from pg_available_extension_versions where not relocatable and schema is null and not superuser is false
         and requires is null and name not in ('plpgsql') order by name limit 1`);
    await probe.drop();
    expect(ext).toBeDefined();
    const p = await expectSyncs({
      source: `create schema other; create extension "${ext!.name}" schema other;`,
      target: `create schema other; create extension "${ext!.name}" schema public;`,
    });
    expect(p.changes.map((c) => [c.sql.split(' ').slice(0, 2).join(' '), c.hazards.includes('destructive')])).toEqual(
      expect.arrayContaining([['DROP EXTENSION', true], ['CREATE EXTENSION', false]]),
    );
  });
});
