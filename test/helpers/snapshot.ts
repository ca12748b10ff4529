import pg from 'pg';

/**
 * An independent description of a database's schema, for tests: one text
 * line per fact, built only from what PostgreSQL itself prints
 * (pg_get_*def, format_type, aclexplode), never from the engine's reader.
 * Two databases with equal snapshots have equal schemas.
 */
export interface SnapshotFilter {
  schemas?: readonly string[];
  excludeSchemas?: readonly string[];
}

// pg-branch-sync's own ledger schema on a target is not part of the schema it syncs.
const SYSTEM = `n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and n.nspname <> '_pg_branch_sync'`;

const list = (names: readonly string[]) => `array[${names.map((n) => `'${n.replaceAll("'", "''")}'`).join(', ')}]::text[]`;

function schemaCondition(filter: SnapshotFilter): string {
  const parts = [SYSTEM];
  if (filter.schemas?.length) parts.push(`n.nspname = any(${list(filter.schemas)})`);
  if (filter.excludeSchemas?.length) parts.push(`not (n.nspname = any(${list(filter.excludeSchemas)}))`);
  return parts.join(' and ');
}

// The owner's own entries are OWNER: what it revoked from itself shows, whoever owns it (owners have lines of their own).
const ACL = (acl: string, kind: string, owner: string) => `(select coalesce(string_agg(g, ',' order by g), '') from (select
    case when a.grantee = 0 then 'PUBLIC' when a.grantee = ${owner} then 'OWNER' else pg_get_userbyid(a.grantee) end || ':' || a.privilege_type || case when a.is_grantable then '*' else '' end as g
    from aclexplode(coalesce(${acl}, acldefault(${kind}, ${owner}))) a) acl)`;

const NOT_EXT = (cls: string, oid: string) => `not exists (select 1 from pg_depend e where e.classid = '${cls}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;

function queries(where: string): string[] {
  return [
    `select 'schema ' || n.nspname || ' acl=' || ${ACL('n.nspacl', "'n'", 'n.nspowner')} || ' comment=' || coalesce(obj_description(n.oid, 'pg_namespace'), '')
       from pg_namespace n where ${where} and ${NOT_EXT('pg_namespace', 'n.oid')}`,
    `select 'extension ' || x.extname || ' ' || x.extversion || ' in ' || n.nspname from pg_extension x join pg_namespace n on n.oid = x.extnamespace where ${where}`,
    `select 'collation ' || n.nspname || '.' || c.collname || ' ' || c.collprovider::text || ' ' || coalesce(c.collcollate, '') || ' ' || c.collisdeterministic || ' ' || coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale', '')
       from pg_collation c join pg_namespace n on n.oid = c.collnamespace where ${where}`,
    `select 'type ' || format_type(t.oid, null) || ' ' || t.typtype::text || ' base=' || coalesce(format_type(nullif(t.typbasetype, 0), t.typtypmod), '')
         || ' notnull=' || t.typnotnull || ' default=' || coalesce(t.typdefault, '') || ' acl=' || ${ACL('t.typacl', "'T'", 't.typowner')}
         || ' labels=' || coalesce((select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid), '')
         || ' checks=' || coalesce((select string_agg(c.conname || ':' || pg_get_constraintdef(c.oid), ',' order by c.conname) from pg_constraint c where c.contypid = t.oid), '')
         || ' attrs=' || coalesce((select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' order by a.attnum) from pg_attribute a join pg_class r on r.oid = a.attrelid where r.oid = t.typrelid and r.relkind = 'c' and a.attnum > 0 and not a.attisdropped), '')
         || ' comment=' || coalesce(obj_description(t.oid, 'pg_type'), '')
       from pg_type t join pg_namespace n on n.oid = t.typnamespace
       where ${where} and t.typtype in ('e', 'd', 'r', 'c') and (t.typtype <> 'c' or (select relkind from pg_class where oid = t.typrelid) = 'c') and ${NOT_EXT('pg_type', 't.oid')}`,
    `select 'relation ' || c.oid::regclass::text || ' ' || c.relkind::text || ' ' || c.relpersistence::text || ' rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity
         || ' options=' || coalesce(array_to_string(c.reloptions, ','), '') || ' replident=' || c.relreplident::text
         || ' partkey=' || coalesce(pg_get_partkeydef(c.oid), '') || ' bound=' || coalesce(pg_get_expr(c.relpartbound, c.oid), '')
         || ' parents=' || coalesce((select string_agg(i.inhparent::regclass::text, ',' order by i.inhseqno) from pg_inherits i where i.inhrelid = c.oid), '')
         || ' of=' || coalesce(nullif(c.reloftype, 0)::regtype::text, '')
         || ' acl=' || ${ACL('c.relacl', `(case c.relkind when 'S' then 's' else 'r' end)::"char"`, 'c.relowner')}
         || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '')
         || case when c.relkind in ('v', 'm') then ' def=' || pg_get_viewdef(c.oid) else '' end
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where ${where} and c.relkind in ('r', 'p', 'v', 'm', 'f') and ${NOT_EXT('pg_class', 'c.oid')}`,
    `select 'sequence ' || c.oid::regclass::text || ' ' || format_type(s.seqtypid, null) || ' ' || s.seqstart || ' ' || s.seqincrement || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqcache || ' ' || s.seqcycle
         || ' owned=' || coalesce((select d.refobjid::regclass::text || '.' || (select attname from pg_attribute where attrelid = d.refobjid and attnum = d.refobjsubid) || ':' || d.deptype::text from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0), '')
       from pg_class c join pg_sequence s on s.seqrelid = c.oid join pg_namespace n on n.oid = c.relnamespace where ${where}`,
    `select 'column ' || c.oid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
         || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' generated=' || a.attgenerated::text || ' identity=' || a.attidentity::text
         || ' collation=' || coalesce((select collname from pg_collation where oid = nullif(a.attcollation, 0)), '') || ' inherited=' || (a.attinhcount > 0)
         || ' acl=' || coalesce((select string_agg(x, ',' order by x) from unnest(a.attacl::text[]) x), '') || ' comment=' || coalesce(col_description(c.oid, a.attnum), '')
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where ${where} and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped and ${NOT_EXT('pg_class', 'c.oid')}`,
    `select 'constraint ' || c.conrelid::regclass::text || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid) || ' local=' || c.conislocal
         || ' comment=' || coalesce(obj_description(c.oid, 'pg_constraint'), '')
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace where ${where} and c.conrelid <> 0`,
    // With the index it is attached to (an index partition's parent) and its tablespace, which pg_get_indexdef leaves out.
    `select 'index ' || pg_get_indexdef(i.indexrelid) || ' comment=' || coalesce(obj_description(i.indexrelid, 'pg_class'), '')
         || ' attached=' || coalesce((select h.inhparent::regclass::text from pg_inherits h where h.inhrelid = i.indexrelid), '')
         || ' tablespace=' || coalesce((select t.spcname from pg_tablespace t where t.oid = c.reltablespace), '')
       from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace where ${where} and ${NOT_EXT('pg_class', 'c.oid')}`,
    `select 'routine ' || p.oid::regprocedure::text || ' ' || p.prokind::text || ' ' || case when p.prokind = 'a' then '' else pg_get_functiondef(p.oid) end
         || ' acl=' || ${ACL('p.proacl', "'f'", 'p.proowner')} || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '')
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${where} and ${NOT_EXT('pg_proc', 'p.oid')}`,
    `select 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text || ' comment=' || coalesce(obj_description(t.oid, 'pg_trigger'), '')
       from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where ${where} and not t.tgisinternal`,
    `select 'policy ' || p.schemaname || '.' || p.tablename || '.' || p.policyname || ' ' || p.permissive || ' ' || array_to_string(p.roles, ',') || ' ' || p.cmd
         || ' using=' || coalesce(p.qual, '') || ' check=' || coalesce(p.with_check, '')
       from pg_policies p join pg_namespace n on n.nspname = p.schemaname where ${where}`,
    `select 'publication ' || p.pubname || ' ' || p.puballtables || ' ' || p.pubinsert || p.pubupdate || p.pubdelete || p.pubtruncate
         || ' tables=' || coalesce((select string_agg(t.schemaname || '.' || t.tablename, ',' order by t.schemaname, t.tablename) from pg_publication_tables t join pg_namespace n on n.nspname = t.schemaname where t.pubname = p.pubname and ${where}), '')
       from pg_publication p`,
    `select 'default acl ' || pg_get_userbyid(d.defaclrole) || ' ' || coalesce(n.nspname, '*') || ' ' || d.defaclobjtype::text || ' ' || (select string_agg(x, ',' order by x) from unnest(d.defaclacl::text[]) x)
       from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace where d.defaclnamespace = 0 or (${where})`,
    // Rules other than views' own, with their enabled state.
    `select 'rule ' || pg_get_ruledef(r.oid) || ' enabled=' || r.ev_enabled::text
       from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace where ${where} and r.rulename <> '_RETURN'`,
    // Event triggers whose function lives in a compared schema.
    `select 'event trigger ' || et.evtname || ' on ' || et.evtevent || ' tags=' || coalesce(array_to_string(et.evttags, ','), '') || ' function=' || et.evtfoid::regprocedure::text
         || ' enabled=' || et.evtenabled::text || ' comment=' || coalesce(obj_description(et.oid, 'pg_event_trigger'), '')
       from pg_event_trigger et join pg_proc p on p.oid = et.evtfoid join pg_namespace n on n.oid = p.pronamespace where ${where} and ${NOT_EXT('pg_event_trigger', 'et.oid')}`,
    // Column storage, compression, statistics target and inheritance counts (foreign tables' too).
    `select 'column detail ' || c.oid::regclass::text || '.' || a.attname || ' storage=' || a.attstorage::text || ' compression=' || a.attcompression::text
         || ' statistics=' || coalesce(a.attstattarget::int, -1) || ' local=' || a.attislocal || ' inhcount=' || a.attinhcount
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where ${where} and c.relkind in ('r', 'p', 'm', 'f') and a.attnum > 0 and not a.attisdropped and ${NOT_EXT('pg_class', 'c.oid')}`,
    // The index a table is clustered on, and the one its replica identity uses.
    `select 'index flags ' || i.indexrelid::regclass::text || ' clustered=' || i.indisclustered || ' replident=' || i.indisreplident
       from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace where ${where} and (i.indisclustered or i.indisreplident)`,
    ...foreignDataQueries(where),
    ...publicationQueries(where),
    ...ownerQueries(where),
  ];
}

const OPTIONS = (column: string) => `coalesce((select string_agg(o, ',' order by o) from unnest(${column}) o), '')`;

// Foreign data: wrappers, servers with their options, user mappings by existence only (their options hold credentials).
function foreignDataQueries(where: string): string[] {
  return [
    `select 'fdw ' || w.fdwname || ' handler=' || w.fdwhandler::regproc::text || ' validator=' || w.fdwvalidator::regproc::text || ' options=' || ${OPTIONS('w.fdwoptions')}
         || ' acl=' || ${ACL('w.fdwacl', "'F'", 'w.fdwowner')} || ' comment=' || coalesce(obj_description(w.oid, 'pg_foreign_data_wrapper'), '')
       from pg_foreign_data_wrapper w`,
    `select 'server ' || s.srvname || ' fdw=' || w.fdwname || ' type=' || coalesce(s.srvtype, '') || ' version=' || coalesce(s.srvversion, '') || ' options=' || ${OPTIONS('s.srvoptions')}
         || ' acl=' || ${ACL('s.srvacl', "'S'", 's.srvowner')} || ' comment=' || coalesce(obj_description(s.oid, 'pg_foreign_server'), '')
       from pg_foreign_server s join pg_foreign_data_wrapper w on w.oid = s.srvfdw`,
    `select 'user mapping ' || m.usename || ' server=' || m.srvname from pg_user_mappings m`,
    `select 'foreign table ' || c.oid::regclass::text || ' server=' || s.srvname || ' options=' || ${OPTIONS('f.ftoptions')}
       from pg_foreign_table f join pg_class c on c.oid = f.ftrelid join pg_foreign_server s on s.oid = f.ftserver join pg_namespace n on n.oid = c.relnamespace where ${where}`,
    `select 'foreign column ' || c.oid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
         || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' generated=' || a.attgenerated::text
         || ' collation=' || coalesce((select collname from pg_collation where oid = nullif(a.attcollation, 0)), '') || ' options=' || ${OPTIONS('a.attfdwoptions')}
         || ' acl=' || coalesce((select string_agg(x, ',' order by x) from unnest(a.attacl::text[]) x), '') || ' comment=' || coalesce(col_description(c.oid, a.attnum), '')
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where ${where} and c.relkind = 'f' and a.attnum > 0 and not a.attisdropped`,
  ];
}

// Publications in detail: options, member tables with column lists and row filters, member schemas.
function publicationQueries(where: string): string[] {
  return [
    `select 'publication options ' || p.pubname || ' via_root=' || p.pubviaroot || ' comment=' || coalesce(obj_description(p.oid, 'pg_publication'), '') from pg_publication p`,
    `select 'publication member ' || p.pubname || ' ' || r.prrelid::regclass::text
         || ' columns=' || coalesce((select string_agg(a.attname, ',' order by a.attnum) from pg_attribute a where a.attrelid = r.prrelid and a.attnum = any(r.prattrs::int2[])), '*')
         || ' where=' || coalesce(pg_get_expr(r.prqual, r.prrelid), '')
       from pg_publication_rel r join pg_publication p on p.oid = r.prpubid join pg_class c on c.oid = r.prrelid join pg_namespace n on n.oid = c.relnamespace where ${where}`,
    `select 'publication schema ' || p.pubname || ' ' || n.nspname
       from pg_publication_namespace pn join pg_publication p on p.oid = pn.pnpubid join pg_namespace n on n.oid = pn.pnnspid where ${where}`,
  ];
}

/** Owners of everything that has one, and every sequence's privileges and comment (identity sequences' too). */
function ownerQueries(where: string): string[] {
  return [
    `select 'owner schema ' || n.nspname || ' ' || pg_get_userbyid(n.nspowner) from pg_namespace n where ${where} and ${NOT_EXT('pg_namespace', 'n.oid')}`,
    `select 'owner relation ' || c.oid::regclass::text || ' ' || c.relkind::text || ' ' || pg_get_userbyid(c.relowner)
       from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${where} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and ${NOT_EXT('pg_class', 'c.oid')}`,
    `select 'owner routine ' || p.oid::regprocedure::text || ' ' || pg_get_userbyid(p.proowner)
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${where} and ${NOT_EXT('pg_proc', 'p.oid')}`,
    `select 'owner type ' || format_type(t.oid, null) || ' ' || pg_get_userbyid(t.typowner)
       from pg_type t join pg_namespace n on n.oid = t.typnamespace
       where ${where} and t.typtype in ('e', 'd', 'r', 'c') and (t.typtype <> 'c' or (select relkind from pg_class where oid = t.typrelid) = 'c') and ${NOT_EXT('pg_type', 't.oid')}`,
    `select 'sequence acl ' || c.oid::regclass::text || ' acl=' || ${ACL('c.relacl', "'s'", 'c.relowner')} || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '')
       from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${where} and c.relkind = 'S' and ${NOT_EXT('pg_class', 'c.oid')}`,
  ];
}

/** Sorted lines describing the schema of the database at `url`. */
export async function schemaSnapshot(url: string, filter: SnapshotFilter = {}): Promise<string[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query("set search_path = ''");
    const lines: string[] = [];
    for (const sql of queries(schemaCondition(filter))) {
      const { rows } = await client.query<Record<string, string>>(sql);
      for (const row of rows) lines.push(String(Object.values(row)[0]));
    }
    return lines.sort();
  } finally {
    await client.end();
  }
}
