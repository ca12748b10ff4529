import type pg from 'pg';
import { ENGINE_SESSION, runChanges, USER_SESSION } from '../apply/apply.js';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SchemaModel } from '../catalog/model.js';
import { readCatalog } from '../catalog/read.js';
import type { Statement } from '../diff/change.js';
import { SeedFileError } from '../seed/error.js';
import { ROW_STATEMENT, runScriptStatements, runSeedScript } from '../seed/run-file.js';
import type { MigrationFile } from './files.js';

/** What became of one pending migration in this run. */
export interface MigrationRun {
  file: string;
  version: string;
  /** Statements run to compute the desired schema. */
  statements: number;
  ms: number;
  /** applied: new or changed, its rows written to the target; kept: it ran on this target before, unchanged. */
  status: 'applied' | 'kept' | 'failed' | 'not run';
  /** Lines of the file's own BEGIN/COMMIT, left out: it runs inside the run's transaction. */
  transactionControl?: number[];
}

export const MIGRATION_TITLE = "migration fails on production's schema";

/**
 * The desired schema: production's with the pending migrations run on top,
 * computed on the target itself inside a savepoint of the run's transaction
 * and rolled back — the target is made equal to production (`toProduction`),
 * each migration runs as psql would run it, and the catalog is read. A
 * migration that already ran on this target with the same text has its rows
 * there already: a row statement of it that meets them is passed over.
 */
export async function desiredSchema(
  target: pg.Client, toProduction: readonly Statement[], pending: readonly MigrationFile[], ranBefore: ReadonlyMap<string, string>,
  filter: SchemaFilter, runs: MigrationRun[], keep: (desired: SchemaModel) => boolean = () => false,
): Promise<{ desired: SchemaModel; kept: boolean }> {
  await target.query('SAVEPOINT pgbs_desired');
  let kept = false;
  try {
    await runChanges(target, toProduction);
    await target.query(USER_SESSION);
    for (const m of pending) {
      const run = runs.find((r) => r.version === m.version)!;
      const start = performance.now();
      try {
        // '*': in the target's own Supabase ledger, without a checksum (a branch that ran the file itself): taken as unchanged.
        const ran = ranBefore.get(m.version);
        const kept = ran === m.checksum || ran === '*';
        if (kept) {
          run.statements = (await runScriptStatements(target, m.file, m.display, { select: () => true, skipDuplicates: true })).statements;
        } else {
          const result = await runSeedScript(target, m.file, m.display);
          run.statements = result.statements;
          if (result.transactionControl.length > 0) run.transactionControl = result.transactionControl;
        }
        run.status = kept ? 'kept' : 'applied';
      } catch (error) {
        run.status = 'failed';
        throw asMigrationError(error);
      } finally {
        run.ms += performance.now() - start;
      }
    }
    await target.query(ENGINE_SESSION);
    const desired = await readCatalog(target, { filter, inTransaction: true });
    kept = keep(desired);
    return { desired, kept };
  } finally {
    // Unless the caller keeps it (nothing of the target was lost on the way), the target is brought to the desired schema by a plan, like any other.
    await target.query(kept ? 'RELEASE SAVEPOINT pgbs_desired' : 'ROLLBACK TO SAVEPOINT pgbs_desired; RELEASE SAVEPOINT pgbs_desired');
  }
}

/**
 * Whether the target as the desired schema was computed on it may simply be
 * kept: every pending migration is new to it (none of its rows are there
 * twice), and the way to production lost nothing of the target's (no drop,
 * no replace). Then the work is done once instead of twice.
 */
export function mayKeep(toProduction: readonly Statement[], pending: readonly MigrationFile[], ranBefore: ReadonlyMap<string, string>): boolean {
  return pending.every((m) => !ranBefore.has(m.version)) && toProduction.every((s) => s.action !== 'drop' && s.action !== 'replace' && !s.hazards.includes('destructive'));
}

/**
 * After the target is at the desired schema: the row statements of the
 * migrations new to this target (or changed since they ran) take effect on
 * it, once — bucket rows, lookup rows, backfills.
 */
export async function writeMigrationRows(target: pg.Client, pending: readonly MigrationFile[], runs: readonly MigrationRun[]): Promise<void> {
  const fresh = pending.filter((m) => runs.find((r) => r.version === m.version)?.status === 'applied');
  if (fresh.length === 0) return;
  await target.query(USER_SESSION);
  try {
    for (const m of fresh) await runScriptStatements(target, m.file, m.display, { select: (s) => ROW_STATEMENT.test(s.text) });
  } catch (error) {
    throw asMigrationError(error);
  } finally {
    await target.query(ENGINE_SESSION);
  }
}

function asMigrationError(error: unknown): unknown {
  if (!(error instanceof SeedFileError)) return error;
  const reason = `${error.reason}\nThis migration would fail when deployed to production as it is now: fix it (or production) before merging. Nothing was changed.`;
  return new SeedFileError(`${error.file}:${error.line}:${error.column}: ${reason}`, error.file, error.line, error.column, reason, MIGRATION_TITLE);
}
