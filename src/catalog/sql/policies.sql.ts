import { commentOf } from './common.js';

/** Row-level security policies on tables in $1 and in the managed schemas $2. */
export const POLICIES_SQL = `
select p.oid, n.nspname as schema, c.relname as table, p.polname as name, p.polpermissive as permissive,
  case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end as command,
  case when p.polroles = '{0}' then '["PUBLIC"]'::jsonb
    else (select coalesce(jsonb_agg(r.rolname order by r.rolname), '[]') from pg_catalog.pg_roles r where r.oid = any(p.polroles)) end as roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check,
  ${commentOf('pg_policy', 'p.oid')} as comment
from pg_catalog.pg_policy p
join pg_catalog.pg_class c on c.oid = p.polrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relnamespace = any($1::oid[]) or c.relnamespace = any($2::oid[])
order by 2, 3, 4`;

export interface PolicyRow {
  oid: number;
  schema: string;
  table: string;
  name: string;
  permissive: boolean;
  command: string;
  roles: string[];
  using: string | null;
  with_check: string | null;
  comment: string | null;
}
