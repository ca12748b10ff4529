import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/error.js';
import type { DataSettings } from '../../src/config/resolve.js';
import { connect } from '../../src/db/connect.js';
import { memoryLogger } from '../../src/log/logger.js';
import { emptyDataResult, runDataPhase } from '../../src/data/phase.js';
import { dataSession, dataSettings } from '../helpers/data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { tempDir } from '../helpers/tmp.js';

async function copy(source: TestDatabase, target: TestDatabase, over: Partial<DataSettings>, sharedSnapshot = false, configFile?: string) {
  const result = emptyDataResult();
  const logger = memoryLogger();
  const openSource = () => connect(source.url, { role: 'source', retries: 0 });
  await runDataPhase(await dataSession(source, 'source'), await dataSession(target, 'target'), {
    settings: dataSettings(over), lockTimeout: '5s', logger, ...(sharedSnapshot ? { openSource } : {}), configFile,
  }, result);
  return { result, logger };
}

const SCHEMA = `
  create table public.countries (country_code char(2) primary key, name text not null);
  create table public.cities (
    country_code char(2) references public.countries, city_no int, name text not null,
    population bigint, label text generated always as (name || ' (' || country_code || ')') stored,
    primary key (country_code, city_no));
  create table public.venues (venue_id int generated always as identity primary key, country_code char(2), city_no int,
    name text, foreign key (country_code, city_no) references public.cities);
  create table public.events (event_no serial primary key, venue_id int references public.venues, title text);`;

const ROWS = `
  insert into countries values ('NL', 'Netherlands'), ('PT', 'Portugal'), ('JP', 'Japan');
  insert into cities (country_code, city_no, name, population) values
    ('NL', 1, 'Amsterdam', 900000), ('NL', 2, 'Utrecht', 360000), ('PT', 1, 'Lisboa', 545000), ('JP', 1, '東京', 14000000);
  insert into venues (country_code, city_no, name) values ('NL', 1, 'Paradiso'), ('PT', 1, 'Coliseu'), ('JP', 1, 'Budokan');
  insert into events (venue_id, title) select venue_id, 'Show at ' || name from venues;`;

async function dump(db: TestDatabase): Promise<unknown> {
  return {
    countries: await db.query('select * from countries order by 1'),
    cities: await db.query('select * from cities order by 1, 2'),
    venues: await db.query('select * from venues order by 1'),
    events: await db.query('select * from events order by 1'),
  };
}

describe('data sync', () => {
  it('copies every table shape in foreign-key order, proves parity, and moves sequences past the copied rows', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS);
    await target.exec(`${SCHEMA} insert into countries values ('XX', 'Stale');`);
    // The source side of parity runs on a second session sharing the copy's snapshot.
    const { result, logger } = await copy(source, target, { tables: ['public.*'] }, true);
    expect(await dump(target)).toEqual(await dump(source));
    expect(result.tables.map((t) => [t.table, t.sourceRows, t.targetRows, t.status])).toEqual([
      ['public.countries', 3, 3, 'equal'], ['public.cities', 4, 4, 'equal'], ['public.venues', 3, 3, 'equal'], ['public.events', 3, 3, 'equal'],
    ]);
    expect(logger.lines.some((l) => /^public\.cities: 4 rows in \d+\.\d s \([\d,]+ rows\/s\)$/.test(l))).toBe(true);
    // New rows on the target take values after the copied ones.
    await target.exec("insert into venues (name) values ('New'); insert into events (title) values ('New')");
    expect(await target.query("select venue_id from venues where name = 'New'")).toEqual([{ venue_id: 4 }]);
    expect(await target.query("select event_no from events where title = 'New'")).toEqual([{ event_no: 4 }]);
    // A second run ends in the same rows.
    await target.exec("delete from events where title = 'New'; delete from venues where name = 'New'");
    await copy(source, target, { tables: ['public.*'] });
    expect(await dump(target)).toEqual(await dump(source));
  });

  it('loads rows as they are in production: user triggers do not fire, and come back in the state they had', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const audit = `
      create table public.audit (note text);
      create function public.stamp() returns trigger language plpgsql as $$ begin new.name := new.name || ' (stamped)'; insert into public.audit values (new.country_code); return new; end $$;
      create trigger a_stamp before insert on public.countries for each row execute function public.stamp();
      create trigger b_off before insert on public.countries for each row execute function public.stamp();
      alter table public.countries disable trigger b_off;
      create trigger c_replica before insert on public.countries for each row execute function public.stamp();
      alter table public.countries enable replica trigger c_replica;
      create function public.gone() returns trigger language plpgsql as $$ begin insert into public.audit values (tg_op); return old; end $$;
      create trigger d_deleted before delete on public.countries for each row execute function public.gone();
      create trigger e_truncated before truncate on public.countries for each statement execute function public.gone();`;
    await source.exec(`${SCHEMA} ${audit} alter table countries disable trigger user; ${ROWS}`);
    // The target's own rows go first (DELETE or TRUNCATE): their triggers do not fire either.
    await target.exec(`${SCHEMA} insert into countries values ('XX', 'Stale'); ${audit}`);
    const { result } = await copy(source, target, { tables: ['public.countries'] });
    expect(await target.query('select * from countries order by 1')).toEqual(await source.query('select * from countries order by 1'));
    expect(await target.query('select count(*)::int as n from audit')).toEqual([{ n: 0 }]);
    expect(result.tables[0]!.triggersDisabled).toBe(4);
    expect(await target.query("select tgname, tgenabled from pg_trigger where tgrelid = 'countries'::regclass and not tgisinternal order by 1")).toEqual([
      { tgname: 'a_stamp', tgenabled: 'O' }, { tgname: 'b_off', tgenabled: 'D' }, { tgname: 'c_replica', tgenabled: 'R' },
      { tgname: 'd_deleted', tgenabled: 'O' }, { tgname: 'e_truncated', tgenabled: 'O' },
    ]);
  });

  it('masks in the source query: deterministic, unique, still joining, NULL kept', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    const guests = `
      create table public.guests (guest_email text primary key, full_name text not null, phone text, note text);
      create table public.bookings (booking_no int primary key, guest_email text references public.guests);`;
    await source.exec(`${guests}
      insert into guests values ('ann@real.com', 'Ann Real', '+31 6 1234', 'vip'), ('bob@real.com', 'Bob Real', null, null);
      insert into bookings values (1, 'ann@real.com'), (2, 'bob@real.com'), (3, 'ann@real.com');`);
    await target.exec(guests);
    const mask = { 'public.guests': { guest_email: 'email', full_name: 'name', phone: 'phone', note: 'fixed:redacted' }, 'public.bookings': { guest_email: 'email' } };
    const { result } = await copy(source, target, { tables: ['public.guests', 'public.bookings'], mask, maskSalt: 'pepper' });
    const rows = await target.query<{ guest_email: string; full_name: string; phone: string | null; note: string }>('select * from guests order by full_name');
    expect(JSON.stringify(rows)).not.toMatch(/real\.com|Ann Real|Bob Real|1234/);
    for (const r of rows) expect(r.guest_email).toMatch(/^user_[0-9a-f]{32}@example\.com$/);
    expect(rows.map((r) => r.phone === null)).toContain(true);
    expect(new Set(rows.map((r) => r.note))).toEqual(new Set(['redacted']));
    // Masked keys still join, and a second run gives the same values.
    expect(await target.query('select count(*)::int as n from bookings b join guests g using (guest_email)')).toEqual([{ n: 3 }]);
    await copy(source, target, { tables: ['public.guests', 'public.bookings'], mask, maskSalt: 'pepper' });
    expect(await target.query('select * from guests order by full_name')).toEqual(rows);
    expect(result.tables.map((t) => t.masked)).toEqual([['guest_email', 'full_name', 'phone', 'note'], ['guest_email']]);
    expect(result.tables.every((t) => t.status === 'equal')).toBe(true);
  });

  it('filters rows with [data.where], and says when a referenced table is not copied and lacks rows on the target, writing nothing', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS);
    await target.exec(`${SCHEMA} insert into countries values ('NL', 'Netherlands');`);
    await copy(source, target, { tables: ['public.cities'], where: { 'public.cities': "country_code = 'NL'" } });
    expect(await target.query('select name from cities order by 1')).toEqual([{ name: 'Amsterdam' }, { name: 'Utrecht' }]);
    await expect(copy(source, target, { tables: ['public.cities', 'public.venues'] })).rejects.toThrow(
      /^public\.cities references public\.countries \(cities_country_code_fkey\), which is not copied, and 2 referenced row\(s\) are not on the target, e\.g\. \(country_code\) = \((JP|PT)\), \((JP|PT)\)\. Add the referenced tables to \[data\]\.tables, or seed those rows first\. Nothing was written\.$/,
    );
    expect(await target.query('select count(*)::int as n from venues')).toEqual([{ n: 0 }]);
    expect(await target.query('select count(*)::int as n from cities')).toEqual([{ n: 2 }]);

    // A condition that does not hold up names its table and the config's line, before anything is copied.
    const dir = tempDir('where');
    const config = path.join(dir, 'pg-branch-sync.toml');
    writeFileSync(config, '[data]\ntables = ["public.cities"]\n\n[data.where]\n"public.cities" = "contry_code = \'NL\'"\n');
    const error = await copy(source, target, { tables: ['public.cities'], where: { 'public.cities': "contry_code = 'NL'" } }, false, config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ line: 5, message: expect.stringMatching(/pg-branch-sync\.toml:5: \[data\.where\] "public\.cities": the condition "contry_code = 'NL'" fails on table public\.cities: column "contry_code" does not exist/) });
    expect(await target.query('select count(*)::int as n from cities')).toEqual([{ n: 2 }]);
  });

  it('refuses to replace rows that unselected tables reference; deletes instead of truncating when those are empty', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS);
    await target.exec(SCHEMA + ROWS);
    await expect(copy(source, target, { tables: ['public.countries'] })).rejects.toThrow(
      'replacing the rows of the selected tables would break rows of public.cities, which reference them and are not selected. Add those tables to [data].tables, or use mode = "upsert" or "append-missing". Nothing was written.',
    );
    await target.exec('delete from events; delete from venues; delete from cities; update countries set name = upper(name)');
    await copy(source, target, { tables: ['public.countries'] });
    expect(await target.query('select * from countries order by 1')).toEqual(await source.query('select * from countries order by 1'));
  });

  it('upserts on the real key (composite too) and appends only what is missing, keeping the target\'s own rows', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS);
    await target.exec(`${SCHEMA}
      insert into countries values ('NL', 'Old name'), ('BE', 'Belgium');
      insert into cities (country_code, city_no, name) values ('NL', 1, 'Old city'), ('BE', 9, 'Gent');`);
    const up = await copy(source, target, { tables: ['public.countries', 'public.cities'], mode: 'upsert' });
    expect(await target.query("select * from countries where country_code in ('NL', 'BE') order by 1")).toEqual([
      { country_code: 'BE', name: 'Belgium' }, { country_code: 'NL', name: 'Netherlands' },
    ]);
    expect(await target.query("select name from cities where (country_code, city_no) = ('NL', 1)")).toEqual([{ name: 'Amsterdam' }]);
    expect(up.result.tables.map((t) => [t.sourceRows, t.targetRows, t.status])).toEqual([[3, 3, 'equal'], [4, 4, 'equal']]);

    await target.exec("update countries set name = 'Mine' where country_code = 'NL'; delete from cities where country_code = 'JP'");
    const append = await copy(source, target, { tables: ['public.countries', 'public.cities'], mode: 'append-missing' });
    expect(await target.query("select name from countries where country_code = 'NL'")).toEqual([{ name: 'Mine' }]);
    expect(await target.query("select count(*)::int as n from cities where country_code = 'JP'")).toEqual([{ n: 1 }]);
    expect(append.result.tables.map((t) => [t.sourceRows, t.targetRows, t.status])).toEqual([[3, 4, 'present'], [4, 5, 'present']]);
  });

  it('loads foreign-key cycles without superuser: deferrable keys deferred, nullable ones filled in after; else names the cycle', async () => {
    const source = await createTestDatabase('src');
    const cyclic = (deferrable: string, nullable: string) => `
      create table public.teams (team_id int primary key, captain_id int ${nullable});
      create table public.players (player_id int primary key, team_id int not null references public.teams ${deferrable}, mentor_id int references public.players);
      alter table public.teams add constraint teams_captain_fkey foreign key (captain_id) references public.players ${deferrable};`;
    await source.exec(`${cyclic('deferrable', '')}
      begin; set constraints all deferred;
      insert into teams values (1, 10), (2, 20);
      insert into players values (10, 1, null), (11, 1, 10), (20, 2, 11);
      commit;`);
    const deferred = await createTestDatabase('tgt');
    await deferred.exec(cyclic('deferrable', ''));
    const d = await copy(source, deferred, { tables: ['public.teams', 'public.players'] });
    expect(d.result.deferred.sort()).toEqual(['public.players.players_team_id_fkey', 'public.teams.teams_captain_fkey']);
    expect(await deferred.query('select * from players order by 1')).toEqual(await source.query('select * from players order by 1'));

    const nulled = await createTestDatabase('tgt');
    await nulled.exec(cyclic('', ''));
    const n = await copy(source, nulled, { tables: ['public.teams', 'public.players'] });
    expect(n.result.nulled).toEqual(['public.teams.teams_captain_fkey']);
    expect(await nulled.query('select * from teams order by 1')).toEqual([{ team_id: 1, captain_id: 10 }, { team_id: 2, captain_id: 20 }]);

    const stuck = await createTestDatabase('tgt');
    await stuck.exec(cyclic('', 'not null'));
    await expect(copy(source, stuck, { tables: ['public.teams', 'public.players'] })).rejects.toThrow(
      'the foreign keys of the selected tables form a cycle that cannot be loaded without superuser rights: public.players (players_team_id_fkey) → public.teams (teams_captain_fkey) → public.players. ' +
        'Make one of these keys DEFERRABLE, or its columns nullable (on a table with a primary key), or leave a table of the cycle out of [data].tables.',
    );
  });

  it('says what to fix for a pattern matching nothing, a mask on a missing column, and a table the target lacks; changes nothing', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS + ' create table public.extra (x int);');
    await target.exec(`${SCHEMA} insert into countries values ('XX', 'Stale');`);
    await expect(copy(source, target, { tables: ['public.countrie'] })).rejects.toThrow('[data].tables: "public.countrie" matches no table on the source');
    await expect(copy(source, target, { tables: ['public.countries'], mask: { 'public.countries': { nam: 'name' } } })).rejects.toThrow(/nam.*did you mean "name"/);
    await expect(copy(source, target, { tables: ['public.extra'] })).rejects.toThrow('public.extra not on the target: sync the schema first');
    await expect(copy(source, target, { tables: ['public.countries'], mask: { 'public.citys': { name: 'name' } } })).rejects.toThrow('[data.mask] "public.citys" names no table of the source');
    expect(await target.query('select * from countries')).toEqual([{ country_code: 'XX', name: 'Stale' }]);
  });

  it('leaves the target as it was when a table fails halfway', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA + ROWS);
    await target.exec(`${SCHEMA} insert into countries values ('XX', 'Stale');
      alter table cities add constraint small check (population < 1000000);`);
    const before = await dump(target);
    await expect(copy(source, target, { tables: ['public.countries', 'public.cities'] })).rejects.toThrow(/violates check constraint "small"/);
    expect(await dump(target)).toEqual(before);
  });

  it('fails, not hangs, when the target refuses a row while the source still streams; the target is left as it was', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`create table public.big (id int primary key, body text);
      insert into public.big select i, repeat('b', 100) from generate_series(1, 300000) i;`);
    await target.exec(`create table public.big (id int primary key, body text check (id < 150000));
      insert into public.big values (1, 'kept');`);
    await expect(copy(source, target, { tables: ['public.big'] }, true)).rejects.toThrow(/violates check constraint "big_id_check"/);
    expect(await target.query('select * from public.big')).toEqual([{ id: 1, body: 'kept' }]);
  });
});
