import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { lineOf } from '../config/env.js';
import { ConfigError } from '../config/error.js';
import type { DataSettings } from '../config/resolve.js';
import { isPgError } from '../db/errors.js';
import { parseTableName, tableLabel, type TableName } from '../db/names.js';
import { quoteIdent } from '../db/quote.js';
import { readTables } from './catalog.js';
import type { ParityKind } from './hashing.js';
import { maskExpression, resolveMasks, tomlKey, type MaskRule } from './mask.js';
import { tableKey, type DataColumn, type DataTable } from './model.js';
import type { LoadPlan } from './order.js';
import { allowedColumns, isAllowed } from './personal.js';
import type { TableCopy } from './result.js';
import { platformMasks, ruleText } from './platform-masks.js';

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
  /** How parity sums its rows on both sides (chooseParity). */
  parity: ParityKind;
  result: TableCopy;
}

/** A column's mask and where it comes from, for messages. */
interface AppliedMask {
  column: DataColumn;
  rule: MaskRule;
  origin: string;
}

/**
 * The masks of a table's columns, in column order: the config's rules, and
 * the built-in ones (platform-masks.ts) for columns the config leaves out,
 * unless [data] allow_unmasked names the column.
 */
function tableMasks(table: DataTable, settings: DataSettings, maskName: string | undefined, allowed: ReturnType<typeof allowedColumns>): AppliedMask[] {
  const what = `[data.mask."${maskName}"]`;
  const own = maskName ? resolveMasks(table, settings.mask[maskName]!, what) : new Map<string, MaskRule>();
  const builtIn = platformMasks(table);
  return table.columns.flatMap((column): AppliedMask[] => {
    const mine = own.get(column.name);
    if (mine) return [{ column, rule: mine, origin: `${what}.${tomlKey(column.name)}` }];
    const rule = builtIn.get(column.name);
    if (!rule || isAllowed(allowed, table, column.name)) return [];
    return [{ column, rule, origin: `the built-in mask of ${tableLabel(table)}.${quoteIdent(column.name)} (${ruleText(rule)})` }];
  });
}

/**
 * Masked values must pass the CHECKs of a column's domain: the mask is cast
 * to the domain on the source, so a fake the domain rejects would fail the
 * copy with a bare "violates check constraint". Tried first on the source's
 * rows, in the same snapshot, so the error names the rule and the check.
 */
/**
 * A [data.where] condition is the user's SQL: tried on its table before
 * anything is copied, so a mistake names the table and the config's line.
 */
async function checkWhere(source: pg.Client, table: DataTable, name: string, condition: string, configFile: string | undefined): Promise<void> {
  try {
    await source.query(`EXPLAIN SELECT 1 FROM ${tableLabel(table)} WHERE (${condition})`);
  } catch (error) {
    if (!isPgError(error)) throw error;
    const message = `[data.where] "${name}": the condition ${JSON.stringify(condition)} fails on table ${tableLabel(table)}: ${error.message}. ` +
      'Fix the condition (it is SQL run on the source as WHERE (...)); nothing was copied.';
    if (!configFile) throw new Error(message, { cause: error });
    let line: number | undefined;
    try {
      line = lineOf(readFileSync(configFile, 'utf8'), ['data', 'where', name]);
    } catch {
      // The file is gone: its name still helps.
    }
    throw new ConfigError(message, path.relative(process.cwd(), configFile) || configFile, line);
  }
}

async function checkDomains(source: pg.Client, table: DataTable, where: string, masks: readonly AppliedMask[], salt: string): Promise<void> {
  for (const { column, rule, origin } of masks.filter((m) => (m.column.domainChecks ?? []).length > 0)) {
    try {
      await source.query(`SELECT count(${maskExpression(column, rule, salt)}) FROM ${tableLabel(table)}${where}`);
    } catch (error) {
      if (!isPgError(error) || (error.code !== '23514' && error.code !== '23502')) throw error;
      const name = (error as { constraint?: string }).constraint;
      const check = column.domainChecks!.find((c) => c.name === name);
      const broken = check ? `the check ${quoteIdent(check.name)} of domain ${check.domain}, ${check.definition}` : `its domain ${column.type} (${error.message})`;
      throw new Error(
        `${origin}: the masked values of column ${JSON.stringify(column.name)} of ${tableLabel(table)} fail ${broken}. ` +
          `Give the column a rule whose values pass it in [data.mask."${tableLabel(table)}"] (fixed:<value>, sql:<expression>), or loosen the domain. Nothing was written.`,
        { cause: error },
      );
    }
  }
}

/**
 * What to copy of each table: the target's columns less generated ones (each
 * must exist on the source), masked where [data.mask] or a built-in mask
 * says, filtered by [data.where]. A mask or filter for a source table not
 * copied this time is left unused; one naming no table of the source is an
 * error (a typo must not leave a column unmasked).
 */
export async function prepare(
  source: pg.Client, order: readonly DataTable[], settings: DataSettings, nulled: LoadPlan['nulled'], sourceNames: readonly TableName[],
  configFile?: string,
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
  const allowed = allowedColumns(settings.allowUnmasked);
  const sourceTables = await readTables(source, order);
  const prepared = order.map((table) => {
    const key = tableKey(table);
    const columns = table.columns.filter((c) => !c.generated).map((c) => c.name);
    const onSource = sourceTables.find((s) => tableKey(s) === key);
    const absent = columns.filter((c) => !onSource?.columns.some((s) => s.name === c && !s.generated));
    if (absent.length > 0) throw new Error(`${tableLabel(table)} on the source lacks column(s) ${absent.map(quoteIdent).join(', ')} of the target: sync the schema first`);
    const masks = tableMasks(table, settings, maskNames.get(key), allowed);
    // An unset mask_salt would make every fake guessable from its input: an error where a mask is used.
    if (masks.length > 0 && settings.maskSaltUnset) throw settings.maskSaltUnset;
    const masked = masks.map((m) => m.column.name);
    const list = columns.map((name) => {
      const mask = masks.find((m) => m.column.name === name);
      return mask ? `${maskExpression(mask.column, mask.rule, settings.maskSalt)} AS ${quoteIdent(name)}` : quoteIdent(name);
    });
    const whereName = whereNames.get(key);
    // The condition is the user's own SQL, run only in the READ ONLY source session.
    const where = whereName ? ` WHERE (${settings.where[whereName]})` : '';
    const label = tableLabel(table);
    const item: Prepared = {
      table, columns, select: `SELECT ${list.join(', ')} FROM ${label}${where}`, masked,
      nulled: nulled.filter((n) => n.table === table).flatMap((n) => n.key.columns), staged: undefined, parity: 'text',
      result: { table: label, sourceRows: 0, targetRows: 0, status: 'not run', ms: 0, masked: [...masked], triggersDisabled: 0 },
    };
    return { item, where, masks };
  });
  for (const [i, p] of prepared.entries()) {
    const whereName = whereNames.get(tableKey(order[i]!));
    if (whereName) await checkWhere(source, p.item.table, whereName, settings.where[whereName]!, configFile);
    await checkDomains(source, p.item.table, p.where, p.masks, settings.maskSalt);
  }
  return prepared.map((p) => p.item);
}
