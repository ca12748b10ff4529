import type pg from 'pg';
import { withRunLock } from '../apply/apply.js';
import type { SeedSettings, SupabaseSettings } from '../config/resolve.js';
import { tableLabel } from '../db/names.js';
import { quoteLiteral } from '../db/quote.js';
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
  return { origin: '', singleTransaction: false, reset: [], files: [], users: [] };
}

/**
 * Seeds the target: [seed].reset tables emptied, then the seed files in
 * order (each in its own transaction, or all in one), then the test users
 * through the Auth admin API. Holds the run lock so a concurrent run waits.
 */
export async function runSeedPhase(target: pg.Client, options: SeedPhaseOptions, result: SeedResult = emptySeedResult()): Promise<SeedResult> {
  const { settings, logger } = options;
  // The Supabase clients load only when there are users to seed; a missing URL or key is said before anything changes.
  const supabase = settings.users.length > 0 ? await loadSupabase() : undefined;
  const admin = supabase?.client.adminApi(options.supabase);
  const { files, origin } = await findSeedFiles(settings, options.root, options.targetName, options.configFile);
  result.origin = origin;
  result.singleTransaction = settings.singleTransaction;
  result.files = files.map((f) => ({ file: displayPath(f), status: 'not run', statements: 0, ms: 0 }));
  logger.info(files.length > 0 ? `seed files (${origin}): ${result.files.map((f) => f.file).join(', ')}` : `no seed files: ${origin}`);

  const inTransaction = async (work: () => Promise<void>) => {
    await target.query('BEGIN');
    try {
      await target.query(`SET LOCAL lock_timeout = ${quoteLiteral(options.lockTimeout)}`);
      await work();
      await target.query('COMMIT');
    } catch (error) {
      await target.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  const reset = async () => {
    const tables = await resetTables(target, settings.reset);
    result.reset = tables.map(tableLabel);
    if (tables.length > 0) logger.info(`emptied ${result.reset.join(', ')} (RESTART IDENTITY)`);
  };
  const runFile = async (index: number) => {
    const outcome = result.files[index]!;
    const start = performance.now();
    try {
      const { statements } = await runSeedScript(target, files[index]!, outcome.file);
      Object.assign(outcome, { status: 'applied', statements, ms: performance.now() - start });
      logger.info(`${outcome.file}: ${statements} statement(s) in ${Math.round(outcome.ms)} ms`);
    } catch (error) {
      Object.assign(outcome, { status: 'failed', ms: performance.now() - start });
      throw error;
    }
  };

  await withRunLock(target, {}, async () => {
    if (settings.singleTransaction) {
      try {
        await inTransaction(async () => {
          await reset();
          for (let i = 0; i < files.length; i++) await runFile(i);
        });
      } catch (error) {
        for (const f of result.files) if (f.status === 'applied') f.status = 'rolled back';
        result.reset = [];
        throw error;
      }
    } else {
      if (settings.reset.length > 0) await inTransaction(reset);
      for (let i = 0; i < files.length; i++) await inTransaction(() => runFile(i));
    }
    // A seed file may create objects too: have a Supabase API reload its schema cache.
    if (files.length > 0) await target.query("NOTIFY pgrst, 'reload schema'");
  });

  if (admin && supabase) {
    const missing = settings.users.filter((u) => u.password === undefined).map((u) => u.email);
    if (missing.length > 0) logger.warning(`seed users without a password (they cannot sign in with one): ${missing.join(', ')}`);
    result.users = await supabase.users.upsertUsers(admin, settings.users);
    for (const u of result.users) logger.info(`user ${u.email}: ${u.action}`);
  }
  return result;
}

async function loadSupabase() {
  const [client, users] = await Promise.all([import('../supabase/client.js'), import('../supabase/users.js')]);
  return { client, users };
}
