import { commentOf } from './common.js';

/** Publications (e.g. supabase_realtime), with their member tables within $1. */
export const PUBLICATIONS_SQL = `
select p.oid, p.pubname as name, p.puballtables as all_tables, p.pubviaroot as via_root,
  array_remove(array[case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
    case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end], null) as publish,
  (select coalesce(jsonb_agg(jsonb_build_array(n.nspname, c.relname) order by n.nspname, c.relname), '[]')
     from pg_catalog.pg_publication_rel pr
     join pg_catalog.pg_class c on c.oid = pr.prrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where pr.prpubid = p.oid and c.relnamespace = any($1::oid[])) as tables,
  ${commentOf('pg_publication', 'p.oid')} as comment
from pg_catalog.pg_publication p
order by 2`;

export interface PublicationRow {
  oid: number;
  name: string;
  all_tables: boolean;
  via_root: boolean;
  publish: string[];
  tables: [string, string][];
  comment: string | null;
}
