/**
 * Dependencies between user objects, from pg_depend, normalised so both ends
 * are a catalog row (by catalog OID, see CATALOG): a column default (pg_attrdef) becomes its column and a
 * view's `_RETURN` rule becomes the view (other rules are objects of their own). A referenced object that belongs to
 * an extension is reported as that extension. No parameters: the reader keeps
 * the rows whose ends it knows.
 */
export const DEPENDS_SQL = `
with ext as (
  select e.classid, e.objid, x.extname
  from pg_catalog.pg_depend e join pg_catalog.pg_extension x on x.oid = e.refobjid
  where e.deptype = 'e'
),
dep as (
  select d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
  from pg_catalog.pg_depend d
  where d.deptype in ('n', 'a') and d.objid >= 16384 and d.refobjid >= 16384
)
select
  case when ad.adrelid is not null or rw.ev_class is not null then 'pg_class'::regclass::oid else dep.classid end as cls,
  coalesce(ad.adrelid, rw.ev_class, dep.objid) as objid,
  case when ad.adrelid is not null then ad.adnum when rw.ev_class is not null then 0 else dep.objsubid end as subid,
  dep.refclassid as refcls, dep.refobjid, dep.refobjsubid as refsubid, ext.extname as refext
from dep
left join ext on ext.classid = dep.refclassid and ext.objid = dep.refobjid
left join pg_catalog.pg_attrdef ad on dep.classid = 'pg_attrdef'::regclass and ad.oid = dep.objid
left join pg_catalog.pg_rewrite rw on dep.classid = 'pg_rewrite'::regclass and rw.oid = dep.objid and rw.rulename = '_RETURN'
-- A column's expression on other columns of its own table (generated columns) orders nothing: left out.
where not (ad.adrelid is not null and ad.adrelid = dep.refobjid and dep.refclassid = 'pg_class'::regclass)`;

/**
 * The OIDs of the system catalogs, fixed by PostgreSQL in every version
 * (pg_class.h and friends): dependency rows carry them instead of names,
 * which is cheaper to produce and to read.
 */
export const CATALOG = {
  pg_type: 1247,
  pg_proc: 1255,
  pg_class: 1259,
  pg_attrdef: 2604,
  pg_constraint: 2606,
  pg_rewrite: 2618,
  pg_trigger: 2620,
  pg_namespace: 2615,
  pg_extension: 3079,
  pg_policy: 3256,
  pg_collation: 3456,
  pg_foreign_data_wrapper: 2328,
  pg_foreign_server: 1417,
  pg_user_mapping: 1418,
  pg_publication_rel: 6106,
  pg_publication_namespace: 6237,
  pg_event_trigger: 3466,
} as const;
export type CatalogName = keyof typeof CATALOG;

export interface DependRow {
  cls: number;
  objid: number;
  subid: number;
  refcls: number;
  refobjid: number;
  refsubid: number;
  refext: string | null;
}
