import { commentOf } from './common.js';

/**
 * Publications (e.g. supabase_realtime), with their member tables (column
 * lists and row filters as PostgreSQL prints them) and schemas within $1.
 */
export const PUBLICATIONS_SQL = `
select p.oid, p.pubname as name, p.puballtables as all_tables, p.pubviaroot as via_root,
  array_remove(array[case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
    case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end], null) as publish,
  (select coalesce(jsonb_agg(jsonb_build_object('oid', pr.oid, 'schema', n.nspname, 'name', c.relname,
       'columns', (select jsonb_agg(a.attname order by k.i)
                   from unnest(pr.prattrs::pg_catalog.int2[]) with ordinality k(attnum, i)
                   join pg_catalog.pg_attribute a on a.attrelid = pr.prrelid and a.attnum = k.attnum),
       'where', pg_catalog.pg_get_expr(pr.prqual, pr.prrelid)) order by n.nspname, c.relname), '[]')
     from pg_catalog.pg_publication_rel pr
     join pg_catalog.pg_class c on c.oid = pr.prrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where pr.prpubid = p.oid and c.relnamespace = any($1::oid[])) as tables,
  (select coalesce(jsonb_agg(jsonb_build_object('oid', pn.oid, 'name', n.nspname) order by n.nspname), '[]')
     from pg_catalog.pg_publication_namespace pn
     join pg_catalog.pg_namespace n on n.oid = pn.pnnspid
     where pn.pnpubid = p.oid and pn.pnnspid = any($1::oid[])) as schemas,
  ${commentOf('pg_publication', 'p.oid')} as comment
from pg_catalog.pg_publication p
order by 2`;

export interface PublicationRow {
  oid: number;
  name: string;
  all_tables: boolean;
  via_root: boolean;
  publish: string[];
  /** oid: the pg_publication_rel row, which pg_depend ties to the table and the listed columns. */
  tables: { oid: number; schema: string; name: string; columns: string[] | null; where: string | null }[];
  schemas: { oid: number; name: string }[];
  comment: string | null;
}
