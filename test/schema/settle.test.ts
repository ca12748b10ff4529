import { describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays, sqlOf } from '../helpers/cases.js';
import { createTestDatabase } from '../helpers/db.js';
import { replayPrinted } from '../helpers/replay.js';
import { plan } from '../helpers/sync.js';

// Expressions PostgreSQL stores in a form it prints differently after one more parse:
// BETWEEN expands to a nested AND, a row comparison to a nested OR, which the grammar flattens when the text is replayed.
const stay = 'create table stay (nights int, guests int);';
const logged = `${stay} create table stay_log (n int);
  create function stay_touched() returns trigger language plpgsql as $$begin return new; end$$;`;

/** Each kind, with `n` the bound a genuine change moves. */
const KINDS: [kind: string, sql: (n: number) => string][] = [
  ['table check', (n) => `create table stay (nights int, guests int, constraint stay_sane check (nights between 1 and ${n} and guests >= 1));`],
  ['domain check and default', (n) => `create domain short_flag as boolean default ((length(current_user), 2, 3) is distinct from (1, 2, ${n}))
    constraint short_flag_known check ((value, value, value) is distinct from (null, true, ${n > 7 ? 'true' : 'false'}));`],
  ['index predicate', (n) => `${stay} create index stay_short on stay (guests) where nights between 1 and ${n} and guests >= 1;`],
  ['index expression', (n) => `${stay} create index stay_moved on stay (((nights, guests, nights) is distinct from (1, 2, ${n})));`],
  ['view', (n) => `${stay} create view short_stay as select nights from stay where nights between 1 and ${n} and guests >= 1;`],
  ['materialized view', (n) => `${stay} create materialized view short_stay as select nights from stay where (nights, guests, nights) is distinct from (1, 2, ${n});`],
  ['policy', (n) => `${stay} alter table stay enable row level security;
    create policy stay_edit on stay for update using (nights between 1 and ${n} and guests >= 1) with check ((nights, guests, nights) is distinct from (0, 0, ${n}));`],
  ['publication row filter', (n) => `${stay} create publication stay_feed for table stay where ((nights, guests, nights) is distinct from (1, 2, ${n})) with (publish = 'insert');`],
  ['function argument default', (n) => `create function stay_cost(nights int, discounted boolean default (2 between 1 and ${n} and true)) returns int
    language sql as $$ select nights * 100 $$;`],
  ['SQL-standard function body', (n) => `create function is_short(nights int) returns boolean language sql immutable return nights between 1 and ${n} and nights <> 0;`],
  ['procedure argument default', (n) => `create procedure book(nights int, confirmed boolean default ((1, 2, 3) is distinct from (1, 2, ${n}))) language sql as $$ select 1 $$;`],
  ['trigger WHEN', (n) => `${logged} create trigger stay_changed after update on stay for each row
    when ((old.nights, old.guests, old.nights) is distinct from (new.nights, new.guests, new.nights + ${n})) execute function stay_touched();`],
  ['rule', (n) => `${logged} create rule stay_logged as on update to stay where (old.nights, old.guests, old.nights) is distinct from (new.nights, new.guests, ${n})
    do also insert into stay_log values (1);`],
  ['column default', (n) => `create table stay (nights int, short boolean default ((length(current_user), 2, 3) is distinct from (1, 2, ${n})));`],
  ['generated column', (n) => `create table stay (nights int, guests int, short boolean generated always as (nights between 1 and ${n} and guests >= 1) stored);`],
];

describe('expressions PostgreSQL prints differently after one more parse', () => {
  for (const [kind, sql] of KINDS) {
    it(`${kind}: a target rebuilt from the source's printed definitions is equal; creating, dropping and a real change work`, async () => {
      // Already equal: nothing to do, and the first plan says so.
      expect(sqlOf(await expectSyncs({ source: sql(7), target: sql(7), targetReplayed: true, asReplayed: true }))).toEqual([]);
      // From empty and to empty.
      await expectSyncsBothWays({ source: sql(7), target: '', asReplayed: true });
      // The other way round: the source holds the flattened form, the target the nested one; they are rebuilt and then equal.
      await expectSyncs({ source: sql(7), sourceReplayed: true, target: sql(7) });
      // A genuine difference inside such an expression is still found and applied.
      const changed = await expectSyncs({ source: sql(8), target: sql(7), targetReplayed: true, asReplayed: true });
      expect(sqlOf(changed).join('\n')).toMatch(/\b8\b/);
    });
  }

  it('partition key: the partitioned table is kept, not recreated on every run', async () => {
    const table = (key: string) => `create table stay (nights int, guests int) partition by list ((${key}));
      create table stay_short partition of stay for values in (true);
      create table stay_other partition of stay default;`;
    const source = table('nights between 1 and 7 and guests >= 1');
    // The target as a restore of production would make it: the key as production prints it, replayed.
    const scratch = await createTestDatabase('key');
    await scratch.exec(source);
    const key = (await scratch.query<{ key: string }>("select pg_get_partkeydef('stay'::regclass) as key"))[0]!.key;
    const printed = `create table stay (nights int, guests int) partition by ${key};
      create table stay_short partition of stay for values in (true);
      create table stay_other partition of stay default;`;
    expect(sqlOf(await expectSyncs({ source, target: printed, asReplayed: printed }))).toEqual([]);
    await expectSyncs({ source, target: '', asReplayed: printed });
    // A real change of the key still re-creates the table.
    const moved = await expectSyncs({ source: table('nights between 1 and 8 and guests >= 1'), target: printed, asReplayed: printed.replace('<= 7', '<= 8') });
    expect(sqlOf(moved)).toContainEqual(expect.stringMatching(/^DROP TABLE IF EXISTS public\.stay;$/));
  });

  it('a filter whose column changes type is not taken as equal on the strength of the old type', async () => {
    const feed = (type: string) => `create table stay (id int primary key, nights ${type});
      create publication stay_feed for table stay where (nights > 0) with (publish = 'insert');`;
    await expectSyncs({ source: feed('integer'), target: feed('numeric') });
    await expectSyncs({ source: feed('numeric'), target: feed('integer') });
  });

  it('planning leaves nothing on the target', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const sql = `${logged}
      alter table stay add constraint stay_sane check (nights between 1 and 7 and guests >= 1);
      create index stay_short on stay (guests) where nights between 1 and 7;
      create view short_stay as select nights from stay where nights between 1 and 7 and guests >= 1;
      create function is_short(nights int) returns boolean language sql immutable return nights between 1 and 7 and nights <> 0;
      create publication stay_feed for table stay where ((nights, guests) is distinct from (1, 7)) with (publish = 'insert');`;
    await source.exec(sql);
    await target.exec(sql);
    await replayPrinted(target.url);
    const objects = 'select (select count(*) from pg_class)::int as relations, (select count(*) from pg_proc)::int as routines, (select count(*) from pg_publication)::int as publications';
    const before = await target.query(objects);
    expect(sqlOf(await plan(source.url, target.url))).toEqual([]);
    expect(await target.query(objects)).toEqual(before);
  });
});
