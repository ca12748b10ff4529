import { commentOf, grantsJson, notInExtension } from './common.js';

/** Enums, domains, stand-alone composite types and range types in the chosen schemas ($1). */
export const TYPES_SQL = `
select t.oid, t.typarray as array_oid, t.typrelid as rel_oid, n.nspname as schema, t.typname as name,
  case t.typtype when 'e' then 'enum' when 'd' then 'domain' when 'c' then 'composite' when 'r' then 'range' end as kind,
  ${grantsJson('t.typacl', 'T', 't.typowner')} as grants,
  pg_catalog.pg_get_userbyid(t.typowner) as owner,
  ${commentOf('pg_type', 't.oid')} as comment,
  case when t.typtype = 'e' then
    (select coalesce(jsonb_agg(e.enumlabel order by e.enumsortorder), '[]') from pg_catalog.pg_enum e where e.enumtypid = t.oid)
  end as labels,
  case when t.typtype = 'd' then pg_catalog.format_type(t.typbasetype, t.typtypmod) end as base_type,
  case when t.typtype = 'd' then t.typdefault end as default_expr,
  t.typnotnull as not_null,
  case when t.typtype = 'd' and t.typcollation <> 0 and t.typcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = t.typbasetype)
    then (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
          from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace where co.oid = t.typcollation)
  end as collation,
  case when t.typtype = 'd' then
    (select coalesce(jsonb_agg(jsonb_build_array(c.conname, pg_catalog.pg_get_constraintdef(c.oid), c.convalidated, c.oid) order by c.conname), '[]')
     from pg_catalog.pg_constraint c where c.contypid = t.oid and c.contype = 'c')
  end as checks,
  case when t.typtype = 'c' then
    (select coalesce(jsonb_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
       || case when a.attcollation <> 0 and a.attcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = a.atttypid)
            then ' COLLATE ' || (select pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
              from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace where co.oid = a.attcollation)
            else '' end
       order by a.attnum), '[]')
     from pg_catalog.pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)
  end as attributes,
  case when t.typtype = 'r' then
    (select 'SUBTYPE = ' || pg_catalog.format_type(r.rngsubtype, null)
       || coalesce((select ', SUBTYPE_OPCLASS = ' || pg_catalog.quote_ident(on_.nspname) || '.' || pg_catalog.quote_ident(oc.opcname)
              from pg_catalog.pg_opclass oc join pg_catalog.pg_namespace on_ on on_.oid = oc.opcnamespace
              where oc.oid = r.rngsubopc and not oc.opcdefault), '')
       || case when r.rngcollation <> 0 and r.rngcollation <> (select b.typcollation from pg_catalog.pg_type b where b.oid = r.rngsubtype)
            then ', COLLATION = ' || r.rngcollation::regcollation::text else '' end
       || case when r.rngcanonical <> 0 then ', CANONICAL = ' || r.rngcanonical::regproc::text else '' end
       || case when r.rngsubdiff <> 0 then ', SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text else '' end
       || ', MULTIRANGE_TYPE_NAME = ' || r.rngmultitypid::regtype::text
     from pg_catalog.pg_range r where r.rngtypid = t.oid)
  end as range_options
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
where t.typnamespace = any($1::oid[])
  and (t.typtype in ('e', 'd', 'r')
       or (t.typtype = 'c' and (select c.relkind from pg_catalog.pg_class c where c.oid = t.typrelid) = 'c'))
  and ${notInExtension('pg_type', 't.oid')}
order by 3, 4`;

export interface TypeRow {
  oid: number;
  array_oid: number;
  rel_oid: number;
  schema: string;
  name: string;
  kind: 'enum' | 'domain' | 'composite' | 'range';
  grants: [string, string, boolean][];
  owner: string;
  comment: string | null;
  labels: string[] | null;
  base_type: string | null;
  default_expr: string | null;
  not_null: boolean;
  collation: string | null;
  /** name, definition, validated, the constraint's oid. */
  checks: [string, string, boolean, number][] | null;
  attributes: string[] | null;
  range_options: string | null;
}
