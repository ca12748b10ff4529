import { commentOf, grantsJson, notInExtension } from './common.js';

/** Every non-system schema; the reader filters them by the user's choice. No parameters. */
export const SCHEMAS_SQL = `
select n.oid, n.nspname as name, pg_catalog.pg_get_userbyid(n.nspowner) as owner,
  ${grantsJson('n.nspacl', 'n', 'n.nspowner')} as grants,
  ${commentOf('pg_namespace', 'n.oid')} as comment
from pg_catalog.pg_namespace n
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ${notInExtension('pg_namespace', 'n.oid')}
order by n.nspname`;

export interface SchemaRow {
  oid: number;
  name: string;
  owner: string;
  grants: [string, string, boolean][];
  comment: string | null;
}
