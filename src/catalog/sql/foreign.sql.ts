import { commentOf, grantsJson, notInExtension } from './common.js';

/**
 * Option names whose values are or may hold credentials (password, api_key,
 * secret, token, a connection string with a password in it...): their values
 * never leave the server, only their names are read.
 */
export const SECRET_OPTION = '(pass|secret|token|key|credential|conn_string|connection_string|dsn)';

/** An options array (`{name=value}`) as sorted [name, value] pairs; values of secret-looking names read as null. */
function optionsJson(column: string, hideSecrets = false): string {
  const value = hideSecrets ? `case when o.option_name ~* '${SECRET_OPTION}' then null else o.option_value end` : 'o.option_value';
  return `(select coalesce(jsonb_agg(jsonb_build_array(o.option_name, ${value}) order by o.option_name), '[]'::jsonb)
    from pg_catalog.pg_options_to_table(${column}) o)`;
}

/**
 * Foreign-data wrappers. One an extension made (postgres_fdw) comes and goes
 * with it (extension names it), but its privileges and comment are synced.
 */
export const WRAPPERS_SQL = `
select w.oid, w.fdwname as name,
  case when w.fdwhandler = 0 then null else w.fdwhandler::pg_catalog.regproc::text end as handler,
  case when w.fdwvalidator = 0 then null else w.fdwvalidator::pg_catalog.regproc::text end as validator,
  ${optionsJson('w.fdwoptions')} as options,
  pg_catalog.pg_get_userbyid(w.fdwowner) as owner,
  ${grantsJson('w.fdwacl', 'F', 'w.fdwowner')} as grants,
  ${commentOf('pg_foreign_data_wrapper', 'w.oid')} as comment,
  (select x.extname from pg_catalog.pg_depend e join pg_catalog.pg_extension x on x.oid = e.refobjid
     where e.classid = 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass and e.objid = w.oid and e.deptype = 'e') as extension
from pg_catalog.pg_foreign_data_wrapper w
order by 2`;

export interface WrapperRow {
  oid: number;
  name: string;
  handler: string | null;
  validator: string | null;
  options: [string, string][];
  owner: string;
  grants: [string, string, boolean][];
  comment: string | null;
  extension: string | null;
}

/** Foreign servers, whatever their wrapper; secret-looking option values are not read. */
export const SERVERS_SQL = `
select s.oid, s.srvname as name, w.fdwname as wrapper, s.srvtype as type, s.srvversion as version,
  ${optionsJson('s.srvoptions', true)} as options,
  pg_catalog.pg_get_userbyid(s.srvowner) as owner,
  ${grantsJson('s.srvacl', 'S', 's.srvowner')} as grants,
  ${commentOf('pg_foreign_server', 's.oid')} as comment
from pg_catalog.pg_foreign_server s
join pg_catalog.pg_foreign_data_wrapper w on w.oid = s.srvfdw
where ${notInExtension('pg_foreign_server', 's.oid')}
order by 2`;

export interface ServerRow {
  oid: number;
  name: string;
  wrapper: string;
  type: string | null;
  version: string | null;
  /** A null value: a credential, left unread. */
  options: [string, string | null][];
  owner: string;
  grants: [string, string, boolean][];
  comment: string | null;
}

/**
 * User mappings, by existence only: their options hold credentials and are
 * never selected (not even where this role could see them).
 */
export const USER_MAPPINGS_SQL = `
select m.umid as oid, m.srvname as server, case when m.umuser = 0 then 'PUBLIC' else m.usename end as role
from pg_catalog.pg_user_mappings m
order by 2, 3`;

export interface UserMappingRow {
  oid: number;
  server: string;
  role: string;
}

/** Foreign tables in the chosen schemas ($1); their columns come with COLUMNS_SQL. */
export const FOREIGN_TABLES_SQL = `
select c.oid, c.reltype as type_oid, n.nspname as schema, c.relname as name, s.srvname as server,
  case when c.relispartition then
    (select jsonb_build_array(pn.nspname, pc.relname, pg_catalog.pg_get_expr(c.relpartbound, c.oid))
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as partition_of,
  case when c.relispartition then '[]'::jsonb else
    (select coalesce(jsonb_agg(jsonb_build_array(pn.nspname, pc.relname) order by i.inhseqno), '[]')
       from pg_catalog.pg_inherits i
       join pg_catalog.pg_class pc on pc.oid = i.inhparent
       join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
       where i.inhrelid = c.oid)
  end as inherits,
  ${optionsJson('ft.ftoptions')} as options,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  ${grantsJson('c.relacl', 'r', 'c.relowner')} as grants,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_foreign_table ft
join pg_catalog.pg_class c on c.oid = ft.ftrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_foreign_server s on s.oid = ft.ftserver
where c.relnamespace = any($1::oid[]) and ${notInExtension('pg_class', 'c.oid')}
order by 3, 4`;

export interface ForeignTableRow {
  oid: number;
  type_oid: number;
  schema: string;
  name: string;
  server: string;
  /** Parent, and bound (`FOR VALUES ...`), of a foreign partition. */
  partition_of: [string, string, string] | null;
  /** Parents in plain (non-partition) inheritance, in order. */
  inherits: [string, string][];
  options: [string, string][];
  owner: string;
  grants: [string, string, boolean][];
  comment: string | null;
}

/** Column options of those foreign tables' columns ($1): only columns that have some. */
export const FOREIGN_COLUMN_OPTIONS_SQL = `
select a.attrelid as table_oid, a.attname as column, ${optionsJson('a.attfdwoptions')} as options
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
where c.relkind = 'f' and c.relnamespace = any($1::oid[]) and a.attnum > 0 and not a.attisdropped and a.attfdwoptions is not null
order by 1, a.attnum`;

export interface ForeignColumnOptionsRow {
  table_oid: number;
  column: string;
  options: [string, string][];
}
