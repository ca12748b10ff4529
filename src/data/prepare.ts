import type pg from 'pg';
import type { DataSettings } from '../config/resolve.js';
import { parseTableName, tableLabel, type TableName } from '../db/names.js';
import { quoteIdent } from '../db/quote.js';
import { readTables } from './catalog.js';
import { maskExpression, resolveMasks } from './mask.js';
import { tableKey, type DataTable } from './model.js';
import type { LoadPlan } from './order.js';
import type { TableCopy } from './phase.js';

export interface Prepared {
  table: DataTable;
  /** Columns copied: the target's, less stored generated ones. */
  columns: string[];
  /** The source query: copied columns, masked where configured, filtered by [data.where]. */
  select: string;
  masked: string[];
  /** Columns loaded as NULL first and filled in after every table (a cycle broken there). */
  nulled: string[];
  staged: string | undefined;
  result: TableCopy;
}

/**
 * What to copy of each table: the target's columns less generated ones (each
 * must exist on the source), masked where [data.mask] says, filtered by
 * [data.where]. A mask or filter for a source table not copied this time
 * is left unused; one naming no table of the source is an error (a typo
 * must not leave a column unmasked).
 */
export async function prepare(
  source: pg.Client, order: readonly DataTable[], settings: DataSettings, nulled: LoadPlan['nulled'], sourceNames: readonly TableName[],
): Promise<Prepared[]> {
  const byKey = (map: Record<string, unknown>, what: string) => {
    const out = new Map<string, string>();
    for (const name of Object.keys(map)) {
      const key = tableKey(parseTableName(name, what));
      if (!sourceNames.some((t) => tableKey(t) === key)) throw new Error(`${what} "${name}" names no table of the source`);
      out.set(key, name);
    }
    return out;
  };
  const whereNames = byKey(settings.where, '[data.where]');
  const maskNames = byKey(settings.mask, '[data.mask]');
  const sourceTables = await readTables(source, order);
  return order.map((table) => {
    const key = tableKey(table);
    const columns = table.columns.filter((c) => !c.generated).map((c) => c.name);
    const onSource = sourceTables.find((s) => tableKey(s) === key);
    const absent = columns.filter((c) => !onSource?.columns.some((s) => s.name === c && !s.generated));
    if (absent.length > 0) throw new Error(`${tableLabel(table)} on the source lacks column(s) ${absent.map(quoteIdent).join(', ')} of the target: sync the schema first`);
    const maskName = maskNames.get(key);
    const masks = maskName ? resolveMasks(table, settings.mask[maskName]!, `[data.mask."${maskName}"]`) : new Map();
    const list = columns.map((name) => {
      const rule = masks.get(name);
      return rule ? `${maskExpression(table.columns.find((c) => c.name === name)!, rule, settings.maskSalt)} AS ${quoteIdent(name)}` : quoteIdent(name);
    });
    const whereName = whereNames.get(key);
    // The condition is the user's own SQL, run only in the READ ONLY source session.
    const where = whereName ? ` WHERE (${settings.where[whereName]})` : '';
    const label = tableLabel(table);
    return {
      table, columns, select: `SELECT ${list.join(', ')} FROM ${label}${where}`, masked: [...masks.keys()],
      nulled: nulled.filter((n) => n.table === table).flatMap((n) => n.key.columns), staged: undefined,
      result: { table: label, sourceRows: 0, targetRows: 0, status: 'not run', ms: 0, masked: [...masks.keys()], triggersDisabled: 0 },
    };
  });
}
