import { commentOf } from './common.js';

/** Extensions installed in the chosen schemas ($1) or the managed ones ($2). */
export const EXTENSIONS_SQL = `
select x.oid, x.extname as name, n.nspname as schema, x.extversion as version, x.extrelocatable as relocatable,
  ${commentOf('pg_extension', 'x.oid')} as comment
from pg_catalog.pg_extension x
join pg_catalog.pg_namespace n on n.oid = x.extnamespace
where (x.extnamespace = any($1::oid[]) or x.extnamespace = any($2::oid[])) and x.extname <> 'plpgsql'
order by x.extname`;

export interface ExtensionRow {
  oid: number;
  name: string;
  schema: string;
  version: string;
  relocatable: boolean;
  comment: string | null;
}
