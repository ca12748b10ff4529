import type pg from 'pg';
import { formatPgError, isPgError } from '../db/errors.js';
import { quoteLiteral } from '../db/quote.js';
import type { Change } from '../diff/change.js';

/** Key of the advisory lock every run takes on a target ("pgbs" in ASCII, then 1). */
export const ADVISORY_LOCK_KEY = '8099526592593395713';

export interface ApplyOptions {
  /** lock_timeout for each statement, e.g. `10s`. */
  lockTimeout?: string;
  /** How long to wait for another run's advisory lock, e.g. `60s`. */
  advisoryLockTimeout?: string;
  /** Called before each statement. */
  onStatement?: (change: Change, index: number) => void;
}

export class ApplyError extends Error {
  override name = 'ApplyError';
  constructor(
    message: string,
    readonly change?: Change,
    readonly index?: number,
  ) {
    super(message);
  }
}

/** Statements sent in one round trip: enough to keep the server busy, small enough to retry one by one. */
const BATCH = { statements: 200, chars: 256 * 1024 };

/**
 * Runs the statements in the transaction the caller holds (see withTargetTransaction); the first failure stops them.
 * They go in batches, each one multi-statement query in a savepoint: a batch that fails is rolled back to it and run
 * again statement by statement, so the error names the statement that failed.
 */
export async function runChanges(client: pg.Client, changes: readonly Change[], options: ApplyOptions = {}): Promise<void> {
  for (let from = 0; from < changes.length;) {
    let to = from;
    for (let chars = 0; to < changes.length && to - from < BATCH.statements && (to === from || chars + changes[to]!.sql.length <= BATCH.chars); to++) {
      chars += changes[to]!.sql.length;
      options.onStatement?.(changes[to]!, to);
    }
    if (to - from === 1) await runOne(client, changes, from, options);
    else {
      try {
        await client.query(`SAVEPOINT pgbs_batch;\n${changes.slice(from, to).map((c) => c.sql).join('\n')}\nRELEASE SAVEPOINT pgbs_batch`);
      } catch {
        await client.query('ROLLBACK TO SAVEPOINT pgbs_batch; RELEASE SAVEPOINT pgbs_batch');
        for (let index = from; index < to; index++) await runOne(client, changes, index, options);
      }
    }
    from = to;
  }
  // Delivered on commit: tells a Supabase API (PostgREST) to reload its schema cache.
  await client.query("NOTIFY pgrst, 'reload schema'");
}

async function runOne(client: pg.Client, changes: readonly Change[], index: number, options: ApplyOptions): Promise<void> {
  const change = changes[index]!;
  try {
    await client.query(change.sql);
  } catch (error) {
    if (isPgError(error) && error.code === '55P03') {
      throw new ApplyError(
        `timed out after ${options.lockTimeout ?? '10s'} waiting for a lock on ${change.object} (statement ${index + 1} of ${changes.length}): ` +
          'another session is using it. Nothing was changed; run again when it is free, or allow a longer wait with lock-timeout (--lock-timeout).',
        change,
        index,
      );
    }
    if (change.kind === 'role' && isPgError(error) && error.code === '42501') {
      throw new ApplyError(
        `creating role ${change.object} needs the CREATEROLE attribute, which the target's user lacks: grant it (ALTER ROLE ... CREATEROLE), ` +
          'or create the roles on the target yourself. Nothing was changed.',
        change,
        index,
      );
    }
    const detail = isPgError(error) ? formatPgError(error, change.sql) : (error as Error).message;
    throw new ApplyError(
      `statement ${index + 1} of ${changes.length} failed (${change.kind} ${change.object}); nothing was changed.\n${change.sql}\n\n${detail}`,
      change,
      index,
    );
  }
}

/**
 * Holds the run's advisory lock on the target (session level) while `work`
 * plans, applies and verifies, so a second run waits for the first to finish
 * and then plans against what it left. Bounded: waits `advisoryLockTimeout`.
 * The server releases it if the connection dies.
 */
export async function withRunLock<T>(client: pg.Client, options: ApplyOptions, work: () => Promise<T>): Promise<T> {
  await acquireRunLock(client, options.advisoryLockTimeout);
  try {
    return await work();
  } finally {
    await releaseRunLock(client);
  }
}

/** Takes the target's run lock for this session (reentrant: each take needs its release). */
export async function acquireRunLock(client: pg.Client, timeout = '60s'): Promise<void> {
  await client.query(`SET lock_timeout = ${quoteLiteral(timeout)}`);
  try {
    await client.query(`SELECT pg_catalog.pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
  } catch (error) {
    throw busy(error, timeout);
  } finally {
    await client.query('RESET lock_timeout').catch(() => undefined);
  }
}

export async function releaseRunLock(client: pg.Client): Promise<void> {
  await client.query(`SELECT pg_catalog.pg_advisory_unlock(${ADVISORY_LOCK_KEY})`).catch(() => undefined);
}

function busy(error: unknown, timeout: string): unknown {
  if (isPgError(error) && error.code === '55P03') {
    return new ApplyError(`another pg-branch-sync run is changing this target; waited ${timeout} for it to finish. Nothing was changed: run again when it is done.`);
  }
  return error;
}

/** BEGIN, advisory lock, settings; COMMIT on success, ROLLBACK on any error. */
export async function withTargetTransaction<T>(client: pg.Client, options: ApplyOptions, work: () => Promise<T>): Promise<T> {
  await beginTarget(client, options);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The run's transaction on the target, as its phases see it. */
export interface RunTransaction {
  /** Commits what is done so far and goes on in a new transaction (per-file seeding, when asked). */
  checkpoint(): Promise<void>;
}

/**
 * The run's one transaction on the target: `work` returns true to commit,
 * false to roll back (a blocked or failed phase); an error rolls back too.
 */
export async function inRunTransaction(client: pg.Client, options: ApplyOptions, work: (tx: RunTransaction) => Promise<boolean>): Promise<boolean> {
  await beginTarget(client, options);
  try {
    const commit = await work({
      checkpoint: async () => {
        await client.query('COMMIT');
        await beginTarget(client, options);
      },
    });
    await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    return commit;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function beginTarget(client: pg.Client, options: ApplyOptions): Promise<void> {
  const lockTimeout = options.lockTimeout ?? '10s';
  const advisoryTimeout = options.advisoryLockTimeout ?? '60s';
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL lock_timeout = ${quoteLiteral(advisoryTimeout)}`);
    try {
      // Re-entrant: immediate when this session already holds the run lock.
      await client.query(`SELECT pg_catalog.pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
    } catch (error) {
      throw busy(error, advisoryTimeout);
    }
    // Like a pg_dump restore: no statement timeout (a role's, meant for API queries, would cut an index build); lock waits stay bounded.
    await client.query(`SET LOCAL lock_timeout = ${quoteLiteral(lockTimeout)}; SET LOCAL statement_timeout = 0; ${ENGINE_SESSION}`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The engine's session in the run's transaction: every name deparsed schema-qualified, no body checks, quiet. */
export const ENGINE_SESSION = "SET LOCAL check_function_bodies = off; SET LOCAL search_path = ''; SET LOCAL client_min_messages = warning";

/**
 * Gives the files a user wrote (seeds, migrations) the session they would
 * have in psql, inside the run's transaction: the engine's settings (empty
 * search_path, no body checks, COPY formats) go back to the role's defaults;
 * the bounded lock wait stays.
 */
export const USER_SESSION = ['search_path', 'check_function_bodies', 'client_min_messages', 'datestyle', 'intervalstyle', 'extra_float_digits', 'timezone', 'bytea_output']
  .map((name) => `SET LOCAL ${name} TO DEFAULT`).join('; ');
