import type { Identity } from '../model.js';
import { commentOf, grantsJson, notInExtension } from './common.js';

/** Tables and partitioned tables in the chosen schemas ($1). */
export const TABLES_SQL = `
select c.oid, c.reltype as type_oid, n.nspname as schema, c.relname as name,
  case c.relkind when 'p' then 'partitioned' else 'table' end as kind,
  c.relpersistence = 'u' as unlogged,
  case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end as partition_key,
  -- The key's columns, plain or inside an expression: each depends internally on its table.
  case when c.relkind = 'p' then
    (select coalesce(jsonb_agg(a.attname order by a.attnum), '[]')
       from pg_catalog.pg_depend d
       join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
       where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid and d.objsubid > 0
         and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.refobjid = c.oid and d.refobjsubid = 0 and d.deptype = 'i')
  else '[]'::jsonb end as partition_columns,
  case when c.relispartition then
    (select jsonb_build_array(pn.nspname, pc.relname, pg_catalog.pg_get_expr(c.relpartbound, c.oid))
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as partition_of,
  case when c.relispartition then '[]'::jsonb else
    (select coalesce(jsonb_agg(jsonb_build_array(pn.nspname, pc.relname) order by i.inhseqno), '[]')
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as inherits,
  -- A typed table's composite type (CREATE TABLE ... OF type).
  (select jsonb_build_array(tn.nspname, ty.typname) from pg_catalog.pg_type ty join pg_catalog.pg_namespace tn on tn.oid = ty.typnamespace
     where ty.oid = c.reloftype) as of_type,
  c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
  coalesce(c.reloptions, '{}') as options, c.relreplident as replica_identity,
  (select ic.relname from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
     where i.indrelid = c.oid and i.indisreplident) as replica_index,
  (select ic.relname from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
     where i.indrelid = c.oid and i.indisclustered) as cluster_index,
  ${grantsJson('c.relacl', 'r', 'c.relowner')} as grants,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and c.relnamespace = any($1::oid[])
  and ${notInExtension('pg_class', 'c.oid')}
order by 3, 4`;

export interface TableRow {
  oid: number;
  type_oid: number;
  schema: string;
  name: string;
  kind: 'table' | 'partitioned';
  unlogged: boolean;
  partition_key: string | null;
  partition_columns: string[];
  partition_of: [string, string, string] | null;
  inherits: [string, string][];
  of_type: [string, string] | null;
  rls_enabled: boolean;
  rls_forced: boolean;
  options: string[];
  replica_identity: string;
  replica_index: string | null;
  cluster_index: string | null;
  grants: [string, string, boolean][];
  owner: string;
  comment: string | null;
}

/** Columns of those tables and of foreign tables ($1), in order. */
export const COLUMNS_SQL = `
select a.attrelid as table_oid, a.attnum as position, a.attname as name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
  a.attnotnull as not_null,
  case when a.attgenerated = '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as default_expr,
  case when a.attgenerated = 's' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end as generated,
  case when a.attcollation <> 0 and a.attcollation <> t.typcollation
    then (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
          from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
          where co.oid = a.attcollation)
  end as collation,
  case when a.attidentity in ('a', 'd') then
    (select jsonb_build_object(
        'generation', case a.attidentity when 'a' then 'ALWAYS' else 'BY DEFAULT' end,
        'dataType', pg_catalog.format_type(s.seqtypid, null),
        'start', s.seqstart::text, 'increment', s.seqincrement::text, 'min', s.seqmin::text,
        'max', s.seqmax::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle,
        'sequenceName', (select sc.relname from pg_catalog.pg_class sc where sc.oid = s.seqrelid))
     from pg_catalog.pg_depend d join pg_catalog.pg_sequence s on s.seqrelid = d.objid
     where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
       and d.refobjid = a.attrelid and d.refobjsubid = a.attnum and d.deptype = 'i')
  end as identity,
  a.attislocal as local,
  a.attstorage as storage, t.typstorage as default_storage,
  nullif(a.attcompression::text, '') as compression,
  nullif(coalesce(a.attstattarget::int, -1), -1) as statistics,
  -- A volatile default (random(), nextval()) makes ADD COLUMN rewrite the table: read from the stored expression tree,
  -- the number after each ":funcid " and ":opfuncid " (only where it calls a function at all; splitting on the
  -- field names costs a third of a regular expression, the costliest part of this query before).
  ad.adbin is not null and a.attgenerated = '' and pg_catalog.strpos(ad.adbin::text, 'funcid ') > 0 and exists (
    select 1 from (select pg_catalog.unnest((pg_catalog.string_to_array(ad.adbin::text, ':funcid '))[2:])
                   union all select pg_catalog.unnest((pg_catalog.string_to_array(ad.adbin::text, ':opfuncid '))[2:])) f(rest)
    join pg_catalog.pg_proc vp on vp.oid = pg_catalog.split_part(f.rest, ' ', 1)::oid where vp.provolatile = 'v') as volatile_default,
  -- Columns have no default privileges: skip the expansion for the (usual) NULL acl.
  case when a.attacl is null then '[]'::jsonb else ${grantsJson('a.attacl', 'c', 'c.relowner')} end as grants,
  ${commentOf('pg_class', 'a.attrelid', 'a.attnum')} as comment
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_type t on t.oid = a.atttypid
left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
where c.relkind in ('r', 'p', 'f') and c.relnamespace = any($1::oid[])
  and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum`;

export interface ColumnRow {
  table_oid: number;
  position: number;
  name: string;
  type: string;
  not_null: boolean;
  default_expr: string | null;
  generated: string | null;
  collation: string | null;
  identity: Identity | null;
  local: boolean;
  storage: string;
  default_storage: string;
  compression: string | null;
  statistics: number | null;
  volatile_default: boolean;
  grants: [string, string, boolean][];
  comment: string | null;
}
