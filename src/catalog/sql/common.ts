/**
 * SQL fragments shared by the catalog queries. Every query takes the oids of
 * the schemas to read as $1 (oid[]).
 */

/** Objects that belong to an extension are the extension's business, not ours. */
export function notInExtension(catalog: string, oid: string): string {
  return `not exists (select 1 from pg_catalog.pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;
}

/**
 * The privileges on an object, as a JSON array of [grantee, privilege,
 * grantable], the owner's own named '' (OWNER_GRANTEE in the model). A NULL
 * acl means the defaults for that kind of object (e.g. EXECUTE to PUBLIC for
 * functions, everything to the owner).
 */
export function grantsJson(acl: string, aclKind: string, owner: string): string {
  const expand = (from: string, ownerOid: string) => {
    const grantee = `case when a.grantee = 0 then 'PUBLIC' when a.grantee = ${ownerOid} then '' else pg_catalog.pg_get_userbyid(a.grantee) end`;
    return `(select coalesce(jsonb_agg(jsonb_build_array(${grantee}, a.privilege_type, a.is_grantable)
      order by ${grantee}, a.privilege_type), '[]'::jsonb)
    from pg_catalog.aclexplode(${from}) a)`;
  };
  // The defaults name only the owner and PUBLIC, so they read the same for every owner: expanded once per query
  // (an uncorrelated subquery), for any owner oid, rather than once per object.
  return `(case when ${acl} is null then ${expand(`pg_catalog.acldefault('${aclKind}', 10::oid)`, '10::oid')} else ${expand(acl, owner)} end)`;
}

export function commentOf(catalog: string, oid: string, subid = '0'): string {
  return `(select d.description from pg_catalog.pg_description d where d.classoid = '${catalog}'::regclass and d.objoid = ${oid} and d.objsubid = ${subid})`;
}
