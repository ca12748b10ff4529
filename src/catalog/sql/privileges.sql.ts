/**
 * ALTER DEFAULT PRIVILEGES entries: global ones and those for the chosen
 * schemas ($1). Grants to the role itself are implicit and left out.
 */
export const DEFAULT_PRIVILEGES_SQL = `
select d.oid, pg_catalog.pg_get_userbyid(d.defaclrole) as role, n.nspname as schema, d.defaclobjtype as object_type,
  (select coalesce(jsonb_agg(jsonb_build_array(
      case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type, a.is_grantable)
      order by case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type), '[]'::jsonb)
    from pg_catalog.aclexplode(d.defaclacl) a where a.grantee <> d.defaclrole) as grants
from pg_catalog.pg_default_acl d
left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
where d.defaclnamespace = 0 or d.defaclnamespace = any($1::oid[])
order by 2, 3 nulls first, 4`;

export interface DefaultPrivilegeRow {
  oid: number;
  role: string;
  schema: string | null;
  object_type: 'r' | 'S' | 'f' | 'T' | 'n';
  grants: [string, string, boolean][];
}

export const ROLES_SQL = `select r.rolname as name from pg_catalog.pg_roles r order by 1`;

export const SESSION_SQL = `select current_user as user, current_setting('server_version_num') as version`;
