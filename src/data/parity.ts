import type pg from 'pg';
import type { DataSettings } from '../config/resolve.js';
import { tableLabel } from '../db/names.js';
import { listTables, readTables } from './catalog.js';
import { chooseParity } from './hashing.js';
import { prepare, type Prepared } from './prepare.js';
import { selectTables } from './select.js';
import { columnList, COPY_SETTINGS, keyMatch, paritySql } from './sql.js';

export interface SourceSums {
  rows: string;
  checksum: string;
}

/** Row count and checksum of each table's source query, in order, on one session (its snapshot). */
export async function sourceParity(source: pg.Client, prepared: readonly Prepared[]): Promise<SourceSums[]> {
  const sums: SourceSums[] = [];
  for (const p of prepared) sums.push((await source.query<SourceSums>(paritySql(p.select, p.parity))).rows[0]!);
  return sums;
}

/**
 * Compares the source's sums (taken in the copy's snapshot) with the target
 * inside the uncommitted transaction: rows and an order-independent checksum
 * of the copied columns (masked ones as masked). Upsert compares the rows
 * whose keys came from the source; append-missing proves every source key is
 * present.
 */
export async function proveParity(target: pg.Client, prepared: readonly Prepared[], sums: readonly SourceSums[], mode: DataSettings['mode']): Promise<void> {
  for (const [i, p] of prepared.entries()) {
    const label = tableLabel(p.table);
    const src = sums[i]!;
    p.result.sourceRows = Number(src.rows);
    if (mode === 'append-missing') {
      const { rows } = await target.query<{ total: string; absent: string }>(
        `SELECT (SELECT count(*) FROM ${label}) AS total, (SELECT count(*) FROM ${p.staged} s WHERE NOT EXISTS (SELECT 1 FROM ${label} t WHERE ${keyMatch(p.table, 't', 's')})) AS absent`,
      );
      p.result.targetRows = Number(rows[0]!.total);
      p.result.status = Number(rows[0]!.absent) === 0 ? 'present' : 'differs';
      continue;
    }
    const scope = mode === 'upsert' ? ` t WHERE EXISTS (SELECT 1 FROM ${p.staged} s WHERE ${keyMatch(p.table, 't', 's')})` : '';
    const tgt = (await target.query<SourceSums>(paritySql(`SELECT ${columnList(p.columns)} FROM ${label}${scope}`, p.parity))).rows[0]!;
    p.result.targetRows = Number(tgt.rows);
    p.result.status = src.rows === tgt.rows && src.checksum === tgt.checksum ? 'equal' : 'differs';
  }
}

export interface ParityRow {
  table: string;
  sourceRows: number;
  targetRows: number;
  equal: boolean;
}

/**
 * Parity of the configured tables as they stand now, each side in a
 * snapshot of its own: what validation checks after a run (replace mode,
 * where the target table should hold exactly the source's rows).
 */
export async function recheckParity(source: pg.Client, target: pg.Client, settings: DataSettings): Promise<ParityRow[]> {
  await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await target.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await source.query(COPY_SETTINGS);
    await target.query(COPY_SETTINGS);
    const sourceNames = await listTables(source);
    const tables = await readTables(target, selectTables(sourceNames, settings.tables, settings.exclude));
    const rows: ParityRow[] = [];
    const prepared = await prepare(source, tables, settings, [], sourceNames);
    const kinds = await chooseParity(source, target, prepared);
    for (const [i, p] of prepared.entries()) {
      const src = (await source.query<{ rows: string; checksum: string }>(paritySql(p.select, kinds[i]))).rows[0]!;
      const tgt = (await target.query<{ rows: string; checksum: string }>(paritySql(`SELECT ${columnList(p.columns)} FROM ${tableLabel(p.table)}`, kinds[i]))).rows[0]!;
      rows.push({ table: tableLabel(p.table), sourceRows: Number(src.rows), targetRows: Number(tgt.rows), equal: src.rows === tgt.rows && src.checksum === tgt.checksum });
    }
    return rows;
  } finally {
    await source.query('COMMIT').catch(() => undefined);
    await target.query('COMMIT').catch(() => undefined);
  }
}
