import type pg from 'pg';
import { tableLabel } from '../db/names.js';
import { quoteIdent, quoteLiteral } from '../db/quote.js';
import { bigTables, names } from './indexes.js';
import type { DataTable } from './model.js';

/** A foreign key of a table emptied in this transaction, dropped before its rows load and added again after (as pg_restore does). */
export interface DeferredKey {
  table: DataTable;
  name: string;
  definition: string;
  comment: string | null;
}

/**
 * Validated foreign keys (a NOT VALID one still checks new rows, which adding
 * it again would not) of plain tables, nothing else depending on them, which this role
 * may drop and add again (owner of the table, REFERENCES on the referenced
 * one): what pg_get_constraintdef prints (deferrability, actions, NOT VALID)
 * and the comment rebuild all of it. Checking each loaded row by a trigger
 * costs an index lookup per row; adding the key checks them all in one join.
 */
const KEYS_SQL = `
select w.ord::int as ord, k.conname as name, pg_catalog.pg_get_constraintdef(k.oid) as definition,
  pg_catalog.obj_description(k.oid, 'pg_constraint') as comment
from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
join pg_catalog.pg_namespace n on n.nspname = w.schema
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name and c.relkind = 'r'
join pg_catalog.pg_constraint k on k.conrelid = c.oid and k.contype = 'f' and k.conparentid = 0
where k.convalidated and pg_catalog.pg_has_role(c.relowner, 'USAGE') and pg_catalog.has_table_privilege(k.confrelid, 'REFERENCES')
  and not exists (select 1 from pg_catalog.pg_depend d where d.refclassid = 'pg_catalog.pg_constraint'::regclass and d.refobjid = k.oid and d.deptype <> 'i')
order by w.ord, k.conname`;

/**
 * Drops the foreign keys of the big tables just emptied, inside the target's
 * transaction (a failure rolls the drop back with the rest); addKeys puts
 * them back once every row is in, which checks every row.
 */
export async function dropKeysForLoad(source: pg.Client, target: pg.Client, tables: readonly DataTable[]): Promise<DeferredKey[]> {
  const chosen = await bigTables(source, tables);
  if (chosen.length === 0) return [];
  const { rows } = await target.query<{ ord: number; name: string; definition: string; comment: string | null }>(KEYS_SQL, names(chosen));
  const deferred = rows.map((r) => ({ table: chosen[r.ord - 1]!, name: r.name, definition: r.definition, comment: r.comment }));
  if (deferred.length > 0) await target.query(deferred.map((d) => `ALTER TABLE ${tableLabel(d.table)} DROP CONSTRAINT ${quoteIdent(d.name)}`).join('; '));
  return deferred;
}

/** Adds the dropped foreign keys again, as they were; a row whose referenced row is missing fails it (and the run). */
export async function addKeys(target: pg.Client, deferred: readonly DeferredKey[]): Promise<void> {
  for (const d of deferred) {
    const sql = [`ALTER TABLE ${tableLabel(d.table)} ADD CONSTRAINT ${quoteIdent(d.name)} ${d.definition}`];
    if (d.comment !== null) sql.push(`COMMENT ON CONSTRAINT ${quoteIdent(d.name)} ON ${tableLabel(d.table)} IS ${quoteLiteral(d.comment)}`);
    await target.query(sql.join('; '));
  }
}
