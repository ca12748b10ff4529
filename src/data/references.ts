import type pg from 'pg';
import { tableLabel } from '../db/names.js';
import { quoteIdent } from '../db/quote.js';
import { copyRows } from './copy.js';
import { tableKey, type DataTable } from './model.js';
import { columnList } from './sql.js';

const EXAMPLES = 3;

/**
 * Before anything is written: for each foreign key from a copied table to a
 * table that is not copied, the distinct key values the copied rows use are
 * streamed into a temporary table on the target and looked up there. Missing
 * ones would fail the load at its end; said first, with examples.
 */
export async function checkReferences(source: pg.Client, target: pg.Client, items: readonly { table: DataTable; select: string }[]): Promise<void> {
  const copied = new Set(items.map((i) => tableKey(i.table)));
  const problems: string[] = [];
  let n = 0;
  for (const { table, select } of items) {
    for (const key of table.foreignKeys) {
      const ref = { schema: key.refSchema, name: key.refTable };
      if (copied.has(tableKey(ref))) continue;
      const temp = quoteIdent(`pgbs_ref_${n++}`);
      const cols = columnList(key.columns);
      await target.query(`CREATE TEMP TABLE ${temp} ON COMMIT DROP AS SELECT ${cols} FROM ${tableLabel(table)} WITH NO DATA`);
      const notNull = key.columns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ');
      await copyRows(source, target, `SELECT DISTINCT ${cols} FROM (${select}) s WHERE ${notNull}`, `pg_temp.${temp} (${cols})`);
      const match = `(${key.refColumns.map((c) => `u.${quoteIdent(c)}`).join(', ')}) = (${key.columns.map((c) => `r.${quoteIdent(c)}`).join(', ')})`;
      const { rows } = await target.query<{ missing: string; examples: string[] | null }>(
        `SELECT count(*) AS missing, (array_agg(ROW(${key.columns.map((c) => `r.${quoteIdent(c)}`).join(', ')})::text))[1:${EXAMPLES}] AS examples ` +
          `FROM pg_temp.${temp} r WHERE NOT EXISTS (SELECT 1 FROM ${tableLabel(ref)} u WHERE ${match})`,
      );
      const missing = Number(rows[0]!.missing);
      if (missing > 0) {
        problems.push(
          `${tableLabel(table)} references ${tableLabel(ref)} (${key.name}), which is not copied, and ${missing} referenced row(s) are not on the target, ` +
            `e.g. (${key.columns.join(', ')}) = ${rows[0]!.examples!.join(', ')}`,
        );
      }
      await target.query(`DROP TABLE pg_temp.${temp}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${problems.join('; ')}. Add the referenced tables to [data].tables, or seed those rows first. Nothing was written.`);
  }
}
