import type pg from 'pg';
import { quoteLiteral } from '../db/quote.js';
import type { SchemaModel } from './model.js';
import { adopted, collectReplays, SettleBatch, type Replay } from './settle-replays.js';

/**
 * PostgreSQL does not always print an expression the way it prints it after
 * one more parse: `b BETWEEN 0 AND 10 AND a >= 0` is stored as a nested AND
 * and printed so, while the text replayed is flattened by the grammar. A
 * source object and its target counterpart whose printed texts differ are
 * therefore compared the only sure way: the source's definition is replayed
 * on the target under a temporary name (temporary tables, views, functions,
 * domains; a publication on the real table), printed back with the
 * pg_get_*def the reader uses, and rolled back. Where that print equals the
 * target's, the source takes it: the pair is equal.
 */

export interface SettleOptions {
  /** The session is inside the run's transaction: settle in a savepoint of it. Else in a transaction of its own, rolled back. */
  inTransaction: boolean;
}

/** What settling found: the source as the target prints it where they are equal. */
export interface Settled {
  model: SchemaModel;
  /**
   * The model again without the texts whose equality the plan makes unsure:
   * it changes what they depend on (a column's type), so the target will
   * print them otherwise. Null when there are none.
   */
  recheck(changed: ReadonlySet<string>): SchemaModel | null;
}

/**
 * The source model with each expression text that PostgreSQL, replaying it
 * on the target, prints as the target prints its counterpart, taken from
 * the target. Only pairs whose texts differ are replayed, all in one round
 * trip; nothing is left on the target. A target where nothing can be
 * replayed (read-only, no TEMP privilege) leaves the source as it is.
 */
export async function settleSource(target: pg.Client, source: SchemaModel, targetModel: SchemaModel, options: SettleOptions): Promise<Settled> {
  const batch = new SettleBatch(source, targetModel);
  collectReplays(batch, source, targetModel);
  const printed = batch.replays.some((r) => r.settle) ? await runBatch(target, batch.replays, options.inTransaction) : null;
  if (printed) for (const [i, r] of batch.replays.entries()) r.settle?.(printed[i] ?? null);
  let kept = batch.adoptions;
  return {
    model: adopted(source, kept),
    recheck(changed) {
      const sure = kept.filter((a) => ![...a.context].some((k) => changed.has(k)));
      if (sure.length === kept.length) return null;
      kept = sure;
      return adopted(source, kept);
    },
  };
}

// Each replay in a block of its own: one that fails (a column the target lacks) is rolled back alone.
const DO_BODY = (input: string) => `
DECLARE
  item jsonb;
  stmt text;
  got jsonb;
  results jsonb := '[]';
BEGIN
  FOR item IN SELECT value FROM pg_catalog.jsonb_array_elements(${input}::jsonb) LOOP
    got := null;
    BEGIN
      FOR stmt IN SELECT value FROM pg_catalog.jsonb_array_elements_text(item -> 'run') LOOP
        EXECUTE stmt;
      END LOOP;
      IF item ->> 'read' IS NOT NULL THEN
        EXECUTE item ->> 'read' INTO got;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      got := null;
    END;
    results := results || pg_catalog.jsonb_build_array(got);
  END LOOP;
  PERFORM pg_catalog.set_config('pg_branch_sync.settled', results::text, true);
END`;

function dollarQuoted(body: string): string {
  let tag = 'pgbs_settle';
  for (let i = 0; body.includes(`$${tag}$`); i++) tag = `pgbs_settle${i}`;
  return `$${tag}$${body}$${tag}$`;
}

/** Runs the replays in one savepoint (or transaction) and one round trip; what each printed, or null when the batch could not run. */
async function runBatch(client: pg.Client, replays: Replay[], inTransaction: boolean): Promise<unknown[] | null> {
  const input = JSON.stringify(replays.map((r) => (r.read ? { run: r.run, read: r.read } : { run: r.run })));
  const [open, close] = inTransaction
    ? ['SAVEPOINT pgbs_settle', 'ROLLBACK TO SAVEPOINT pgbs_settle; RELEASE SAVEPOINT pgbs_settle']
    : ['BEGIN', 'ROLLBACK'];
  const statements = [
    open,
    // Names printed schema-qualified, as the reader prints them; quiet (a publication warns about wal_level); lock waits short.
    "SET LOCAL search_path = ''; SET LOCAL client_min_messages = error; SET LOCAL check_function_bodies = off; SET LOCAL lock_timeout = '5s'",
    `DO ${dollarQuoted(DO_BODY(quoteLiteral(input)))}`,
    "SELECT pg_catalog.current_setting('pg_branch_sync.settled', true) AS settled",
    close,
  ];
  try {
    const results = (await client.query(statements.join(';\n'))) as unknown as pg.QueryResult[];
    const row = results.find((r) => r.fields?.some((f) => f.name === 'settled'))?.rows[0] as { settled: string | null } | undefined;
    return row?.settled ? (JSON.parse(row.settled) as unknown[]) : null;
  } catch {
    await client.query(close).catch(() => undefined);
    return null;
  }
}
