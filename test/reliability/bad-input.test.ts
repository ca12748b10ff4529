import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { makeRepo } from '../helpers/repo.js';
import { schemaSnapshot } from '../helpers/snapshot.js';

let source: TestDatabase;
let target: TestDatabase;

beforeAll(async () => {
  source = await createTestDatabase('src');
  target = await createTestDatabase('tgt');
  await source.exec('create table public.countries (code text primary key, name text); insert into countries values (\'NL\', \'Netherlands\');');
  await target.exec('create table public.countries (code text primary key, name text); create table public.mine (x int);');
  return async () => {
    await source.drop();
    await target.drop();
  };
});

const url = (db: TestDatabase, change: (u: URL) => void) => {
  const u = new URL(db.url);
  change(u);
  return u.toString();
};

interface Case {
  name: string;
  args: () => string[];
  /** What the message must say: what is wrong and what to do. */
  says: RegExp;
}

function config(text: string, files: Record<string, string> = {}): string {
  const root = makeRepo({ 'pg-branch-sync.toml': text, ...files });
  return path.join(root, 'pg-branch-sync.toml');
}

const CASES: Case[] = [
  { name: 'a URL that is not one', args: () => ['plan', '--source', 'postgres//nope', '--target', target.url], says: /source URL is not valid/ },
  { name: 'a password with an unencoded #', args: () => ['plan', '--source', 'postgresql://u:pa#ss@h/db', '--target', target.url], says: /percent-encode special characters of the password \(# is %23/ },
  { name: 'a wrong password', args: () => ['plan', '--source', url(source, (u) => { u.password = 'wrong'; }), '--target', target.url], says: /password authentication failed|password/ },
  { name: 'an unknown host', args: () => ['plan', '--source', url(source, (u) => { u.hostname = 'no-such-host.invalid'; }), '--target', target.url], says: /host name "no-such-host\.invalid" could not be resolved: check the host in the URL/ },
  { name: 'a database that does not exist', args: () => ['plan', '--source', url(source, (u) => { u.pathname = '/no_such_db'; }), '--target', target.url], says: /no_such_db/ },
  { name: 'TLS required by the URL, refused by the server', args: () => ['plan', '--source', `${source.url}?sslmode=require`, '--target', target.url], says: /the server does not accept TLS, but sslmode=require requires it: use sslmode=prefer/ },
  { name: "Supabase's transaction pooler", args: () => ['apply', '--source', source.url, '--target', 'postgresql://postgres.ref:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres'], says: /transaction pooler, which cannot hold a session: use the session pooler/ },
  { name: 'source and target the same database, spelled differently', args: () => ['apply', '--source', source.url, '--target', source.url.replace('127.0.0.1', 'localhost')], says: /the target is the source database/ },
  { name: 'invalid TOML', args: () => ['apply', '--config', config('[seed\npaths = 1')], says: /pg-branch-sync\.toml:1: invalid TOML/ },
  { name: 'an unknown config key', args: () => ['apply', '--config', config('[schema]\nschemaz = ["public"]')], says: /unknown key schema\.schemaz \(did you mean "schemas"\?\)/ },
  { name: 'a seed file with a syntax error', args: () => ['seed', '--target', target.url, '--file', makeRepo({ 'bad.sql': 'insert into countries values (1,\nselect;' }) + '/bad.sql'], says: /bad\.sql:2:1: ERROR: {2}syntax error at or near "select"/ },
  { name: 'a masking rule for a missing column', args: () => ['data', '--source', source.url, '--target', target.url, '--config', config('[data]\ntables = ["public.countries"]\n[data.mask."public.countries"]\nnmae = "name"')], says: /nmae.*did you mean "name"/ },
  { name: 'a table pattern matching nothing', args: () => ['data', '--source', source.url, '--target', target.url, '--table', 'public.countrys*'], says: /"public\.countrys\*" matches no table on the source/ },
  { name: 'a closed port', args: () => ['plan', '--source', url(source, (u) => { u.port = '9'; }), '--target', target.url], says: /could not connect to the source database/ },
  { name: 'an unknown command', args: () => ['aply'], says: /unknown command "aply" \(did you mean "apply"\?\)/ },
  { name: 'an unknown option', args: () => ['apply', '--alow-destructive'], says: /unknown option --alow-destructive for "apply" \(did you mean "--allow-destructive"\?\)/ },
  { name: 'a bad option value', args: () => ['run', '--mode', 'aply', '--source', source.url, '--target', target.url], says: /--mode must be "apply" or "plan" \(got "aply"\)/ },
  { name: 'a bad duration', args: () => ['apply', '--lock-timeout', 'soon', '--source', source.url, '--target', target.url], says: /--lock-timeout must be a duration like 10s/ },
  { name: 'a duration without a unit', args: () => ['apply', '--lock-timeout', '10', '--source', source.url, '--target', target.url], says: /--lock-timeout must be a duration like 10s, 500ms or 2min \(got "10"\) — a number needs a unit: "10s" for seconds, "10ms" for milliseconds/ },
  { name: 'no target at all', args: () => ['apply', '--source', source.url], says: /no target database: pass --target URL, set TARGET_DATABASE_URL/ },
];

describe('bad input: a clear error that says what to fix, no stack trace, nothing changed', () => {
  it.each(CASES.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const before = await schemaSnapshot(target.url);
    const rowsBefore = await target.query('select * from countries');
    const result = await cli(c.args());
    const said = result.stdout + result.stderr;
    expect(result.code).toBe(1);
    expect(said).toMatch(c.says);
    expect(said).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)|node:internal/);
    expect(said).not.toMatch(/wrong@|pa#ss/);
    expect(await schemaSnapshot(target.url)).toEqual(before);
    expect(await target.query('select * from countries')).toEqual(rowsBefore);
  });
});
