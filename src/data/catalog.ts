import type pg from 'pg';
import type { DataTable } from './model.js';

/** Every table data can be copied into or out of: ordinary and partitioned tables, not partitions (their parent copies them). */
const TABLES_SQL = `
select n.nspname as schema, c.relname as name
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and not c.relispartition
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg\\_temp\\_%' and n.nspname not like 'pg\\_toast\\_temp\\_%'
  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
order by 1, 2`;

export async function listTables(client: pg.Client): Promise<{ schema: string; name: string }[]> {
  return (await client.query<{ schema: string; name: string }>(TABLES_SQL)).rows;
}

/** Columns, key, foreign keys, user triggers and owned sequences of the given tables, in one query. */
const DETAILS_SQL = `
with wanted as (
  select c.oid, w.ord
  from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
  join pg_catalog.pg_namespace n on n.nspname = w.schema
  join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name
)
select w.ord::int as ord, n.nspname as schema, c.relname as name, c.relkind as kind,
  (select coalesce(json_agg(json_build_object(
      'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod), 'baseType', dom.base,
      'domainChecks', coalesce(dom.checks, '[]'), 'notNull', a.attnotnull or dom.not_null,
      'generated', a.attgenerated = 's', 'identity', a.attidentity) order by a.attnum), '[]')
   from pg_catalog.pg_attribute a
   -- The chain of domains under the column's type: masks must fit the base type and pass every CHECK.
   cross join lateral (
     with recursive chain(typ, mod, depth) as (
       select a.atttypid, a.atttypmod, 0
       union all
       select t.typbasetype, t.typtypmod, ch.depth + 1 from chain ch join pg_catalog.pg_type t on t.oid = ch.typ where t.typtype = 'd')
     select (select pg_catalog.format_type(ch.typ, ch.mod) from chain ch order by ch.depth desc limit 1) as base,
       exists (select 1 from chain ch join pg_catalog.pg_type t on t.oid = ch.typ where t.typtype = 'd' and t.typnotnull) as not_null,
       (select json_agg(json_build_object('domain', pg_catalog.format_type(co.contypid, null), 'name', co.conname,
          'definition', pg_catalog.pg_get_constraintdef(co.oid)) order by ch.depth, co.conname)
        from chain ch join pg_catalog.pg_constraint co on co.contypid = ch.typ and co.contype = 'c') as checks
   ) dom
   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
  (select json_agg(a.attname order by k.i)
   from pg_catalog.pg_constraint pk, unnest(pk.conkey) with ordinality k(attnum, i)
   join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
   where pk.conrelid = c.oid and pk.contype = 'p') as primary_key,
  (select coalesce(json_agg(json_build_object(
      'name', f.conname, 'deferrable', f.condeferrable, 'refSchema', rn.nspname, 'refTable', rc.relname,
      'columns', (select json_agg(a.attname order by k.i) from unnest(f.conkey) with ordinality k(attnum, i)
                  join pg_catalog.pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum),
      'refColumns', (select json_agg(a.attname order by k.i) from unnest(f.confkey) with ordinality k(attnum, i)
                     join pg_catalog.pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.attnum)) order by f.conname), '[]')
   from pg_catalog.pg_constraint f
   join pg_catalog.pg_class rc on rc.oid = f.confrelid join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
   where f.conrelid = c.oid and f.contype = 'f' and f.conparentid = 0) as foreign_keys,
  (select coalesce(json_agg(json_build_object('name', t.tgname, 'enabled', t.tgenabled) order by t.tgname), '[]')
   from pg_catalog.pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal) as triggers,
  (select coalesce(json_agg(json_build_object('column', a.attname,
      'sequence', pg_catalog.quote_ident(sn.nspname) || '.' || pg_catalog.quote_ident(s.relname)) order by a.attnum), '[]')
   from pg_catalog.pg_depend d
   join pg_catalog.pg_class s on s.oid = d.objid and s.relkind = 'S'
   join pg_catalog.pg_namespace sn on sn.oid = s.relnamespace
   join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.refobjsubid
   where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.refobjid = c.oid
     and d.deptype in ('a', 'i')) as sequences
from wanted w join pg_catalog.pg_class c on c.oid = w.oid join pg_catalog.pg_namespace n on n.oid = c.relnamespace
order by w.ord`;

interface DetailsRow {
  ord: number;
  schema: string;
  name: string;
  kind: string;
  columns: DataTable['columns'];
  primary_key: string[] | null;
  foreign_keys: DataTable['foreignKeys'];
  triggers: DataTable['triggers'];
  sequences: DataTable['sequences'];
}

/** The details of each named table, in the order given; a table the database lacks is left out. */
export async function readTables(client: pg.Client, tables: readonly { schema: string; name: string }[]): Promise<DataTable[]> {
  if (tables.length === 0) return [];
  const { rows } = await client.query<DetailsRow>(DETAILS_SQL, [tables.map((t) => t.schema), tables.map((t) => t.name)]);
  return rows.map((r) => ({
    schema: r.schema, name: r.name, kind: r.kind, columns: r.columns, primaryKey: r.primary_key ?? undefined,
    foreignKeys: r.foreign_keys, triggers: r.triggers, sequences: r.sequences,
  }));
}

/** Foreign keys of tables outside `tables` that reference one of them, with whether the referencing table has rows. */
const INCOMING_SQL = `
with wanted as (
  select c.oid
  from unnest($1::text[], $2::text[]) as w(schema, name)
  join pg_catalog.pg_namespace n on n.nspname = w.schema
  join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name
)
select f.conname as name, n.nspname as schema, c.relname as table, rn.nspname as ref_schema, rc.relname as ref_table
from pg_catalog.pg_constraint f
join pg_catalog.pg_class c on c.oid = f.conrelid join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_class rc on rc.oid = f.confrelid join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
where f.contype = 'f' and f.conparentid = 0 and f.confrelid in (select oid from wanted) and f.conrelid not in (select oid from wanted)
order by 2, 3, 1`;

export interface IncomingKey {
  name: string;
  schema: string;
  table: string;
  ref_schema: string;
  ref_table: string;
}

export async function incomingKeys(client: pg.Client, tables: readonly { schema: string; name: string }[]): Promise<IncomingKey[]> {
  if (tables.length === 0) return [];
  return (await client.query<IncomingKey>(INCOMING_SQL, [tables.map((t) => t.schema), tables.map((t) => t.name)])).rows;
}
