import { readFileSync } from 'node:fs';
import pg from 'pg';
import { formatPgError, isPgError } from '../db/errors.js';
import { indexOfCodePoint, positionOf, splitScript, type ScriptStatement } from './split.js';

/** Where a seed file failed, and how PostgreSQL put it. */
export class SeedFileError extends Error {
  override name = 'SeedFileError';
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** The error without the file prefix, for annotations. */
    readonly reason: string,
  ) {
    super(message);
  }
}

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
}

/**
 * Runs a seed file as one round trip (the whole text in one simple-protocol
 * query). The caller owns the transaction. A failure becomes a SeedFileError
 * naming file, line and column: from PostgreSQL's error position when it
 * gives one, else from the start of the statement that failed (the one after
 * those completed).
 */
export async function runSeedScript(client: pg.Client, file: string, display: string): Promise<ScriptRun> {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const { statements, metaCommands } = splitScript(text);
  const meta = metaCommands[0];
  if (meta) {
    const reason = `psql meta-command ${meta.text.split(/\s/)[0]} cannot run here: seed files are plain SQL (as in Supabase's seeding); write it as SQL`;
    throw new SeedFileError(`${display}:${meta.line}:${meta.column}: ${reason}`, display, meta.line, meta.column, reason);
  }
  const copy = statements.find((s) => s.copyFromStdin);
  if (copy) {
    const reason = 'COPY ... FROM stdin cannot run from a seed file: write the rows as INSERT statements (pg_dump --inserts)';
    throw new SeedFileError(`${display}:${copy.line}:${copy.column}: ${reason}`, display, copy.line, copy.column, reason);
  }
  if (statements.length === 0) return { statements: 0 };
  const { completed, error } = await runScript(client, text);
  if (error === undefined) return { statements: statements.length };
  throw placeError(error, text, statements, completed, display);
}

function placeError(error: unknown, text: string, statements: readonly ScriptStatement[], completed: number, display: string): SeedFileError {
  const failed = statements[Math.min(completed, statements.length - 1)];
  if (!isPgError(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new SeedFileError(`${display}: ${reason}`, display, failed?.line ?? 1, failed?.column ?? 1, reason);
  }
  const position = Number(error.position);
  const at = position > 0 ? positionOf(text, indexOfCodePoint(text, position)) : { line: failed?.line ?? 1, column: failed?.column ?? 1 };
  let reason = formatPgError(error, text);
  if (!(position > 0) && failed) {
    const first = failed.text.split('\n')[0]!;
    reason += `\nSTATEMENT:  ${first.length > 200 ? `${first.slice(0, 200)}...` : first}${failed.text.includes('\n') ? ' ...' : ''}`;
  }
  return new SeedFileError(`${display}:${at.line}:${at.column}: ${reason}`, display, at.line, at.column, reason);
}
