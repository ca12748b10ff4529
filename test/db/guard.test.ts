import { describe, expect, it } from 'vitest';
import { endpointOf } from '../../src/db/guard.js';
import { parseConnectionString } from '../../src/db/url.js';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/db.js';

describe('the same-database guard', () => {
  it('folds the spellings of one endpoint together', () => {
    const spellings = [
      'postgresql://u:p@localhost/app',
      'postgres://other:q@127.0.0.1:5432/app?sslmode=require',
      'postgresql://u@[::1]/app',
      'host=localhost port=5432 dbname=app user=x',
      'host=/var/run/postgresql dbname=app',
      'postgresql://u@LOCALHOST./app',
    ];
    const endpoints = new Set(spellings.map((s) => endpointOf(parseConnectionString(s))));
    expect([...endpoints]).toEqual(['localhost:5432/app']);
    expect(endpointOf(parseConnectionString('postgresql://u@localhost:5433/app'))).not.toBe('localhost:5432/app');
    expect(endpointOf(parseConnectionString('postgresql://u@localhost/app2'))).not.toBe('localhost:5432/app');
  });

  it('refuses a target that reaches the source under a keyword-form spelling', async () => {
    const db = await createTestDatabase('src');
    const url = new URL(db.url);
    const keyword = `host=localhost port=${url.port} dbname=${db.name} user=${url.username} password=${decodeURIComponent(url.password)}`;
    const result = await cli(['plan', '--source', db.url, '--target', keyword]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the target is the source database');
    expect(result.stderr).not.toContain(decodeURIComponent(url.password));
  });
});
