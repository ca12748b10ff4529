import { describe, expect, it } from 'vitest';
import { expectSyncs, sqlOf } from '../helpers/cases.js';

// Cases found by syncing a public corpus of schema pairs both ways; each is a minimal schema of our own.
describe('partition keys', () => {
  const keyed = (type: string) => `create table shipment (sent ${type}, lane int) partition by range (sent);
    create table shipment_old partition of shipment for values from ('2020-01-01') to ('2021-01-01');`;

  it('re-creates a partitioned table whose key column changes type (PostgreSQL refuses ALTER TYPE on it)', async () => {
    for (const [from, to] of [['timestamptz', 'timestamp'], ['timestamp', 'timestamptz']] as const) {
      const p = await expectSyncs({ source: keyed(to), target: keyed(from) });
      expect(sqlOf(p)).toContainEqual(expect.stringMatching(/^DROP TABLE IF EXISTS public\.shipment;$/));
      expect(sqlOf(p).join('\n')).not.toMatch(/ALTER COLUMN sent TYPE/);
    }
  });

  it('counts a column used inside a key expression as a key column', async () => {
    const expr = (type: string) => `create table tag (label ${type}) partition by list (upper(label));
      create table tag_a partition of tag for values in ('A');`;
    await expectSyncs({ source: expr('char(8)'), target: expr('varchar(8)') });
    await expectSyncs({ source: expr('varchar(8)'), target: expr('char(8)') });
  });

  it("retypes a root column that only a sub-partition's key uses", async () => {
    const tree = (type: string) => `create table reading (site text, taken ${type}) partition by list (site);
      create table reading_north partition of reading for values in ('n') partition by range (taken);
      create table reading_north_2020 partition of reading_north for values from ('2020-01-01') to ('2021-01-01');`;
    await expectSyncs({ source: tree('timestamp'), target: tree('date') });
    await expectSyncs({ source: tree('date'), target: tree('timestamp') });
  });

  it("drops a root column after the sub-partitions keyed on it", async () => {
    const base = `create table reading (site text, taken date) partition by list (site);`;
    // The sub-partition keyed on the column goes away.
    await expectSyncs({
      source: `create table reading (site text) partition by list (site);
        create table reading_north partition of reading for values in ('n');`,
      target: `${base}
        create table reading_north partition of reading for values in ('n') partition by range (taken);
        create table reading_north_2020 partition of reading_north for values from ('2020-01-01') to ('2021-01-01');`,
    });
    // A sub-partition two levels down, under an intermediate partitioned table that stays.
    await expectSyncs({
      source: `create table reading (site text, zone text) partition by list (site);
        create table reading_north partition of reading for values in ('n') partition by list (zone);`,
      target: `create table reading (site text, zone text, taken date) partition by list (site);
        create table reading_north partition of reading for values in ('n') partition by list (zone);
        create table reading_north_x partition of reading_north for values in ('x') partition by range (taken);`,
    });
  });

  it('adds a root column before the new sub-partition keyed on it', async () => {
    await expectSyncs({
      source: `create table reading (site text, zone text, taken date) partition by list (site);
        create table reading_north partition of reading for values in ('n') partition by list (zone);
        create table reading_north_x partition of reading_north for values in ('x') partition by range (taken);`,
      target: `create table reading (site text, zone text) partition by list (site);
        create table reading_north partition of reading for values in ('n') partition by list (zone);`,
    });
  });
});
