import type pg from 'pg';
import type { DataSettings } from '../config/resolve.js';
import { tableLabel } from '../db/names.js';
import { quoteIdent, quoteLiteral } from '../db/quote.js';
import type { Logger } from '../log/logger.js';
import { incomingKeys, listTables, readTables } from './catalog.js';
import { copyRows, type CopyProgress } from './copy.js';
import { addKeys, dropKeysForLoad, type DeferredKey } from './foreign-keys.js';
import { chooseParity } from './hashing.js';
import { dropIndexesForLoad, rebuildIndexes, type DeferredIndex } from './indexes.js';
import { addUniques, dropUniquesForLoad, type DeferredUnique } from './unique-keys.js';
import { checkReferences } from './references.js';
import { tableKey, type DataTable } from './model.js';
import { planLoadOrder } from './order.js';
import { proveParity, sourceParity } from './parity.js';
import { reportUnmasked } from './personal.js';
import { prepare, type Prepared } from './prepare.js';
import { selectTables } from './select.js';
import { advanceSequence, columnList, COPY_SETTINGS, keyMatch, restoreTrigger } from './sql.js';
import { emptyDataResult, type DataResult, type TableCopy } from './result.js';
import { thousands } from '../util/numbers.js';

export { emptyDataResult, type DataResult, type TableCopy };

export interface DataPhaseOptions {
  settings: DataSettings;
  lockTimeout: string;
  logger: Logger;
  /** Opens a second READ ONLY source session: the source side of parity then runs in the copy's snapshot while rows load. */
  openSource?: () => Promise<pg.Client>;
  /** The target is inside the run's transaction, which the caller commits or rolls back. */
  targetInTransaction?: boolean;
  /** The config file, for the line of a [data.where] condition that fails. */
  configFile?: string | undefined;
}

const fmt = thousands;

/**
 * Copies the chosen tables from the source into the target: one REPEATABLE
 * READ snapshot of the source, one transaction on the target, rows streamed
 * by COPY in foreign-key order with user triggers off, sequences moved past
 * the copied values, and parity (rows and checksum) proven per table before
 * commit, so any failure leaves the target as it was.
 */
export async function runDataPhase(source: pg.Client, target: pg.Client, options: DataPhaseOptions, result: DataResult = emptyDataResult()): Promise<DataResult> {
  const { settings, logger } = options;
  result.mode = settings.mode;
  if (settings.tables.length === 0) throw new Error('[data].tables is empty: name the tables to copy (globs such as public.ref_* work)');

  await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const ownTransaction = !options.targetInTransaction;
  if (ownTransaction) await target.query('BEGIN');
  let helper: pg.Client | undefined;
  try {
    // Reading production waits for its locks (a migration running there) no longer than the target would.
    const sourceSettings = `${COPY_SETTINGS}; SET LOCAL lock_timeout = ${quoteLiteral(options.lockTimeout)}`;
    await source.query(sourceSettings);
    // A second session in the same snapshot sums the source while the first streams rows.
    if (options.openSource) helper = await shareSnapshot(source, options.openSource, sourceSettings);
    const summer = helper;
    // The load may take longer than a role's statement_timeout allows an API query; lock waits stay bounded.
    await target.query(`${COPY_SETTINGS}; SET LOCAL lock_timeout = ${quoteLiteral(options.lockTimeout)}; SET LOCAL statement_timeout = 0`);
    const sourceNames = await listTables(source);
    const chosen = selectTables(sourceNames, settings.tables, settings.exclude);
    const tables = await readTables(target, chosen);
    const missing = chosen.filter((c) => !tables.some((t) => tableKey(t) === tableKey(c)));
    if (missing.length > 0) throw new Error(`${missing.map(tableLabel).join(', ')} not on the target: sync the schema first (the data phase copies rows into existing tables)`);
    const plan = planLoadOrder(tables);
    result.deferred = plan.deferred.map((d) => `${tableLabel(d.table)}.${d.key.name}`);
    result.nulled = plan.nulled.map((d) => `${tableLabel(d.table)}.${d.key.name}`);
    const prepared = await prepare(source, plan.order, settings, plan.nulled, sourceNames, options.configFile);
    result.tables = prepared.map((p) => p.result);
    (await chooseParity(source, target, prepared)).forEach((kind, i) => (prepared[i]!.parity = kind));
    result.unmasked = reportUnmasked(prepared, settings.allowUnmasked, logger);

    const sums = summer ? sourceParity(summer, prepared).finally(() => void summer.end().catch(() => undefined)) : undefined;
    // Settled later; a rejection is handled when awaited.
    sums?.catch(() => undefined);
    await checkReferences(source, target, prepared.map((p) => ({ table: p.table, select: p.select })));
    if (plan.deferred.length > 0) {
      await target.query(`SET CONSTRAINTS ${plan.deferred.map((d) => `${quoteIdent(d.table.schema)}.${quoteIdent(d.key.name)}`).join(', ')} DEFERRED`);
    }
    let deferredIndexes: DeferredIndex[] = [];
    let deferredKeys: DeferredKey[] = [];
    let deferredUniques: DeferredUnique[] = [];
    let frozen = false;
    // Off before the tables are emptied too: their ON DELETE and ON TRUNCATE triggers are part of the load.
    for (const p of prepared) {
      if (p.table.triggers.some((t) => t.enabled !== 'D')) {
        await target.query(`ALTER TABLE ${tableLabel(p.table)} DISABLE TRIGGER USER`);
        p.result.triggersDisabled = p.table.triggers.filter((t) => t.enabled !== 'D').length;
      }
    }
    if (settings.mode === 'replace') {
      frozen = (await emptyTables(target, prepared.map((p) => p.table))) && (await mayFreeze(target));
      deferredIndexes = await dropIndexesForLoad(source, target, prepared.map((p) => p.table));
      deferredKeys = await dropKeysForLoad(source, target, prepared.map((p) => p.table));
      // Keys of tables loaded through a staging table are kept: rows are matched on them after.
      deferredUniques = await dropUniquesForLoad(source, target, prepared.filter((p) => p.nulled.length === 0).map((p) => p.table));
    }

    for (const [i, p] of prepared.entries()) {
      const label = tableLabel(p.table);
      const onProgress = (c: CopyProgress) => logger.progress(`${label}: ${fmt(c.rows)} rows so far (${fmt(Math.round(c.rows / (c.ms / 1000)))} rows/s)`);
      const staging = settings.mode !== 'replace' || p.nulled.length > 0;
      let copied: CopyProgress;
      if (!staging) {
        copied = await copyRows(source, target, p.select, `${label} (${columnList(p.columns)})`, onProgress, frozen && p.table.kind === 'r');
      } else {
        p.staged = `pg_temp.${quoteIdent(`pgbs_stage_${i}`)}`;
        await target.query(`CREATE TEMP TABLE ${quoteIdent(`pgbs_stage_${i}`)} ON COMMIT DROP AS SELECT ${columnList(p.columns)} FROM ${label} WITH NO DATA`);
        copied = await copyRows(source, target, p.select, `${p.staged} (${columnList(p.columns)})`, onProgress);
        await target.query(insertFromStage(p, settings.mode));
      }
      p.result.ms = copied.ms;
      p.result.sourceRows = copied.rows;
      logger.info(`${label}: ${fmt(copied.rows)} rows in ${(copied.ms / 1000).toFixed(1)} s (${fmt(Math.round(copied.rows / Math.max(copied.ms / 1000, 0.001)))} rows/s)`);
    }

    for (const p of prepared.filter((x) => x.nulled.length > 0)) {
      const sets = p.nulled.map((c) => `${quoteIdent(c)} = s.${quoteIdent(c)}`).join(', ');
      await target.query(`UPDATE ${tableLabel(p.table)} t SET ${sets} FROM ${p.staged} s WHERE ${keyMatch(p.table, 't', 's')}`);
    }
    // What was dropped for the load comes back: keys first (indexes and foreign keys may need them), timed and named.
    const restore = async <T extends { name: string }>(list: readonly T[], what: string, work: (list: readonly T[]) => Promise<void>) => {
      if (list.length === 0) return;
      const start = performance.now();
      await work(list);
      logger.info(`${fmt(list.length)} ${what} after the load in ${((performance.now() - start) / 1000).toFixed(1)} s: ${list.map((d) => d.name).join(', ')}`);
    };
    await restore(deferredUniques, 'primary key(s) and unique constraint(s) added again', (l) => addUniques(target, l));
    await restore(deferredIndexes, 'secondary index(es) built', (l) => rebuildIndexes(target, l));
    await restore(deferredKeys, 'foreign key(s) added again and checked', (l) => addKeys(target, l));
    for (const p of prepared) {
      for (const trigger of p.table.triggers) {
        const sql = p.result.triggersDisabled > 0 ? restoreTrigger(p.table, trigger.name, trigger.enabled) : undefined;
        if (sql) await target.query(sql);
      }
      for (const s of p.table.sequences) await target.query(advanceSequence(p.table, s.column, s.sequence));
    }
    if (plan.deferred.length > 0) await target.query('SET CONSTRAINTS ALL IMMEDIATE');

    await proveParity(target, prepared, await (sums ?? sourceParity(source, prepared)), settings.mode);
    const differs = prepared.filter((p) => p.result.status === 'differs');
    if (differs.length > 0) {
      throw new Error(`rows differ after the copy, so nothing was committed: ${differs.map((p) => `${p.result.table} (production ${fmt(p.result.sourceRows)}, target ${fmt(p.result.targetRows)})`).join(', ')}`);
    }
    if (ownTransaction) await target.query('COMMIT');
    await source.query('COMMIT');
    return result;
  } catch (error) {
    // Not awaited: a helper still waiting on the server ends when its wait does.
    void helper?.end().catch(() => undefined);
    if (ownTransaction) await target.query('ROLLBACK').catch(() => undefined);
    await source.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Replace mode empties the tables first: one TRUNCATE of them all when no
 * other table references them, else DELETE, and only when the referencing
 * tables are empty — rows there would lose what they reference.
 */
async function emptyTables(target: pg.Client, tables: readonly DataTable[]): Promise<boolean> {
  const incoming = await incomingKeys(target, tables);
  if (incoming.length === 0) {
    await target.query(`TRUNCATE TABLE ${tables.map(tableLabel).join(', ')}`);
    return true;
  }
  const referencing = [...new Map(incoming.map((k) => [tableKey({ schema: k.schema, name: k.table }), { schema: k.schema, name: k.table }])).values()];
  const withRows: string[] = [];
  for (const r of referencing) {
    const { rows } = await target.query(`SELECT 1 FROM ${tableLabel(r)} LIMIT 1`);
    if (rows.length > 0) withRows.push(tableLabel(r));
  }
  if (withRows.length > 0) {
    throw new Error(
      `replacing the rows of the selected tables would break rows of ${withRows.join(', ')}, which reference them and are not selected. ` +
        'Add those tables to [data].tables, or use mode = "upsert" or "append-missing". Nothing was written.',
    );
  }
  for (const t of [...tables].reverse()) await target.query(`DELETE FROM ${tableLabel(t)}`);
  return false;
}

/**
 * Whether the tables just truncated may be loaded with COPY FREEZE: rows
 * written frozen and all-visible, so the index builds, key checks and parity
 * that read them next set no hint bits, and no later VACUUM rewrites them to
 * freeze. PostgreSQL allows it for a table (not a partitioned one) truncated
 * in the current subtransaction — the data phase opens none between TRUNCATE
 * and COPY — when the transaction holds no snapshot but its own (READ
 * COMMITTED: one exported snapshot at most; none here, as exports from a
 * subtransaction are refused) and no cursor. A refusal would abort the
 * transaction, so it is decided here: open cursors, or a transaction not READ
 * COMMITTED (an exported snapshot there would refuse), keep the plain COPY.
 */
async function mayFreeze(target: pg.Client): Promise<boolean> {
  const { rows } = await target.query<{ ok: boolean }>(
    "SELECT pg_catalog.current_setting('transaction_isolation') = 'read committed' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_cursors) AS ok",
  );
  return rows[0]!.ok;
}

function insertFromStage(p: Prepared, mode: DataSettings['mode']): string {
  const label = tableLabel(p.table);
  if (mode !== 'replace' && !p.table.primaryKey) {
    throw new Error(`${label} has no primary key: mode "${mode}" needs one to know which rows exist; use mode "replace" for it`);
  }
  const values = p.columns.map((c) => (p.nulled.includes(c) ? `NULL AS ${quoteIdent(c)}` : quoteIdent(c))).join(', ');
  const overriding = p.table.columns.some((c) => c.identity === 'a') ? ' OVERRIDING SYSTEM VALUE' : '';
  let conflict = '';
  if (mode === 'append-missing') conflict = ` ON CONFLICT (${columnList(p.table.primaryKey!)}) DO NOTHING`;
  if (mode === 'upsert') {
    const rest = p.columns.filter((c) => !p.table.primaryKey!.includes(c));
    conflict = rest.length === 0
      ? ` ON CONFLICT (${columnList(p.table.primaryKey!)}) DO NOTHING`
      : ` ON CONFLICT (${columnList(p.table.primaryKey!)}) DO UPDATE SET ${rest.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}`;
  }
  return `INSERT INTO ${label} (${columnList(p.columns)})${overriding} SELECT ${values} FROM ${p.staged}${conflict}`;
}

/** A second source session inside the first one's snapshot (exported), READ ONLY like every source session. */
async function shareSnapshot(source: pg.Client, open: () => Promise<pg.Client>, settings: string): Promise<pg.Client> {
  const { rows } = await source.query<{ id: string }>('SELECT pg_catalog.pg_export_snapshot() AS id');
  const helper = await open();
  try {
    await helper.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await helper.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(rows[0]!.id)}`);
    await helper.query(settings);
    return helper;
  } catch (error) {
    await helper.end().catch(() => undefined);
    throw error;
  }
}
