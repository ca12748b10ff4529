import { commentOf, notInExtension } from './common.js';

/**
 * Indexes of tables and materialized views in the chosen schemas ($1), except
 * those that back a constraint (part of it) and index partitions, which
 * PostgreSQL creates with their partitioned parent.
 */
export const INDEXES_SQL = `
select ic.oid, n.nspname as schema, tc.relname as table, ic.relname as name,
  pg_catalog.pg_get_indexdef(ic.oid) as definition,
  ${commentOf('pg_class', 'ic.oid')} as comment
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
join pg_catalog.pg_class tc on tc.oid = i.indrelid
join pg_catalog.pg_namespace n on n.oid = ic.relnamespace
where tc.relnamespace = any($1::oid[]) and tc.relkind in ('r', 'p', 'm')
  and not ic.relispartition
  -- NOT IN over an uncorrelated list is hashed once; a correlated NOT EXISTS would scan pg_constraint per index.
  and ic.oid not in (select co.conindid from pg_catalog.pg_constraint co where co.contype in ('p', 'u', 'x'))
  and ${notInExtension('pg_class', 'ic.oid')}
order by 2, 4`;

export interface IndexRow {
  oid: number;
  schema: string;
  table: string;
  name: string;
  definition: string;
  comment: string | null;
}

/**
 * Index partitions of tables in the chosen schemas ($1): each attached to the
 * index of its table's parent (parent_oid, in INDEXES_SQL, behind a constraint,
 * or one of these), with its own name, storage parameters and tablespace.
 */
export const PARTITION_INDEXES_SQL = `
select ic.oid, n.nspname as schema, tc.relname as table, ic.relname as name, inh.inhparent as parent_oid,
  pg_catalog.pg_get_indexdef(ic.oid) as definition,
  coalesce(ic.reloptions, '{}') as options,
  (select t.spcname from pg_catalog.pg_tablespace t where t.oid = ic.reltablespace) as tablespace,
  (select co.contype from pg_catalog.pg_constraint co where co.conindid = ic.oid and co.contype in ('p', 'u', 'x')) as constraint_type,
  -- The index's own column names: those PostgreSQL builds a name it chooses from.
  (select pg_catalog.array_agg(a.attname::text order by a.attnum) from pg_catalog.pg_attribute a where a.attrelid = ic.oid and a.attnum > 0) as columns,
  ${commentOf('pg_class', 'ic.oid')} as comment
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
join pg_catalog.pg_class tc on tc.oid = i.indrelid
join pg_catalog.pg_namespace n on n.oid = ic.relnamespace
join pg_catalog.pg_inherits inh on inh.inhrelid = ic.oid
where tc.relnamespace = any($1::oid[]) and tc.relkind in ('r', 'p') and ic.relispartition
order by 2, 4`;

export interface PartitionIndexRow {
  oid: number;
  schema: string;
  table: string;
  name: string;
  parent_oid: number;
  definition: string;
  options: string[];
  tablespace: string | null;
  constraint_type: 'p' | 'u' | 'x' | null;
  columns: string[];
  comment: string | null;
}
