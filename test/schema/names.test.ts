import { beforeAll, describe, expect, it } from 'vitest';
import { expectSyncs, expectSyncsBothWays } from '../helpers/cases.js';
import { hostileNames, lit, q } from '../helpers/hostile.js';
import { ensureRoles } from '../helpers/roles.js';

const NAMES = hostileNames(210);
/** Roles named to break naive SQL too (quotes, semicolons, unicode...), each kept under 63 bytes. */
const roleName = (i: number) => {
  const base = NAMES[i]!;
  return Buffer.byteLength(`role ${i} ${base}`) <= 63 ? `role ${i} ${base}` : `role ${i} ${Array.from(base).slice(0, 12).join('')}`;
};

/** Every object kind named by one hostile name. */
function objectsNamed(n: string, i: number): string {
  const s = q(n);
  return `
    create schema ${s};
    create role_placeholder;
    create type ${s}.${q(`${n} mood`)} as enum (${lit(n)}, ${lit(`${n}!`)});
    create domain ${s}.${q(`${n} dom`)} as text check (value <> ${lit(n)});
    create sequence ${s}.${q(`${n} seq`)};
    create table ${s}.${s} (
      ${q(`${n} id`)} int generated always as identity constraint ${q(`${n} pk`)} primary key,
      ${s} ${s}.${q(`${n} mood`)} default ${lit(n)},
      ${q(`${n} d`)} ${s}.${q(`${n} dom`)},
      ${q(`${n} n`)} bigint default nextval(${lit(`${q(n)}.${q(`${n} seq`)}`)}),
      constraint ${q(`${n} chk`)} check (${s} is not null)
    );
    create index ${q(`${n} idx`)} on ${s}.${s} (${s});
    create view ${s}.${q(`${n} view`)} as select ${s} from ${s}.${s};
    create function ${s}.${q(`${n} fn`)}() returns trigger language plpgsql as $body$ begin return new; end $body$;
    create function ${s}.${q(`${n} calc`)}(${q(`${n} arg`)} text default ${lit(n)}) returns text language sql as $body$ select ${q(`${n} arg`)} || ${lit(n)} $body$;
    create trigger ${q(`${n} trg`)} before insert on ${s}.${s} for each row execute function ${s}.${q(`${n} fn`)}(${lit(n)});
    alter table ${s}.${s} enable row level security;
    create policy ${q(`${n} pol`)} on ${s}.${s} to ${q(roleName(i))} using (${s} = ${lit(n)});
    grant select (${s}) on ${s}.${s} to ${q(roleName(i))};
    comment on table ${s}.${s} is ${lit(`${n} — it's "commented"`)};
    comment on column ${s}.${s}.${s} is ${lit(n)};`.replace(/\n\s*create role_placeholder;/, '');
}

describe('names that need quoting', () => {
  beforeAll(() => ensureRoles(...NAMES.slice(0, 30).map((_, i) => roleName(i))));

  it(`has a generated set of ${NAMES.length} distinct hostile names`, () => {
    expect(new Set(NAMES).size).toBe(NAMES.length);
    expect(NAMES.length).toBeGreaterThanOrEqual(200);
  });

  it('survives plan and apply for every object kind', async () => {
    const source = NAMES.slice(0, 30).map(objectsNamed).join('\n');
    await expectSyncsBothWays({ source });
  });

  it(`survives ${NAMES.length} hostile column names and enum labels`, async () => {
    const columns = NAMES.map((n) => `${q(n)} text default ${lit(n)}`).join(',\n');
    const labels = NAMES.map(lit).join(', ');
    await expectSyncs({
      source: `create type ${q('Ünïcode "labels"')} as enum (${labels}); create table ${q('wide;table')} (${columns});`,
      target: `create type ${q('Ünïcode "labels"')} as enum (${lit(NAMES[5]!)}); create table ${q('wide;table')} (${q(NAMES[0]!)} int);`,
    });
  });
});
