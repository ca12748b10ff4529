import { describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { createTestDatabase } from '../helpers/db.js';
import { schemaSnapshot } from '../helpers/snapshot.js';
import { chosenName } from '../../src/diff/kinds/partition-indexes.js';

const LONG = 'events_of_the_year_two_thousand_and_twenty_eight_kept_long';
const EVENTS = `create table ev (id int not null, at date not null, kind text) partition by range (at);
  create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
  create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');`;

describe('index partitions', () => {
  it("syncs one partition's index storage parameters", async () => {
    const p = await expectSyncsBothWays({
      source: `${EVENTS} create index ev_kind on only ev (kind);
        create index ev_2025_kind_custom on ev_2025 (kind) with (fillfactor = 70); alter index ev_kind attach partition ev_2025_kind_custom;
        create index ev_2026_kind on ev_2026 (kind); alter index ev_kind attach partition ev_2026_kind;
        comment on index ev_2026_kind is 'this year';`,
      target: `${EVENTS} create index ev_kind on ev (kind); alter index ev_2026_kind_idx set (fillfactor = 50, deduplicate_items = off);`,
    });
    expect(sqlOf(p)).toEqual([
      'ALTER INDEX public.ev_2025_kind_idx RENAME TO ev_2025_kind_custom;',
      'ALTER INDEX public.ev_2025_kind_custom SET (fillfactor=70);',
      'ALTER INDEX public.ev_2026_kind_idx RENAME TO ev_2026_kind;',
      'ALTER INDEX public.ev_2026_kind RESET (fillfactor, deduplicate_items);',
      "COMMENT ON INDEX public.ev_2026_kind IS 'this year';",
    ]);
  });

  it('creates a parent index ON ONLY and attaches its partitions\' own, named and stored as in the source', async () => {
    const p = await expectSyncs({
      source: `${EVENTS} create index ev_kind on ev (kind); alter index ev_2025_kind_idx set (fillfactor = 60);`,
      target: EVENTS,
    });
    expect(sqlOf(p)).toEqual([
      'CREATE INDEX ev_kind ON ONLY public.ev USING btree (kind);',
      'CREATE INDEX ev_2025_kind_idx ON public.ev_2025 USING btree (kind) WITH (fillfactor=\'60\');',
      'ALTER INDEX public.ev_kind ATTACH PARTITION public.ev_2025_kind_idx;',
      'CREATE INDEX ev_2026_kind_idx ON public.ev_2026 USING btree (kind);',
      'ALTER INDEX public.ev_kind ATTACH PARTITION public.ev_2026_kind_idx;',
    ]);
  });

  it('attaches the matching index a partition already has instead of rebuilding it', async () => {
    const p = await expectSyncs({
      source: `${EVENTS} create index ev_kind on ev (kind);`,
      target: `${EVENTS} create index ev_2025_kind_idx on ev_2025 (kind); create index ev_2026_kind_idx on ev_2026 (kind desc);`,
    });
    expect(sqlOf(p)).toEqual([
      'DROP INDEX IF EXISTS public.ev_2026_kind_idx;',
      'CREATE INDEX ev_kind ON ONLY public.ev USING btree (kind);',
      'ALTER INDEX public.ev_kind ATTACH PARTITION public.ev_2025_kind_idx;',
      'CREATE INDEX ev_2026_kind_idx ON public.ev_2026 USING btree (kind);',
      'ALTER INDEX public.ev_kind ATTACH PARTITION public.ev_2026_kind_idx;',
    ]);
  });

  it('names and stores the index PostgreSQL makes for a new partition under an existing index', async () => {
    await expectSyncsBothWays({
      source: `${EVENTS} create index ev_kind on ev (kind); alter index ev_2026_kind_idx rename to ev_2026_by_kind; alter index ev_2026_by_kind set (fillfactor = 80);
        create table ev_2027 partition of ev for values from ('2027-01-01') to ('2028-01-01'); alter index ev_2027_kind_idx set (fillfactor = 90);
        create table ${LONG} partition of ev for values from ('2028-01-01') to ('2029-01-01'); alter index ${LONG.slice(0, 54)}_kind_idx rename to long_kind;`,
      target: `${EVENTS} create index ev_kind on ev (kind); create table ev_2027 (id int not null, at date not null, kind text);`,
    });
  });

  it("syncs a primary key's index partitions, and those of sub-partitions", async () => {
    const tree = `create table m (id int, at date, region text, primary key (id, at, region)) partition by range (at);
      create table m_2026 partition of m for values from ('2026-01-01') to ('2027-01-01') partition by list (region);
      create table m_2026_eu partition of m_2026 for values in ('eu');
      create table m_2026_us partition of m_2026 for values in ('us');
      create index m_region on m (region);`;
    await expectSyncsBothWays({
      source: `${tree} alter index m_2026_eu_pkey set (fillfactor = 75); alter index m_2026_pkey rename to m_2026_key;
        alter index m_2026_us_region_idx rename to m_us_region;`,
      target: tree,
    });
  });

  it('keeps the index a detached partition takes with it', async () => {
    await expectSyncsBothWays({
      source: `${EVENTS} create index ev_kind on ev (kind); alter table ev detach partition ev_2025;`,
      target: `${EVENTS} create index ev_kind on ev (kind);`,
    });
  });

  it('chooses names as PostgreSQL does, cut to 63 bytes', () => {
    expect(chosenName({ table: 'ev_2026', columns: ['kind'], constraintType: null })).toBe('ev_2026_kind_idx');
    expect(chosenName({ table: 'ev_2026', columns: ['id', 'at'], constraintType: 'p' })).toBe('ev_2026_pkey');
    expect(chosenName({ table: 't', columns: ['a', 'b'], constraintType: 'u' })).toBe('t_a_b_key');
    expect(chosenName({ table: 'x'.repeat(60), columns: ['y'.repeat(20)], constraintType: null })).toBe(`${'x'.repeat(38)}_${'y'.repeat(20)}_idx`);
  });

  it('is seen by the independent snapshot: storage and attachment', async () => {
    const a = await createTestDatabase('a');
    const b = await createTestDatabase('b');
    await a.exec(`${EVENTS} create index ev_kind on ev (kind); alter index ev_2025_kind_idx set (fillfactor = 70);`);
    await b.exec(`${EVENTS} create index ev_kind on ev (kind);`);
    expect(await schemaSnapshot(a.url)).not.toEqual(await schemaSnapshot(b.url));
    const c = await createTestDatabase('c');
    await c.exec(`${EVENTS} create index ev_kind on only ev (kind); create index ev_2025_kind_idx on ev_2025 (kind); create index ev_2026_kind_idx on ev_2026 (kind);`);
    expect(await schemaSnapshot(c.url)).not.toEqual(await schemaSnapshot(b.url));
  });
});
