import { commentOf } from './common.js';

/**
 * Table constraints in the chosen schemas ($1), except those PostgreSQL
 * creates itself: copies on partitions (conparentid) and inherited checks.
 */
export const CONSTRAINTS_SQL = `
select co.oid, co.conindid as index_oid, n.nspname as schema, c.relname as table, co.conname as name, co.contype as type,
  pg_catalog.pg_get_constraintdef(co.oid) as definition, co.conislocal as local,
  ${commentOf('pg_constraint', 'co.oid')} as comment
from pg_catalog.pg_constraint co
join pg_catalog.pg_class c on c.oid = co.conrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where co.contype in ('p', 'u', 'c', 'f', 'x') and c.relkind in ('r', 'p', 'f')
  and c.relnamespace = any($1::oid[]) and co.conparentid = 0
order by 3, 4, 5`;

export interface ConstraintRow {
  oid: number;
  index_oid: number;
  schema: string;
  table: string;
  name: string;
  type: 'p' | 'u' | 'c' | 'f' | 'x';
  definition: string;
  local: boolean;
  comment: string | null;
}
