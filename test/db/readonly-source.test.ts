import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { ensureRoles } from '../helpers/roles.js';
import { cli } from '../helpers/cli.js';

describe('a source read by a role that can only read', () => {
  it('plans and applies from it', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(`create table t (id int generated always as identity primary key, v text);
      create sequence s; create function f() returns int language sql as $$ select 1 $$;
      create view v as select id from t;`);
    const role = `reader_${Math.random().toString(36).slice(2, 8)}`;
    await ensureRoles(role);
    await source.exec(`alter role ${role} login password 'reader-pass'; grant usage on schema public to ${role}`);
    const url = new URL(source.url);
    url.username = role;
    url.password = 'reader-pass';
    const result = await cli(['apply', '--source', url.toString(), '--target', target.url]);
    expect(result.stderr).toContain('applied');
    expect(result.code).toBe(0);
    expect((await cli(['plan', '--source', url.toString(), '--target', target.url])).code).toBe(0);
  });
});
