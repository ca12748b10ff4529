import { grantsJson } from './common.js';

/**
 * Privileges on the objects of the platform-managed schemas ($2): the schemas
 * themselves, their tables, views, sequences and routines. The platform makes
 * them; a grant or revoke on them (`revoke all on all tables in schema storage
 * from anon`) is the user's.
 */
export const PLATFORM_ACLS_SQL = `
select 'SCHEMA' as kind, n.nspname as schema, n.nspname as name, '' as identity_args,
  pg_catalog.pg_get_userbyid(n.nspowner) as owner, ${grantsJson('n.nspacl', 'n', 'n.nspowner')} as grants
from pg_catalog.pg_namespace n
where n.oid = any($2::oid[]) and not (n.oid = any($1::oid[]))
union all
select case when c.relkind = 'S' then 'SEQUENCE' else 'TABLE' end, n.nspname, c.relname, '',
  pg_catalog.pg_get_userbyid(c.relowner),
  case when c.relkind = 'S' then ${grantsJson('c.relacl', 's', 'c.relowner')} else ${grantsJson('c.relacl', 'r', 'c.relowner')} end
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relnamespace = any($2::oid[]) and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
  and not exists (select 1 from pg_catalog.pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
union all
select case when p.prokind = 'p' then 'PROCEDURE' else 'FUNCTION' end, n.nspname, p.proname,
  pg_catalog.pg_get_function_identity_arguments(p.oid),
  pg_catalog.pg_get_userbyid(p.proowner), ${grantsJson('p.proacl', 'f', 'p.proowner')}
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where p.pronamespace = any($2::oid[]) and p.prokind <> 'a'
  and not exists (select 1 from pg_catalog.pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
order by 1, 2, 3, 4`;

export interface PlatformAclRow {
  kind: 'TABLE' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'SCHEMA';
  schema: string;
  name: string;
  identity_args: string;
  owner: string;
  grants: [string, string, boolean][];
}
