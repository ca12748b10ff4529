import type pg from 'pg';
import { parseTableName, tableLabel, type TableName } from '../db/names.js';
import { quoteIdent } from '../db/quote.js';
import type { CheckResult } from './check.js';

const REQUIRED_SQL = `
select l.ord::int as ord, c.relkind::text as relkind,
  (select coalesce(array_agg(w.col order by w.col), '{}') from unnest(string_to_array(l.cols, E'\\x01')) w(col)
   where w.col <> '' and not exists (
     select 1 from pg_catalog.pg_attribute a
     where a.attrelid = c.oid and a.attname = w.col and a.attnum > 0 and not a.attisdropped)) as missing
from unnest($1::text[], $2::text[], $3::text[]) with ordinality as l(schema, name, cols, ord)
left join pg_catalog.pg_namespace n on n.nspname = l.schema
left join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = l.name and c.relkind in ('r', 'p', 'v', 'm', 'f')`;

/**
 * Every required table exists (a view, materialized view or foreign table
 * counts too), with the required columns. One query for all of them.
 */
export async function checkRequired(target: pg.Client, tables: readonly string[], columns: Readonly<Record<string, string[]>>): Promise<Omit<CheckResult, 'name' | 'ms'>> {
  const wanted = new Map<string, { table: TableName; columns: string[] }>();
  const want = (name: string, cols: readonly string[]) => {
    const table = parseTableName(name, 'required table');
    const entry = wanted.get(tableLabel(table)) ?? { table, columns: [] };
    for (const c of cols) if (!entry.columns.includes(c)) entry.columns.push(c);
    wanted.set(tableLabel(table), entry);
  };
  for (const name of tables) want(name, []);
  for (const [name, cols] of Object.entries(columns)) want(name, cols);
  const list = [...wanted.values()];
  // Columns travel as one \x01-delimited text per table: arrays cannot be ragged, and \x01 is no name's character.
  const { rows } = await target.query<{ ord: number; relkind: string | null; missing: string[] }>(REQUIRED_SQL, [
    list.map((w) => w.table.schema), list.map((w) => w.table.name), list.map((w) => w.columns.join('\u0001')),
  ]);
  const problems: string[] = [];
  for (const row of rows) {
    const { table } = list[row.ord - 1]!;
    if (row.relkind === null) problems.push(`${tableLabel(table)} is missing`);
    else if (row.missing.length > 0) problems.push(`${tableLabel(table)} lacks column(s) ${row.missing.map(quoteIdent).join(', ')}`);
  }
  if (problems.length > 0) return { status: 'fail', detail: problems.join('; ') };
  const columnCount = list.reduce((n, w) => n + w.columns.length, 0);
  return { status: 'pass', detail: `${list.length} table(s)${columnCount > 0 ? ` and ${columnCount} column(s)` : ''} present` };
}
