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
