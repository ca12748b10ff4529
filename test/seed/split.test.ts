import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { indexOfCodePoint, positionOf, splitScript } from '../../src/seed/split.js';
import { createTestDatabase } from '../helpers/db.js';

const texts = (sql: string): string[] => splitScript(sql).statements.map((s) => s.text);

describe('splitScript: statements', () => {
  it('splits on semicolons and reports start, end, line and column', () => {
    const sql = 'select 1;\n  select 2 ;select 3';
    const { statements, metaCommands } = splitScript(sql);
    expect(metaCommands).toEqual([]);
    expect(statements).toEqual([
      { start: 0, end: 9, line: 1, column: 1, text: 'select 1', copyFromStdin: false },
      { start: 12, end: 22, line: 2, column: 3, text: 'select 2', copyFromStdin: false },
      { start: 22, end: sql.length, line: 2, column: 13, text: 'select 3', copyFromStdin: false },
    ]);
  });

  it('keeps a final statement without a semicolon and drops empty ones', () => {
    expect(texts(';; ;\n/* c */ ; -- only comments\n;')).toEqual([]);
    expect(texts('')).toEqual([]);
    const { statements } = splitScript(';;select 1;;\n;select 2\n  \n');
    expect(statements.map((s) => s.text)).toEqual(['select 1', 'select 2']);
    expect(statements[1]).toMatchObject({ start: 14, end: 26, line: 2, column: 2 });
  });

  it('skips comments holding semicolons and quotes, and block comments nest', () => {
    const sql = [
      "-- a; 'quote\" $$",
      "select 1 /* outer; /* inner ' */ still; comment $$ */ + 1; -- trailing; '",
      '/* before */ /**/ select 2; /*/ not closed yet; */ select 3;',
    ].join('\n');
    const { statements } = splitScript(sql);
    expect(statements.map((s) => s.text)).toEqual([
      "select 1 /* outer; /* inner ' */ still; comment $$ */ + 1",
      'select 2',
      'select 3',
    ]);
    expect(statements.map((s) => [s.line, s.column])).toEqual([
      [2, 1],
      [3, 19],
      [3, 52],
    ]);
  });

  it('keeps semicolons inside strings and quoted identifiers', () => {
    expect(texts("select 'a;b', 'it''s;'; select \"x;\"\"y\" from \"t;\";")).toEqual([
      "select 'a;b', 'it''s;'",
      'select "x;""y" from "t;"',
    ]);
    expect(texts("select U&'d\\0061t;', B'10;1', X'1F;', N'n;'; select 2")).toEqual([
      "select U&'d\\0061t;', B'10;1', X'1F;', N'n;'",
      'select 2',
    ]);
  });

  it('lets a backslash escape a quote only in E strings', () => {
    expect(texts("select E'it\\'s; ok'; select e'\\\\'; select 3")).toEqual([
      "select E'it\\'s; ok'",
      "select e'\\\\'",
      'select 3',
    ]);
    // standard_conforming_strings: in a plain string the backslash is literal.
    expect(texts("select 'a\\'; select 2;")).toEqual(["select 'a\\'", 'select 2']);
    // `somee` is an identifier, not an E prefix.
    expect(texts("select somee'a\\'; select 2;")).toEqual(["select somee'a\\'", 'select 2']);
  });

  it('handles dollar quotes, nested tags, parameters and $ in identifiers', () => {
    const fn = [
      'create function f() returns int language plpgsql as $body$',
      'begin',
      "  raise notice 'it''s; fine';",
      '  return 1;',
      'end',
      '$body$;',
      'select 2;',
    ].join('\n');
    expect(texts(fn)).toEqual([fn.slice(0, fn.indexOf('$body$;') + 6), 'select 2']);

    expect(texts("do $outer$ begin execute $inner$ select ';' ; $inner$; end $outer$; select 2")).toEqual([
      "do $outer$ begin execute $inner$ select ';' ; $inner$; end $outer$",
      'select 2',
    ]);
    expect(texts('select $$a;b$$, $x$$$;$x$; select 2')).toEqual(['select $$a;b$$, $x$$$;$x$', 'select 2']);
    expect(texts('prepare p(int, int) as select $1 + $2; execute p($1$x$y$x$);')).toHaveLength(2);
    expect(texts('select a$b$, c$$ from t; select $b$;$b$;')).toEqual([
      'select a$b$, c$$ from t',
      'select $b$;$b$',
    ]);
  });

  it('keeps semicolons inside parentheses (CREATE RULE multi-actions)', () => {
    const rule =
      "create rule r as on insert to t do also (insert into log values ('a'); insert into log values (')'));";
    expect(texts(`${rule}\nselect 1;`)).toEqual([rule.slice(0, -1), 'select 1']);
  });

  it('keeps BEGIN ATOMIC bodies whole, with CASE ... END inside', () => {
    const fn = [
      'create or replace function sign_label(x int) returns text language sql',
      'begin atomic',
      "  select case when x > 0 then 'pos' else case when x < 0 then 'neg' else 'zero' end end;",
      '  select 1;',
      'end',
    ].join('\n');
    const proc = 'CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC insert into t values (1); END';
    expect(texts(`${fn};\n${proc};\nselect 3;`)).toEqual([fn, proc, 'select 3']);
    // Outside CREATE FUNCTION/PROCEDURE, BEGIN and END are transaction commands.
    expect(texts('begin; select case when true then 1 end; end; create table begin_end (a int);')).toHaveLength(4);
  });

  it('treats an unterminated string, identifier, dollar quote or comment as the rest of the script', () => {
    for (const tail of ["'abc; def", "E'x\\'; y", '"id; x', '$q$ body; x', '/* a /* b */ ; c']) {
      const sql = `select 1; select ${tail}`;
      expect(texts(sql)).toEqual(['select 1', `select ${tail}`]);
      expect(splitScript(sql).statements[1]?.end).toBe(sql.length);
    }
    const { statements } = splitScript('select 1;\n/* never closed; ');
    expect(statements[1]).toMatchObject({ start: 10, line: 2, column: 1, text: '/* never closed;' });
  });
});

describe('splitScript: psql meta-commands and COPY', () => {
  it('collects backslash commands between statements', () => {
    const sql = "select 1;\n\\set x 1\n  /* c */ \\i other.sql  \nselect E'\\n', '\\x';\r\n\\echo done\r\nselect 2; \\gset";
    const { statements, metaCommands } = splitScript(sql);
    expect(statements.map((s) => [s.text, s.line, s.column])).toEqual([
      ['select 1', 1, 1],
      ["select E'\\n', '\\x'", 4, 1],
      ['select 2', 6, 1],
    ]);
    expect(metaCommands).toEqual([
      { line: 2, column: 1, text: '\\set x 1' },
      { line: 3, column: 11, text: '\\i other.sql' },
      { line: 5, column: 1, text: '\\echo done' },
      { line: 6, column: 11, text: '\\gset' },
    ]);
  });

  it('does not treat a backslash inside a statement as a meta-command', () => {
    const { statements, metaCommands } = splitScript('select 1\n\\x + 2;');
    expect(metaCommands).toEqual([]);
    expect(statements.map((s) => s.text)).toEqual(['select 1\n\\x + 2']);
  });

  it('skips the inline data of COPY FROM STDIN up to \\.', () => {
    const sql = [
      'create table t (a int, b text);',
      'COPY t (a, b) FROM stdin WITH (format csv); -- data follows',
      '1,"a;b"',
      "2,it's",
      '3,\\x',
      '\\.',
      "select 'after';",
    ].join('\n');
    const { statements, metaCommands } = splitScript(sql);
    expect(metaCommands).toEqual([]);
    expect(statements.map((s) => [s.text, s.copyFromStdin, s.line])).toEqual([
      ['create table t (a int, b text)', false, 1],
      ['COPY t (a, b) FROM stdin WITH (format csv)', true, 2],
      ["select 'after'", false, 7],
    ]);
    // The data: the lines after the statement's, up to (not with) the \. line.
    const data = statements[1]!.data!;
    expect(sql.slice(data.start, data.end)).toBe('1,"a;b"\n2,it\'s\n3,\\x\n');
    expect(data.line).toBe(3);
    expect(sql.slice(data.next)).toBe("select 'after';");
  });

  it('recognises COPY FROM STDIN through comments and case, and only that', () => {
    const copy = (sql: string): boolean[] => splitScript(sql).statements.map((s) => s.copyFromStdin);
    expect(copy('copy /* x */ t\n  from -- y\n  STDIN;')).toEqual([true]);
    expect(copy('Copy "t" FROM StdIn')).toEqual([true]);
    expect(copy("copy t from '/tmp/stdin'; copy t to stdout; copy (select * from stdin) to stdout;")).toEqual([
      false,
      false,
      false,
    ]);
    expect(copy("select 'copy t from stdin'; insert into copy select * from stdin;")).toEqual([false, false]);
  });

  it('handles CRLF data, two COPYs on one line, \\copy from stdin and data at EOF', () => {
    const sql = [
      'copy a from stdin; copy b from stdin;',
      "x';",
      '\\.',
      '$$y',
      '\\.',
      '\\copy c from stdin',
      '"z;',
      '\\.',
      'select 1;',
      'copy d from stdin;',
      "'unterminated data; no end marker",
    ].join('\r\n');
    const { statements, metaCommands } = splitScript(sql);
    expect(statements.map((s) => [s.text, s.copyFromStdin, s.line])).toEqual([
      ['copy a from stdin', true, 1],
      ['copy b from stdin', true, 1],
      ['select 1', false, 9],
      ['copy d from stdin', true, 10],
    ]);
    expect(metaCommands).toEqual([{ line: 6, column: 1, text: '\\copy c from stdin' }]);
    const data = statements.map((s) => (s.data ? [sql.slice(s.data.start, s.data.end), s.data.line, s.data.next] : undefined));
    expect(data).toEqual([
      ["x';\r\n", 2, sql.indexOf('$$y')],
      ['$$y\r\n', 4, sql.indexOf('\\copy')],
      undefined,
      ["'unterminated data; no end marker", 11, sql.length],
    ]);
  });

  it('splits a 10 MB script of 100,000 INSERTs in linear time', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      lines.push(`insert into items (id, name, note) values (${i}, 'item; ''${i}''', $$a;b$$); -- row ${i}; ok`);
    }
    const sql = lines.join('\n');
    expect(sql.length).toBeGreaterThan(9_000_000);
    const { statements } = splitScript(sql);
    expect(statements).toHaveLength(100_000);
    expect(statements[99_999]).toMatchObject({ line: 100_000, column: 1 });
    expect(statements[99_999]?.text).toBe(lines[99_999]?.slice(0, lines[99_999]?.indexOf('; --')));
  });
});

describe('positions', () => {
  it('counts columns in code points and lines on \\n, also with CRLF', () => {
    const sql = "select '😀😀';\r\n  select 2;\r\n/* é */ select 3;";
    const { statements } = splitScript(sql);
    expect(statements.map((s) => [s.line, s.column])).toEqual([
      [1, 1],
      [2, 3],
      [3, 9],
    ]);
    expect(statements.map((s) => s.text)).toEqual(["select '😀😀'", 'select 2', 'select 3']);
    expect(positionOf(sql, sql.indexOf("';"))).toEqual({ line: 1, column: 11 });
    expect(positionOf(sql, sql.indexOf('\r'))).toEqual({ line: 1, column: 13 });
    expect(positionOf(sql, 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf(sql, sql.length)).toEqual({ line: 3, column: 18 });
  });

  it('an emoji on the same line shifts the column by one, not two', () => {
    const sql = "select '👍'; select 2;";
    expect(splitScript(sql).statements[1]).toMatchObject({ start: 13, line: 1, column: 13 });
  });

  it('converts PostgreSQL character positions to UTF-16 indexes', () => {
    const sql = "select '😀', 'é'; selec 2";
    // Characters: `select '` is 8, the emoji is the 9th, so `selec` is the 18th.
    expect(indexOfCodePoint(sql, 18)).toBe(sql.indexOf('selec 2'));
    expect(indexOfCodePoint(sql, 1)).toBe(0);
    expect(indexOfCodePoint(sql, 9)).toBe(8);
    expect(indexOfCodePoint(sql, 10)).toBe(10);
    expect(indexOfCodePoint(sql, 1000)).toBe(sql.length);
  });
});

interface CountingHooks {
  handleCommandComplete(msg: unknown, connection: unknown): void;
}

/** Counts CommandComplete messages: how many statements of a script finished. */
class CountingQuery extends pg.Query {
  completed = 0;
  handleCommandComplete(msg: unknown, connection: unknown): void {
    this.completed++;
    (pg.Query.prototype as unknown as CountingHooks).handleCommandComplete.call(this, msg, connection);
  }
}

async function runScript(client: pg.Client, sql: string): Promise<{ completed: number; error?: Error }> {
  return new Promise((resolve) => {
    const query: CountingQuery = new CountingQuery(sql, undefined, (error) => {
      resolve(error ? { completed: query.completed, error } : { completed: query.completed });
    });
    client.query(query);
  });
}

describe('splitScript against a real server', () => {
  it('the statement after the completed ones is the one that failed', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const parts = [
        '-- seed; with a comment',
        'create table items (id int primary key, name text not null);',
        'create table log (msg text); /* a; /* nested */ comment */',
        "insert into items values (1, 'it''s; one'), (2, E'two\\'s; \\\\');",
        'create function touch(x int) returns int language plpgsql as $body$',
        'begin',
        "  -- ; and ' inside",
        '  return x + 1;',
        'end',
        '$body$;',
        'create function sign_label(x int) returns text language sql',
        'begin atomic',
        "  select case when x > 0 then 'pos' when x < 0 then 'neg' else 'zero' end;",
        'end;',
        "create rule items_log as on insert to items do also (insert into log values ('a;b'); insert into log values ($$c;d$$));",
        "insert into items values (3, $q$dollar; 'quoted'$q$);",
        'select touch(1); select sign_label(-1);;',
        'insert into "items" (id, name) values (4, \'four\') ;',
        "update items set name = name || ';' where id = 1;",
        "insert into items values (5, 'five');",
        'select count(*) from items',
      ];
      const ok = parts.join('\n');
      const expected = splitScript(ok).statements;
      expect(expected).toHaveLength(13);

      // Put a duplicate-key insert (a run-time error without a position) at several places.
      const failing = "insert into items values (1, 'dup; again');";
      for (const at of [4, 10, 14, 15, 17, 19, 20]) {
        const sql = [...parts.slice(0, at), failing, ...parts.slice(at)].join('\n');
        const result = await runScript(client, sql);
        expect(result.error?.message).toMatch(/duplicate key/);
        expect((result.error as { position?: string }).position).toBeUndefined();
        const statement = splitScript(sql).statements[result.completed];
        expect(statement?.text).toBe(failing.slice(0, -1));
        expect(statement?.line).toBe(at + 1);
      }

      // The implicit transaction rolled the failures back, so the clean script runs through.
      const result = await runScript(client, ok);
      expect(result.error).toBeUndefined();
      expect(result.completed).toBe(expected.length);

      // Error positions count characters: map one back across an emoji.
      const bad = "select '😀😀';\nselec 1 from items";
      const error = (await runScript(client, bad)).error as Error & { position?: string };
      expect(indexOfCodePoint(bad, Number(error.position))).toBe(bad.indexOf('selec 1'));
    } finally {
      await client.end();
    }
  });
});
