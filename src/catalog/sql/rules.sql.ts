import { commentOf, notInExtension } from './common.js';

/** Rewrite rules on relations in $1, except the `_RETURN` rule that is a view's own definition. */
export const RULES_SQL = `
select r.oid, n.nspname as schema, c.relname as table, r.rulename as name,
  pg_catalog.pg_get_ruledef(r.oid) as definition, r.ev_enabled as enabled,
  ${commentOf('pg_rewrite', 'r.oid')} as comment
from pg_catalog.pg_rewrite r
join pg_catalog.pg_class c on c.oid = r.ev_class
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relnamespace = any($1::oid[]) and r.rulename <> '_RETURN'
  and ${notInExtension('pg_class', 'c.oid')}
order by 2, 3, 4`;

export interface RuleRow {
  oid: number;
  schema: string;
  table: string;
  name: string;
  definition: string;
  enabled: string;
  comment: string | null;
}
