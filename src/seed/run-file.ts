import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { formatPgError, isPgError } from '../db/errors.js';
import { SeedFileError } from './error.js';
import { indexOfCodePoint, positionOf, splitScript, type ScriptStatement } from './split.js';

/** A simple-protocol query that counts the statements PostgreSQL completed, so a failure can be placed. */
class CountingQuery extends pg.Query {
  completed = 0;
  handleCommandComplete(message: unknown, connection: unknown): void {
    this.completed++;
    (pg.Query.prototype as unknown as { handleCommandComplete(m: unknown, c: unknown): void }).handleCommandComplete.call(this, message, connection);
  }
}

function runScript(client: pg.Client, text: string): Promise<{ completed: number; error?: unknown }> {
  return new Promise((resolve) => {
    const query: CountingQuery = new CountingQuery(text, undefined, (error: Error | undefined) => resolve({ completed: query.completed, ...(error ? { error } : {}) }));
    void client.query(query as unknown as pg.QueryConfig);
  });
}

export interface ScriptRun {
  statements: number;
  /** Lines of BEGIN/COMMIT left out: the file runs inside the caller's transaction. */
  transactionControl: number[];
  /** Whether a statement may create or change objects (not only rows), so the catalog is worth reading again. */
  mayChangeSchema: boolean;
}

// Statements a file may use to wrap itself in a transaction; the caller's transaction already does.
const WRAPPER = /^(begin|start\s+transaction|commit|end)(\s+(work|transaction))?(\s+and\s+no\s+chain)?\s*(isolation\s+level\s+[a-z ]+)?$/i;
const ABORTS = /^(rollback|abort|savepoint|release|prepare\s+transaction|commit\s+prepared|rollback\s+prepared)\b/i;
// Plain row statements cannot create objects; anything else (CREATE, ALTER, DO, a function call) might.
const ROWS_ONLY = /^(insert|update|delete|merge|copy|truncate|set|reset|with|values|table|select\s+(pg_catalog\.)?(set_config|setval)\b)/i;

/**
 * Runs a seed file in as few round trips as it allows: the SQL between COPY
 * FROM stdin statements as one simple-protocol query, each COPY with its inline
 * data streamed as psql sends it. The caller owns the transaction. A failure
 * becomes a SeedFileError naming file, line and column: from PostgreSQL's
 * error position when it gives one, from the data line a COPY names, else
 * from the start of the statement that failed (the one after those completed).
 */
export async function runSeedScript(client: pg.Client, file: string, display: string): Promise<ScriptRun> {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const { statements, metaCommands } = splitScript(text);
  refuseMeta(metaCommands[0], display);
  const transactionControl: number[] = [];
  let mayChangeSchema = false;
  let pending: ScriptStatement[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const offset = pending[0]!.start;
    const { completed, error } = await runScript(client, text.slice(offset, pending.at(-1)!.end));
    if (error !== undefined) throw placeError(error, text, offset, pending, completed, display);
    pending = [];
  };
  const dataRegions: number[] = [];
  for (const statement of statements) {
    if (WRAPPER.test(statement.text)) {
      // Sent as it is, a COMMIT would end the caller's transaction halfway: it is implied instead.
      await flush();
      transactionControl.push(statement.line);
      continue;
    }
    refuseAbort(statement, display);
    if (!ROWS_ONLY.test(statement.text)) mayChangeSchema = true;
    if (statement.copyFromStdin) {
      await flush();
      await runCopy(client, text, statement, display);
      if (statement.data) dataRegions.push(statement.data.start);
      continue;
    }
    // A COPY's data lies between (it followed both on one line): what comes after it runs on its own.
    const last = pending.at(-1);
    if (last && dataRegions.some((at) => at >= last.end && at < statement.start)) await flush();
    pending.push(statement);
  }
  await flush();
  return { statements: statements.length - transactionControl.length, transactionControl, mayChangeSchema };
}

/** Row statements: they change rows, never the schema. */
export const ROW_STATEMENT = /^(insert|update|delete|merge|copy|with)\b/i;

export interface StatementOptions {
  /** Which statements run; the others are passed over. */
  select: (statement: ScriptStatement) => boolean;
  /** A row statement whose rows are already there (unique violation) is passed over: it ran on this target before. */
  skipDuplicates?: boolean;
}

/**
 * Runs chosen statements of a file one by one (each in a savepoint when
 * duplicates may be passed over), as psql would, COPY data included; a
 * failure is placed at its line like runSeedScript's. Returns how many ran
 * and how many were passed over as already done.
 */
export async function runScriptStatements(client: pg.Client, file: string, display: string, options: StatementOptions): Promise<{ statements: number; duplicates: number; transactionControl: number[] }> {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let statements = 0;
  let duplicates = 0;
  const transactionControl: number[] = [];
  const split = splitScript(text);
  refuseMeta(split.metaCommands[0], display);
  for (const statement of split.statements) {
    if (WRAPPER.test(statement.text)) {
      transactionControl.push(statement.line);
      continue;
    }
    refuseAbort(statement, display);
    if (!options.select(statement)) continue;
    const guarded = options.skipDuplicates === true && ROW_STATEMENT.test(statement.text);
    if (guarded) await client.query('SAVEPOINT pgbs_statement');
    try {
      if (statement.copyFromStdin) await runCopy(client, text, statement, display);
      else await client.query(statement.text);
      statements++;
    } catch (error) {
      const code = ((error instanceof SeedFileError ? error.cause : error) as { code?: string } | undefined)?.code;
      if (guarded && code === '23505') {
        await client.query('ROLLBACK TO SAVEPOINT pgbs_statement');
        duplicates++;
        continue;
      }
      throw error instanceof SeedFileError ? error : placeError(error, text, statement.start, [statement], 0, display);
    }
    if (guarded) await client.query('RELEASE SAVEPOINT pgbs_statement');
  }
  return { statements, duplicates, transactionControl };
}

function refuseMeta(meta: { text: string; line: number; column: number } | undefined, display: string): void {
  if (!meta) return;
  const reason = `psql meta-command ${meta.text.split(/\s/)[0]} cannot run here: seed files are plain SQL (as in Supabase's seeding); write it as SQL`;
  throw new SeedFileError(`${display}:${meta.line}:${meta.column}: ${reason}`, display, meta.line, meta.column, reason);
}

function refuseAbort(statement: ScriptStatement, display: string): void {
  if (!ABORTS.test(statement.text)) return;
  const reason = `${statement.text.split(/\s/)[0]!.toUpperCase()} cannot run here: the file runs inside pg-branch-sync's one transaction on the target, which commits or rolls back as a whole`;
  throw new SeedFileError(`${display}:${statement.line}:${statement.column}: ${reason}`, display, statement.line, statement.column, reason);
}

/** One COPY ... FROM stdin with the data lines that follow it in the file. */
async function runCopy(client: pg.Client, text: string, statement: ScriptStatement, display: string): Promise<void> {
  const data = statement.data ?? { start: statement.end, end: statement.end, line: statement.line, next: statement.end };
  try {
    await pipeline(Readable.from([text.slice(data.start, data.end)]), client.query(copyFrom(statement.text)));
  } catch (error) {
    // "COPY t, line 3, column b: ..." counts the data lines from 1 (after any trigger's own context lines).
    const dataLine = isPgError(error) ? /^COPY .*?, line (\d+)/m.exec(error.where ?? '')?.[1] : undefined;
    if (dataLine === undefined) throw placeError(error, text, statement.start, [statement], 0, display);
    const line = data.line + Number(dataLine) - 1;
    const reason = formatPgError(error as pg.DatabaseError, statement.text);
    throw new SeedFileError(`${display}:${line}:1: ${reason}`, display, line, 1, reason, undefined, error);
  }
}

/**
 * Places an error of the query that ran `statements` (from `offset` in the
 * file's text): PostgreSQL's position counts code points of that query.
 */
function placeError(error: unknown, text: string, offset: number, statements: readonly ScriptStatement[], completed: number, display: string): SeedFileError {
  const failed = statements[Math.min(completed, statements.length - 1)];
  if (!isPgError(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new SeedFileError(`${display}: ${reason}`, display, failed?.line ?? 1, failed?.column ?? 1, reason);
  }
  // Counted from the file's start, so the psql-style LINE agrees with the file's lines.
  const relative = Number(error.position);
  const position = relative > 0 ? Array.from(text.slice(0, offset)).length + relative : 0;
  const at = position > 0 ? positionOf(text, indexOfCodePoint(text, position)) : { line: failed?.line ?? 1, column: failed?.column ?? 1 };
  let reason = formatPgError({ ...error, message: error.message, position: position > 0 ? String(position) : undefined }, text);
  if (!(position > 0) && failed) {
    const first = failed.text.split('\n')[0]!;
    reason += `\nSTATEMENT:  ${first.length > 200 ? `${first.slice(0, 200)}...` : first}${failed.text.includes('\n') ? ' ...' : ''}`;
  }
  return new SeedFileError(`${display}:${at.line}:${at.column}: ${reason}`, display, at.line, at.column, reason, undefined, error);
}
