import type pg from 'pg';
import { tableLabel } from '../db/names.js';
import { quoteIdent, quoteLiteral } from '../db/quote.js';
import { bigTables, names } from './indexes.js';
import type { DataTable } from './model.js';

/** A primary key or unique constraint of a table emptied in this transaction, dropped before its rows load and added again after (as pg_restore does). */
export interface DeferredUnique {
  table: DataTable;
  name: string;
  definition: string;
  comment: string | null;
  indexComment: string | null;
}

/**
 * Primary keys and unique constraints of plain tables that nothing else
 * needs while the rows load: no foreign key references them any more (those
 * of the loaded tables were dropped first), no view depends on them (a GROUP
 * BY on a primary key does), not the replica identity's or CLUSTER's index,
 * no per-column statistics target, the default tablespace, no storage
 * parameters (pg_get_constraintdef leaves them out), and a table this role
 * owns. What it prints (columns, INCLUDE, DEFERRABLE, NULLS NOT DISTINCT)
 * and both comments rebuild all of it.
 * Building the index once from sorted rows costs less than inserting each row
 * into it.
 */
const UNIQUE_SQL = `
select w.ord::int as ord, k.conname as name, pg_catalog.pg_get_constraintdef(k.oid) as definition,
  pg_catalog.obj_description(k.oid, 'pg_constraint') as comment, pg_catalog.obj_description(k.conindid, 'pg_class') as index_comment
from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
join pg_catalog.pg_namespace n on n.nspname = w.schema
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name and c.relkind = 'r'
join pg_catalog.pg_constraint k on k.conrelid = c.oid and k.contype in ('p', 'u') and k.conparentid = 0
join pg_catalog.pg_index x on x.indexrelid = k.conindid
join pg_catalog.pg_class i on i.oid = x.indexrelid
where pg_catalog.pg_has_role(c.relowner, 'USAGE') and x.indisvalid and not x.indisreplident and not x.indisclustered and i.reltablespace = 0 and i.reloptions is null
  and not exists (select 1 from pg_catalog.pg_depend d where d.refclassid = 'pg_catalog.pg_constraint'::regclass and d.refobjid = k.oid and d.deptype <> 'i')
  and not exists (select 1 from pg_catalog.pg_depend d where d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = x.indexrelid)
  and not exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = x.indexrelid and coalesce(a.attstattarget, -1) <> -1)
order by w.ord, k.conname`;

/**
 * Drops the primary keys and unique constraints of the big tables just
 * emptied, inside the target's transaction; call it after their foreign keys
 * are dropped, and addUniques before adding those back.
 */
export async function dropUniquesForLoad(source: pg.Client, target: pg.Client, tables: readonly DataTable[]): Promise<DeferredUnique[]> {
  const chosen = await bigTables(source, tables);
  if (chosen.length === 0) return [];
  const { rows } = await target.query<{ ord: number; name: string; definition: string; comment: string | null; index_comment: string | null }>(UNIQUE_SQL, names(chosen));
  const deferred = rows.map((r) => ({ table: chosen[r.ord - 1]!, name: r.name, definition: r.definition, comment: r.comment, indexComment: r.index_comment }));
  if (deferred.length > 0) await target.query(deferred.map((d) => `ALTER TABLE ${tableLabel(d.table)} DROP CONSTRAINT ${quoteIdent(d.name)}`).join('; '));
  return deferred;
}

/** Adds the dropped keys again, as they were: a duplicate fails it (and the run), as it would have failed the load. */
export async function addUniques(target: pg.Client, deferred: readonly DeferredUnique[]): Promise<void> {
  for (const d of deferred) {
    const sql = [`ALTER TABLE ${tableLabel(d.table)} ADD CONSTRAINT ${quoteIdent(d.name)} ${d.definition}`];
    if (d.comment !== null) sql.push(`COMMENT ON CONSTRAINT ${quoteIdent(d.name)} ON ${tableLabel(d.table)} IS ${quoteLiteral(d.comment)}`);
    // The constraint's index has the constraint's name.
    if (d.indexComment !== null) sql.push(`COMMENT ON INDEX ${quoteIdent(d.table.schema)}.${quoteIdent(d.name)} IS ${quoteLiteral(d.indexComment)}`);
    await target.query(sql.join('; '));
  }
}
