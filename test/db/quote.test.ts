import { describe, expect, it } from 'vitest';
import { qualified, quoteIdent, quoteLiteral } from '../../src/db/quote.js';
import { createTestDatabase } from '../helpers/db.js';

describe('quoteIdent', () => {
  it('leaves plain lower-case names bare and quotes everything else', () => {
    expect(quoteIdent('users')).toBe('users');
    expect(quoteIdent('_x1$')).toBe('_x1$');
    expect(quoteIdent('Users')).toBe('"Users"');
    expect(quoteIdent('user')).toBe('"user"');
    expect(quoteIdent('select')).toBe('"select"');
    expect(quoteIdent('1abc')).toBe('"1abc"');
    expect(quoteIdent('a b')).toBe('"a b"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('ünï')).toBe('"ünï"');
    expect(qualified('public', 'my.table')).toBe('public."my.table"');
  });

  it('refuses NUL, which PostgreSQL cannot store', () => {
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
    expect(() => quoteLiteral('a\0b')).toThrow(/NUL/);
  });

  it('round-trips hostile names through a real server', async () => {
    const db = await createTestDatabase();
    const names = ['Mixed Case', 'semi;colon', 'quo"te', "apo'strophe", 'back\\slash', 'dot.ted', 'user', 'select', 'émoji 🐘', 'trailing '];
    for (const name of names) {
      await db.exec(`CREATE TABLE ${qualified('public', name)} (${quoteIdent(name)} text DEFAULT ${quoteLiteral(name)})`);
      await db.exec(`INSERT INTO ${qualified('public', name)} DEFAULT VALUES`);
    }
    const tables = await db.query<{ relname: string }>("select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by relname");
    expect(tables.map((t) => t.relname).sort()).toEqual([...names].sort());
    for (const name of names) {
      const rows = await db.query<{ v: string }>(`SELECT ${quoteIdent(name)} AS v FROM ${qualified('public', name)}`);
      expect(rows).toEqual([{ v: name }]);
    }
  });
});
