import { commentOf } from './common.js';

/**
 * User triggers on tables and views in $1, plus those on tables of the
 * platform-managed schemas in $2 (a trigger on auth.users), except clones
 * PostgreSQL makes on partitions.
 */
export const TRIGGERS_SQL = `
select t.oid, n.nspname as schema, c.relname as table, t.tgname as name,
  pg_catalog.pg_get_triggerdef(t.oid) as definition, t.tgenabled as enabled,
  t.tgconstraint <> 0 as is_constraint,
  ${commentOf('pg_trigger', 't.oid')} as comment
from pg_catalog.pg_trigger t
join pg_catalog.pg_class c on c.oid = t.tgrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal and t.tgparentid = 0
  and (c.relnamespace = any($1::oid[]) or c.relnamespace = any($2::oid[]))
order by 2, 3, 4`;

export interface TriggerRow {
  oid: number;
  schema: string;
  table: string;
  name: string;
  definition: string;
  enabled: string;
  is_constraint: boolean;
  comment: string | null;
}
