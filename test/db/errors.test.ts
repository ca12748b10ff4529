import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { describeError, formatPgError, lineAndColumn } from '../../src/db/errors.js';
import { createTestDatabase } from '../helpers/db.js';

async function serverError(url: string, sql: string): Promise<Error> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(sql);
  } catch (error) {
    return error as Error;
  } finally {
    await client.end();
  }
  throw new Error('expected the statement to fail');
}

describe('psql-style errors from a real server', () => {
  it('points at the error position with LINE n and a caret', async () => {
    const db = await createTestDatabase();
    const sql = 'select 1;\nselect * form users';
    const error = await serverError(db.url, sql);
    expect(describeError(error, sql)).toBe(
      ['ERROR:  syntax error at or near "form"', 'LINE 2: select * form users', '                 ^'].join('\n'),
    );
  });

  it('adds DETAIL, HINT and CONTEXT when the server sends them', async () => {
    const db = await createTestDatabase();
    await db.exec('create table parent (id int primary key); create table child (pid int references parent)');
    const insert = 'insert into child values (42)';
    expect(describeError(await serverError(db.url, insert), insert)).toBe(
      [
        'ERROR:  insert or update on table "child" violates foreign key constraint "child_pid_fkey"',
        'DETAIL:  Key (pid)=(42) is not present in table "parent".',
      ].join('\n'),
    );
    const call = 'select pg_sleep(-1) from lower(1)';
    expect(describeError(await serverError(db.url, call), call)).toMatch(
      /^ERROR: {2}function lower\(integer\) does not exist\nLINE 1: select pg_sleep\(-1\) from lower\(1\)\n {33}\^\nHINT: {2}No function matches/,
    );
    const plpgsql = "do $$ begin raise exception 'boom' using detail = 'd', hint = 'h'; end $$";
    expect(describeError(await serverError(db.url, plpgsql), plpgsql)).toBe(
      ['ERROR:  boom', 'DETAIL:  d', 'HINT:  h', 'CONTEXT:  PL/pgSQL function inline_code_block line 1 at RAISE'].join('\n'),
    );
  });

  it('shows QUERY with its own caret for errors inside a function body', async () => {
    const db = await createTestDatabase();
    await db.exec('create function f() returns int language plpgsql as $$ begin return (select nope from pg_class limit 1); end $$');
    const error = await serverError(db.url, 'select f()');
    const text = describeError(error, 'select f()');
    expect(text).toContain('ERROR:  column "nope" does not exist');
    expect(text).toContain('QUERY:  (select nope from pg_class limit 1)');
    expect(text).toMatch(/LINE 1: \(select nope from pg_class limit 1\)\n {16}\^/);
  });
});

describe('formatPgError', () => {
  it('keeps the caret in view on long lines, like psql', () => {
    const sql = `select ${'x, '.repeat(40)}oops(1)`;
    const position = sql.indexOf('oops') + 1;
    const text = formatPgError({ message: 'function oops(integer) does not exist', position: String(position) }, sql);
    const [, line, caret] = text.split('\n');
    expect(line).toMatch(/^LINE 1: \.\.\..*oops\(1\)$/);
    expect(caret?.indexOf('^')).toBe(line?.indexOf('oops'));
    expect(line!.length).toBeLessThanOrEqual('LINE 1: '.length + 63);
  });

  it('counts characters, not bytes', () => {
    expect(lineAndColumn('é\nüx', 4)).toEqual({ line: 2, column: 2 });
  });
});
