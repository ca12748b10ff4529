import type pg from 'pg';
import { EXPECTATION } from '../config/expectation.js';
import type { AssertionConfig } from '../config/schema.js';
import { describeError, isPgError } from '../db/errors.js';
import { quoteLiteral } from '../db/quote.js';
import type { CheckResult } from './check.js';

type Outcome = Omit<CheckResult, 'name' | 'ms'>;

/**
 * Runs one assertion READ ONLY under a statement timeout: it must return one
 * row of one column, either true, or a number meeting `expect`. A failure
 * shows the SQL and what came back.
 */
export async function runAssertion(target: pg.Client, assertion: AssertionConfig, statementTimeout: string): Promise<Outcome> {
  const sql = assertion.sql.trim().replace(/;\s*$/, '');
  let result: pg.QueryResult | pg.QueryResult[];
  await target.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${quoteLiteral(statementTimeout)}`);
  try {
    result = await target.query(sql);
  } catch (error) {
    const why = isPgError(error) && error.code === '57014' ? `took longer than ${statementTimeout} (statement_timeout; set [validate].statement_timeout)` : describeError(error, sql);
    return fail(sql, why);
  } finally {
    await target.query('ROLLBACK').catch(() => undefined);
  }
  if (Array.isArray(result)) return fail(sql, `must be one query (got ${result.length} statements)`);
  if (result.rows.length !== 1 || result.fields.length !== 1) {
    return fail(sql, `must return one row with one column (got ${result.rows.length} row(s) of ${result.fields.length} column(s))`);
  }
  const value: unknown = Object.values(result.rows[0] as Record<string, unknown>)[0];
  return judge(sql, value, assertion.expect);
}

function judge(sql: string, value: unknown, expect: AssertionConfig['expect']): Outcome {
  const shown = value === null ? 'NULL' : typeof value === 'string' ? value : JSON.stringify(value);
  if (expect === undefined) {
    if (value === true) return { status: 'pass', detail: 'true' };
    return fail(sql, `returned ${shown}; expected true${typeof value === 'boolean' || value === null ? '' : ' (for a number, set expect, e.g. expect = ">= 1")'}`);
  }
  const [, op = '=', wanted] = EXPECTATION.exec(String(expect))!;
  const got = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (Number.isNaN(got)) return fail(sql, `returned ${shown}; expected a number ${op} ${wanted}`);
  const w = Number(wanted);
  const ok = { '=': got === w, '==': got === w, '!=': got !== w, '<>': got !== w, '<': got < w, '<=': got <= w, '>': got > w, '>=': got >= w }[op];
  return ok ? { status: 'pass', detail: `${shown} ${op} ${wanted}` } : fail(sql, `returned ${shown}; expected ${op} ${wanted}`);
}

function fail(sql: string, why: string): Outcome {
  return { status: 'fail', detail: `${why}\nSQL: ${sql}` };
}
