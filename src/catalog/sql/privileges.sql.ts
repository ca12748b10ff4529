/**
 * ALTER DEFAULT PRIVILEGES entries: global ones and those for the chosen
 * schemas ($1), the role's own entries included (a global entry lists them all).
 */
export const DEFAULT_PRIVILEGES_SQL = `
select d.oid, pg_catalog.pg_get_userbyid(d.defaclrole) as role, n.nspname as schema, d.defaclobjtype as object_type,
  (select coalesce(jsonb_agg(jsonb_build_array(
      case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type, a.is_grantable)
      order by case when a.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(a.grantee) end, a.privilege_type), '[]'::jsonb)
    from pg_catalog.aclexplode(d.defaclacl) a) as grants
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

/**
 * Every role, and what the reading role may do with its objects: act as their
 * owner (USAGE) and give objects to it (SET from PostgreSQL 16, MEMBER before);
 * whether it is a superuser, and the roles it is a direct member of.
 */
export const ROLES_SQL = `select r.rolname as name, pg_catalog.pg_has_role(r.oid, 'USAGE') as usage,
  case when current_setting('server_version_num')::int >= 160000 then pg_catalog.pg_has_role(r.oid, 'SET') else pg_catalog.pg_has_role(r.oid, 'MEMBER') end as set,
  r.rolsuper as superuser,
  (select coalesce(jsonb_agg(pg_catalog.pg_get_userbyid(m.roleid)), '[]') from pg_catalog.pg_auth_members m where m.member = r.oid) as member_of
from pg_catalog.pg_roles r order by 1`;

export interface RoleRow {
  name: string;
  usage: boolean;
  set: boolean;
  superuser: boolean;
  member_of: string[];
}

export const SESSION_SQL = `select current_user as user, current_setting('server_version_num') as version,
  (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user) as superuser,
  pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE') as database_create`;
