import type pg from 'pg';
import { tableLabel } from '../db/names.js';
import { quoteIdent, quoteLiteral } from '../db/quote.js';
import type { DataTable } from './model.js';

/** A secondary index dropped before a table emptied in this transaction is loaded, built again after (as pg_restore does). */
export interface DeferredIndex {
  table: DataTable;
  name: string;
  definition: string;
  comment: string | null;
  clustered: boolean;
}

// Below this many source rows, maintaining an index during the load costs less than dropping and building it.
const MIN_ROWS = 10_000;

/**
 * Indexes that are nothing but an index: no constraint owns or uses them
 * (primary keys, unique constraints, the unique index a foreign key points
 * at), nothing depends on them (partition indexes), not the replica identity,
 * no per-column statistics target and the default tablespace — so what
 * pg_get_indexdef prints, its comment and its CLUSTER mark rebuild all of it.
 */
const INDEXES_SQL = `
select w.ord::int as ord, i.relname as name, pg_catalog.pg_get_indexdef(x.indexrelid) as definition,
  pg_catalog.obj_description(x.indexrelid, 'pg_class') as comment, x.indisclustered as clustered
from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
join pg_catalog.pg_namespace n on n.nspname = w.schema
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name and c.relkind = 'r'
join pg_catalog.pg_index x on x.indrelid = c.oid
join pg_catalog.pg_class i on i.oid = x.indexrelid
where x.indisvalid and x.indisready and x.indislive and not x.indisreplident and i.reltablespace = 0
  and not exists (select 1 from pg_catalog.pg_constraint k where k.conindid = x.indexrelid)
  and not exists (select 1 from pg_catalog.pg_depend d where d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid = x.indexrelid)
  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = x.indexrelid and d.deptype in ('P', 'S'))
  and not exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = x.indexrelid and coalesce(a.attstattarget, -1) <> -1)
order by w.ord, i.relname`;

/** Source tables big enough for the rebuild to pay, by the planner's estimate (read without a lock: production's locks never hold this up). */
const BIG_SQL = `
select w.ord::int as ord
from unnest($1::text[], $2::text[]) with ordinality as w(schema, name, ord)
join pg_catalog.pg_namespace n on n.nspname = w.schema
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.name
where c.reltuples >= $3`;

export const names = (tables: readonly DataTable[]) => [tables.map((t) => t.schema), tables.map((t) => t.name)];

/** The tables whose rows are many enough (planner's estimate on the source) for a drop and rebuild to pay. */
export async function bigTables(source: pg.Client, tables: readonly DataTable[]): Promise<DataTable[]> {
  if (tables.length === 0) return [];
  const big = new Set((await source.query<{ ord: number }>(BIG_SQL, [...names(tables), MIN_ROWS])).rows.map((r) => r.ord));
  return tables.filter((_, i) => big.has(i + 1));
}

/**
 * Drops the secondary indexes of the big tables just emptied, inside the
 * target's transaction (a failure rolls the drop back with the rest); the
 * caller builds them again with rebuildIndexes once the rows are in.
 */
export async function dropIndexesForLoad(source: pg.Client, target: pg.Client, tables: readonly DataTable[]): Promise<DeferredIndex[]> {
  const chosen = await bigTables(source, tables);
  if (chosen.length === 0) return [];
  const { rows } = await target.query<{ ord: number; name: string; definition: string; comment: string | null; clustered: boolean }>(INDEXES_SQL, names(chosen));
  const deferred = rows.map((r) => ({ table: chosen[r.ord - 1]!, name: r.name, definition: r.definition, comment: r.comment, clustered: r.clustered }));
  if (deferred.length > 0) await target.query(deferred.map((d) => `DROP INDEX ${quoteIdent(d.table.schema)}.${quoteIdent(d.name)}`).join('; '));
  return deferred;
}

/** Builds the dropped indexes again, as they were: one sorted build each instead of an insert per row. */
export async function rebuildIndexes(target: pg.Client, deferred: readonly DeferredIndex[]): Promise<void> {
  for (const d of deferred) {
    const index = `${quoteIdent(d.table.schema)}.${quoteIdent(d.name)}`;
    const sql = [d.definition];
    if (d.comment !== null) sql.push(`COMMENT ON INDEX ${index} IS ${quoteLiteral(d.comment)}`);
    if (d.clustered) sql.push(`ALTER TABLE ${tableLabel(d.table)} CLUSTER ON ${quoteIdent(d.name)}`);
    await target.query(sql.join('; '));
  }
}
