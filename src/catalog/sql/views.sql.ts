import { commentOf, grantsJson, notInExtension } from './common.js';

/** Views and materialized views in the chosen schemas ($1). */
export const VIEWS_SQL = `
select c.oid, c.reltype as type_oid, n.nspname as schema, c.relname as name,
  case c.relkind when 'm' then 'materialized' else 'view' end as kind,
  pg_catalog.pg_get_viewdef(c.oid) as definition,
  coalesce(c.reloptions, '{}') as options,
  (select coalesce(jsonb_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) order by a.attnum), '[]')
     from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
  ${grantsJson('c.relacl', 'r', 'c.relowner')} as grants,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  (select coalesce(jsonb_agg(jsonb_build_array(a.attname, ${grantsJson('a.attacl', 'c', 'c.relowner')}) order by a.attnum), '[]')
     from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attacl is not null) as column_grants,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm') and c.relnamespace = any($1::oid[])
  and ${notInExtension('pg_class', 'c.oid')}
order by 3, 4`;

export interface ViewRow {
  oid: number;
  type_oid: number;
  schema: string;
  name: string;
  kind: 'view' | 'materialized';
  definition: string;
  options: string[];
  columns: string[];
  grants: [string, string, boolean][];
  owner: string;
  column_grants: [string, [string, string, boolean][]][];
  comment: string | null;
}
