/**
 * A generated schema of the shape issue #3 measures: N tables (identity and
 * generated columns, a check, 2 indexes and a foreign key each) plus views,
 * functions, triggers, policies, enums, domains, comments and grants, all
 * scaled with N (N/5 views and functions, N/10 triggers and policies).
 */
export function generateSchema(tables: number): string {
  const out: string[] = [
    `do $$ begin create role bench_reader; exception when duplicate_object then null; end $$;`,
    `create schema bench;`,
    `create type bench.state as enum ('new', 'active', 'suspended', 'closed');`,
    `create type bench.priority as enum ('low', 'normal', 'high');`,
    `create type bench.channel as enum ('web', 'mobile', 'api');`,
    `create domain bench.positive_money as numeric(14, 2) check (value >= 0);`,
    `create domain bench.short_text as text check (length(value) <= 200);`,
  ];
  for (let i = 1; i <= tables; i++) {
    const t = `bench.t${i}`;
    const fk = i > 1 ? `, parent_id bigint references bench.t${i - 1} (id) on delete cascade` : ', parent_id bigint';
    out.push(
      `create table ${t} (id bigint generated always as identity primary key, name bench.short_text not null, ` +
        `state bench.state not null default 'new', amount bench.positive_money default 0, qty int not null default 1 check (qty > 0), ` +
        `total numeric generated always as (coalesce(amount, 0) * qty) stored, created_at timestamptz not null default now()${fk});`,
      `create index t${i}_state on ${t} (state, created_at);`,
      `create index t${i}_name on ${t} (lower(name));`,
      `comment on table ${t} is 'table ${i}';`,
      `grant select on ${t} to bench_reader;`,
    );
  }
  for (let i = 1; i <= Math.floor(tables / 5); i++) {
    out.push(
      `create function bench.f${i}(x bigint) returns numeric language sql stable as $$ select coalesce(sum(total), 0) from bench.t${i} where parent_id = x $$;`,
      `create view bench.v${i} as select id, name, state, bench.f${i}(id) as child_total from bench.t${i} where state <> 'closed';`,
    );
  }
  out.push(`create function bench.touch() returns trigger language plpgsql as $$ begin new.created_at := now(); return new; end $$;`);
  for (let i = 1; i <= Math.floor(tables / 10); i++) {
    out.push(
      `create trigger t${i}_touch before update on bench.t${i} for each row execute function bench.touch();`,
      `alter table bench.t${i} enable row level security;`,
      `create policy t${i}_read on bench.t${i} for select to bench_reader using (state <> 'suspended');`,
    );
  }
  return out.join('\n');
}
