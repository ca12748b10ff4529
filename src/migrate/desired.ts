import type pg from 'pg';
import { ENGINE_SESSION, runChanges, USER_SESSION } from '../apply/apply.js';
import type { SchemaFilter } from '../catalog/filter.js';
import type { SchemaModel } from '../catalog/model.js';
import { readCatalog } from '../catalog/read.js';
import type { Statement } from '../diff/change.js';
import { isPgError } from '../db/errors.js';
import { quoteIdent } from '../db/quote.js';
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
  /** Kept, and not run: nothing the desired schema is computed from changed since the run that made the target it (see apply/fingerprint.ts). */
  unchanged?: boolean;
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
  filter: SchemaFilter, runs: MigrationRun[], roles: MigrationRoles, keep: (desired: SchemaModel, created: readonly string[]) => boolean = () => false,
): Promise<{ desired: SchemaModel; kept: boolean; created: string[] }> {
  await target.query('SAVEPOINT pgbs_desired');
  let kept = false;
  const created: string[] = [];
  try {
    await runChanges(target, toProduction);
    await target.query(USER_SESSION);
    for (const m of pending) {
      const run = runs.find((r) => r.version === m.version)!;
      const start = performance.now();
      try {
        await runMigration(target, m, run, ranBefore.get(m.version), roles, created);
      } catch (error) {
        run.status = 'failed';
        throw asMigrationError(error, roles);
      } finally {
        run.ms += performance.now() - start;
      }
    }
    await target.query(ENGINE_SESSION);
    const desired = await readCatalog(target, { filter, inTransaction: true });
    kept = keep(desired, created);
    return { desired, kept, created };
  } finally {
    // Unless the caller keeps it (nothing of the target was lost on the way), the target is brought to the desired schema by a plan, like any other.
    await target.query(kept ? 'RELEASE SAVEPOINT pgbs_desired' : 'ROLLBACK TO SAVEPOINT pgbs_desired; RELEASE SAVEPOINT pgbs_desired');
  }
}

/** Roles production has and the target's server lacks: a migration needing one would run on production. */
export interface MigrationRoles {
  onlyOnProduction: ReadonlySet<string>;
  /** Create such a role (NOLOGIN) when a migration needs it, instead of failing. */
  create: boolean;
}

// A migration granting to a role the target lacks: created when allowed, then the migration runs again from its start.
const MAX_ROLES_PER_MIGRATION = 20;

async function runMigration(target: pg.Client, m: MigrationFile, run: MigrationRun, ranBefore: string | undefined, roles: MigrationRoles, created: string[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const guarded = roles.create && roles.onlyOnProduction.size > 0;
    if (guarded) await target.query('SAVEPOINT pgbs_migration');
    try {
      // A migration that ran here before (this text or an earlier one) left rows in tables the way to production keeps, such as storage.buckets: those are passed over.
      const result = ranBefore !== undefined
        ? await runScriptStatements(target, m.file, m.display, { select: () => true, skipDuplicates: true })
        : await runSeedScript(target, m.file, m.display);
      run.statements = result.statements;
      if (result.transactionControl.length > 0) run.transactionControl = result.transactionControl;
      // '*': in the target's own Supabase ledger, without a checksum (a branch that ran the file itself): taken as unchanged.
      run.status = ranBefore === m.checksum || ranBefore === '*' ? 'kept' : 'applied';
      if (guarded) await target.query('RELEASE SAVEPOINT pgbs_migration');
      return;
    } catch (error) {
      const role = neededRole(error);
      if (!guarded || role === undefined || !roles.onlyOnProduction.has(role) || created.includes(role) || attempt >= MAX_ROLES_PER_MIGRATION) throw error;
      await target.query('ROLLBACK TO SAVEPOINT pgbs_migration; RELEASE SAVEPOINT pgbs_migration');
      await target.query(`${ENGINE_SESSION}; CREATE ROLE ${quoteIdent(role)} NOLOGIN; ${USER_SESSION}`);
      created.push(role);
    }
  }
}

/** The role a failed statement named as missing (42704, "role ... does not exist"). */
function neededRole(error: unknown): string | undefined {
  const cause = error instanceof SeedFileError ? error.cause : error;
  if (!isPgError(cause) || cause.code !== '42704') return undefined;
  return /^role "(.+)" does not exist$/.exec(cause.message)?.[1];
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
export async function writeMigrationRows(target: pg.Client, pending: readonly MigrationFile[], runs: readonly MigrationRun[], ranBefore: ReadonlyMap<string, string>): Promise<void> {
  const fresh = pending.filter((m) => runs.find((r) => r.version === m.version)?.status === 'applied');
  if (fresh.length === 0) return;
  await target.query(USER_SESSION);
  try {
    // A migration changed since it ran here left its earlier rows: those it inserts again are passed over, the new ones written.
    for (const m of fresh) await runScriptStatements(target, m.file, m.display, { select: (s) => ROW_STATEMENT.test(s.text), skipDuplicates: ranBefore.has(m.version) });
  } catch (error) {
    // The transaction is aborted and will be rolled back: no session reset, which would hide this error behind its own.
    throw asMigrationError(error);
  }
  await target.query(ENGINE_SESSION);
}

export const MIGRATION_ROLE_TITLE = 'migration needs a role the target lacks';

function asMigrationError(error: unknown, roles?: MigrationRoles): unknown {
  if (!(error instanceof SeedFileError)) return error;
  const role = neededRole(error);
  if (role !== undefined && roles?.onlyOnProduction.has(role)) {
    const reason = `${error.reason}\nProduction has role ${role}, this target's server does not, so the migration cannot run here (on production it would). ` +
      'Create the role on the target, or set create-roles (--create-roles; create_roles = true in the config) to have it created NOLOGIN. Nothing was changed.';
    return new SeedFileError(`${error.file}:${error.line}:${error.column}: ${reason}`, error.file, error.line, error.column, reason, MIGRATION_ROLE_TITLE, error.cause);
  }
  const reason = `${error.reason}\nThis migration would fail when deployed to production as it is now: fix it (or production) before merging. Nothing was changed.`;
  return new SeedFileError(`${error.file}:${error.line}:${error.column}: ${reason}`, error.file, error.line, error.column, reason, MIGRATION_TITLE, error.cause);
}
