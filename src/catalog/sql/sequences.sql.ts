import { commentOf, grantsJson, notInExtension } from './common.js';

/**
 * Sequences in the chosen schemas ($1). Those behind identity columns
 * (identity_of) are made with their column: only their owner, privileges and
 * comment are theirs.
 */
export const SEQUENCES_SQL = `
select c.oid, n.nspname as schema, c.relname as name,
  pg_catalog.format_type(s.seqtypid, null) as data_type,
  s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
  s.seqcache::text as cache, s.seqcycle as cycle,
  -- Reading a sequence's state opens it: only for those not behind an identity column, the only ones it is used for.
  case when col.identity_of is null and pg_catalog.has_sequence_privilege(c.oid, 'SELECT,USAGE') then pg_catalog.pg_sequence_last_value(c.oid)::text end as last_value,
  col.owned_by, col.identity_of,
  ${grantsJson('c.relacl', 's', 'c.relowner')} as grants,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  ${commentOf('pg_class', 'c.oid')} as comment
from pg_catalog.pg_class c
join pg_catalog.pg_sequence s on s.seqrelid = c.oid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
-- The column it belongs to: OWNED BY (auto) for a serial, internal for an identity; one pg_depend join for both.
left join lateral (
  select case when d.deptype = 'a' then jsonb_build_array(tn.nspname, tc.relname, a.attname) end as owned_by,
    case when d.deptype = 'i' then jsonb_build_array(tn.nspname, tc.relname, a.attname) end as identity_of
  from pg_catalog.pg_depend d
  join pg_catalog.pg_class tc on tc.oid = d.refobjid
  join pg_catalog.pg_namespace tn on tn.oid = tc.relnamespace
  join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
  where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
    and d.deptype in ('a', 'i') and d.refobjsubid > 0
  limit 1
) col on true
where c.relkind = 'S' and c.relnamespace = any($1::oid[])
  and ${notInExtension('pg_class', 'c.oid')}
order by 2, 3`;

export interface SequenceRow {
  oid: number;
  schema: string;
  name: string;
  data_type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  last_value: string | null;
  owned_by: [string, string, string] | null;
  identity_of: [string, string, string] | null;
  grants: [string, string, boolean][];
  owner: string;
  comment: string | null;
}
