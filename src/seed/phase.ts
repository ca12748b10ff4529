import type pg from 'pg';
import { inRunTransaction, USER_SESSION, withRunLock, type RunTransaction } from '../apply/apply.js';
import type { SeedSettings, SupabaseSettings } from '../config/resolve.js';
import { tableLabel } from '../db/names.js';
import type { Logger } from '../log/logger.js';
import type { SeedUserOutcome } from '../supabase/users.js';
import { displayPath, findSeedFiles } from './files.js';
import { resetTables } from './reset.js';
import { runSeedScript } from './run-file.js';

export interface SeedFileOutcome {
  file: string;
  status: 'applied' | 'failed' | 'rolled back' | 'not run';
  statements: number;
  ms: number;
}

/** What the seed phase did; filled in as it goes, so a failure still reports what ran. */
export interface SeedResult {
  origin: string;
  singleTransaction: boolean;
  reset: string[];
  files: SeedFileOutcome[];
  users: SeedUserOutcome[];
  /** Objects the seed files made (kept out of the schema sync and the drift check). */
  objects: string[];
}

export interface SeedPhaseOptions {
  settings: SeedSettings;
  supabase: SupabaseSettings;
  root: string;
  targetName: string;
  configFile?: string | undefined;
  lockTimeout: string;
  logger: Logger;
}

export function emptySeedResult(): SeedResult {
  return { origin: '', singleTransaction: true, reset: [], files: [], users: [], objects: [] };
}

/** The seed's work, found and checked before anything is written. */
export interface SeedWork {
  files: string[];
  /** The Auth API clients, when there are test users to seed. */
  users: Awaited<ReturnType<typeof loadSupabase>> | undefined;
  options: SeedPhaseOptions;
  result: SeedResult;
}

/**
 * Finds the seed files and checks the test users' settings (a password's
 * variable not set, a missing URL or key), so that a seed that cannot run
 * fails before the run's transaction writes anything.
 */
export async function prepareSeed(options: SeedPhaseOptions, result: SeedResult = emptySeedResult()): Promise<SeedWork> {
  const { settings, logger } = options;
  const unset = settings.users.find((u) => u.passwordUnset)?.passwordUnset;
  if (unset) throw unset;
  // The Supabase clients load only when there are users to seed; a missing URL or key is said before anything changes.
  const users = settings.users.length > 0 ? await loadSupabase() : undefined;
  users?.client.adminApi(options.supabase);
  const { files, origin } = await findSeedFiles(settings, options.root, options.targetName, options.configFile);
  result.origin = origin;
  result.singleTransaction = settings.singleTransaction;
  result.files = files.map((f) => ({ file: displayPath(f), status: 'not run', statements: 0, ms: 0 }));
  logger.info(files.length > 0 ? `seed files (${origin}): ${result.files.map((f) => f.file).join(', ')}` : `no seed files: ${origin}`);
  return { files, users, options, result };
}

/**
 * Empties the [seed].reset tables, in the run's transaction. It runs before
 * the data phase, so that rows the seed made do not stand in the way of
 * production's rows replacing what they reference.
 */
export async function resetSeedTables(target: pg.Client, work: SeedWork): Promise<void> {
  const tables = await resetTables(target, work.options.settings.reset);
  work.result.reset = tables.map(tableLabel);
  if (tables.length > 0) work.options.logger.info(`emptied ${work.result.reset.join(', ')} (RESTART IDENTITY)`);
}

/**
 * Runs the seed files in order in the run's transaction, with the session a
 * psql user would have. With single_transaction = false each file after the
 * first commits on its own (the reset and the run's other work go with the
 * first). Returns whether any file may have changed the schema.
 */
export async function runSeedFiles(target: pg.Client, work: SeedWork, tx?: RunTransaction): Promise<boolean> {
  const { result, files, options } = work;
  let mayChangeSchema = false;
  await target.query(USER_SESSION);
  for (const [index, file] of files.entries()) {
    if (index > 0 && !options.settings.singleTransaction && tx) {
      await tx.checkpoint();
      await target.query(USER_SESSION);
    }
    const outcome = result.files[index]!;
    const start = performance.now();
    try {
      const run = await runSeedScript(target, file, outcome.file);
      Object.assign(outcome, { status: 'applied', statements: run.statements, ms: performance.now() - start });
      mayChangeSchema ||= run.mayChangeSchema;
      const wrapper = run.transactionControl.length > 0 ? `; its BEGIN/COMMIT (line ${run.transactionControl.join(', ')}) left out: it runs inside the run's transaction` : '';
      options.logger.info(`${outcome.file}: ${run.statements} statement(s) in ${Math.round(outcome.ms)} ms${wrapper}`);
    } catch (error) {
      Object.assign(outcome, { status: 'failed', ms: performance.now() - start });
      throw error;
    }
  }
  return mayChangeSchema;
}

/** What was committed with the failed file's transaction is reported as rolled back. */
export function seedRolledBack(result: SeedResult, committedFiles = 0): void {
  result.files.forEach((f, i) => {
    if (f.status === 'applied' && i >= committedFiles) f.status = 'rolled back';
  });
  if (committedFiles === 0) result.reset = [];
}

/**
 * The test users, through the Auth admin API, after the run's transaction
 * has committed (the API cannot join it): created or updated, never duplicated.
 */
export async function seedUsers(work: SeedWork): Promise<void> {
  const { users, options, result } = work;
  if (!users) return;
  const missing = options.settings.users.filter((u) => u.password === undefined).map((u) => u.email);
  if (missing.length > 0) options.logger.warning(`seed users without a password (they cannot sign in with one): ${missing.join(', ')}`);
  try {
    result.users = await users.users.upsertUsers(users.client.adminApi(options.supabase), options.settings.users);
  } catch (error) {
    throw new Error(`${(error as Error).message} (the test users come after the database's changes, which are committed; the next run tries them again)`, { cause: error });
  }
  for (const u of result.users) options.logger.info(`user ${u.email}: ${u.action}`);
}

/**
 * The seed phase on its own (the seed command): reset and files in one
 * transaction under the run lock (per-file when asked), then the users.
 */
export async function runSeedPhase(target: pg.Client, options: SeedPhaseOptions, result: SeedResult = emptySeedResult()): Promise<SeedResult> {
  const work = await prepareSeed(options, result);
  await withRunLock(target, {}, async () => {
    let committed = 0;
    try {
      await inRunTransaction(target, { lockTimeout: options.lockTimeout }, async (tx) => {
        await resetSeedTables(target, work);
        await runSeedFiles(target, work, {
          checkpoint: async () => {
            await tx.checkpoint();
            committed = result.files.filter((f) => f.status === 'applied').length;
          },
        });
        // A seed file may create objects too: have a Supabase API reload its schema cache.
        if (work.files.length > 0) await target.query("NOTIFY pgrst, 'reload schema'");
        return true;
      });
    } catch (error) {
      seedRolledBack(result, committed);
      throw error;
    }
  });
  await seedUsers(work);
  return result;
}

async function loadSupabase() {
  const [client, users] = await Promise.all([import('../supabase/client.js'), import('../supabase/users.js')]);
  return { client, users };
}
