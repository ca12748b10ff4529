import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { cli } from '../helpers/cli.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

const SOURCE_SQL = `
  create type mood as enum ('happy', 'sad');
  create table users (user_id bigint generated always as identity primary key, email text not null unique, mood mood default 'happy');
  create view happy_users as select user_id, email from users where mood = 'happy';`;

async function pair(targetSql = '') {
  const source = await createTestDatabase('src');
  const target = await createTestDatabase('tgt');
  await source.exec(SOURCE_SQL);
  if (targetSql) await target.exec(targetSql);
  return { source, target, args: ['--source', source.url, '--target', target.url] };
}

describe('pg-branch-sync plan', () => {
  it('prints the plan as SQL and exits 2 when changes are pending, 0 when in sync', async () => {
    const { source, target, args } = await pair();
    const result = await cli(['plan', ...args]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('-- pg-branch-sync plan for target "preview": ');
    expect(result.stdout).toContain("CREATE TYPE public.mood AS ENUM ('happy', 'sad');");
    expect(result.stdout).toMatch(/CREATE TABLE public.users \(\n {4}user_id bigint GENERATED ALWAYS AS IDENTITY/);
    expect(result.stdout.indexOf('CREATE TYPE public.mood')).toBeLessThan(result.stdout.indexOf('CREATE TABLE public.users'));
    expect(result.stdout.indexOf('CREATE TABLE public.users')).toBeLessThan(result.stdout.indexOf('CREATE VIEW public.happy_users'));
    expect(await schemaSnapshot(target.url)).not.toEqual(await schemaSnapshot(source.url));

    expect((await cli(['apply', ...args])).code).toBe(0);
    const again = await cli(['plan', ...args]);
    expect(again).toMatchObject({ code: 0, stdout: '-- pg-branch-sync: target "preview" already matches the source; nothing to do.\n' });
  });

  it('prints the contract JSON', async () => {
    const { args } = await pair('create table legacy (id int)');
    const result = await cli(['plan', ...args, '--format', 'json', '--target-name', 'testing']);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout) as { changes: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(json.changes).toContainEqual({ sql: 'DROP TABLE IF EXISTS public.legacy;', object: 'public.legacy', kind: 'table', action: 'drop', hazards: ['destructive'] });
    for (const change of json.changes) expect(Object.keys(change).sort()).toEqual(['action', 'hazards', 'kind', 'object', 'sql']);
    expect(json.summary).toMatchObject({ total: json.changes.length, destructive: 1 });
  });

  it('prints Markdown riskiest first with the SQL folded', async () => {
    const { args } = await pair();
    const result = await cli(['plan', ...args, '--format', 'markdown']);
    expect(result.stdout).toContain('| create table | `public.users` |   |');
    expect(result.stdout).toContain('<details><summary>SQL · ');
  });

  it('reads URLs from SOURCE_DATABASE_URL and TARGET_DATABASE_URL', async () => {
    const { source, target } = await pair();
    expect((await cli(['plan'], { SOURCE_DATABASE_URL: source.url, TARGET_DATABASE_URL: target.url })).code).toBe(2);
    expect(await cli(['plan'], {})).toMatchObject({ code: 1, stderr: expect.stringContaining('no source database: pass --source URL, set SOURCE_DATABASE_URL, or set source_url = "env:NAME" in the config') });
  });
});

describe('pg-branch-sync apply', () => {
  it('refuses destructive changes with exit 3, changing nothing, and applies them when allowed', async () => {
    const { source, target, args } = await pair('create table legacy (id int); insert into legacy values (1)');
    const before = await schemaSnapshot(target.url);
    const refused = await cli(['apply', ...args]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('refused: the plan has 1 destructive statement; nothing was applied.');
    expect(refused.stderr).toContain('DROP TABLE IF EXISTS public.legacy;');
    expect(await schemaSnapshot(target.url)).toEqual(before);

    const applied = await cli(['apply', ...args, '--allow-destructive']);
    expect(applied).toMatchObject({ code: 0, stderr: expect.stringMatching(/applied \d+ changes in one transaction; no difference is left/) });
    expect(await schemaSnapshot(target.url)).toEqual(await schemaSnapshot(source.url));
    expect((await cli(['apply', ...args])).stderr).toContain('already matches the source; nothing to do');
  });

  it('leaves the target exactly as it was when a statement fails, and shows the error psql-style', async () => {
    const { target, args } = await pair("create table users (user_id bigint, email text); insert into users (user_id) values (1)");
    const before = await schemaSnapshot(target.url);
    const result = await cli(['apply', ...args, '--allow-destructive']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/statement \d+ of \d+ failed \(column public\.users\.email\); nothing was changed\./);
    expect(result.stderr).toContain('ERROR:  column "email" of relation "users" contains null values');
    expect(await schemaSnapshot(target.url)).toEqual(before);
    expect(await target.query('select count(*)::int as n from users')).toEqual([{ n: 1 }]);
  });

  it('refuses a target that is the source, however it is spelled', async () => {
    const { source } = await pair();
    const url = new URL(source.url);
    const sameViaLocalhost = new URL(source.url);
    sameViaLocalhost.hostname = 'localhost';
    const result = await cli(['apply', '--source', url.toString(), '--target', sameViaLocalhost.toString(), '--allow-destructive']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the target is the source database');
    expect(result.stderr).not.toContain(decodeURIComponent(url.password));
  });

  it('checks its options', async () => {
    const { args } = await pair();
    expect(await cli(['apply', ...args, '--lock-timeout', 'soon'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--lock-timeout must be a duration like 10s') });
    expect(await cli(['plan', ...args, '--format', 'yaml'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--format must be "sql" or "json" or "markdown" (got "yaml")') });
    expect(await cli(['apply', ...args, '--allow-destrutive'])).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown option --allow-destrutive for "apply" (did you mean "--allow-destructive"?)') });
    expect(await cli(['aply'])).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown command "aply" (did you mean "apply"?)') });
  });
});
