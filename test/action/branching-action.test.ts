import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runAction } from '../helpers/action.js';
import { createTestDatabase } from '../helpers/db.js';
import { createBranchDatabase, FakeManagementApi, randomRef } from '../helpers/management-server.js';
import { makeRepo } from '../helpers/repo.js';
import { exampleStep } from '../lifecycle/readme.js';
import { tempDir } from '../helpers/tmp.js';

const TOKEN = 'sbp_good_token_0123456789abcdef';
const SEED_PASSWORD = 'Seed-Pa55-word!';
const api = new FakeManagementApi();
beforeAll(() => api.start());
afterAll(() => api.stop());

function pullRequestEvent(headRepo = 'acme/app'): string {
  const file = path.join(tempDir('event'), 'event.json');
  writeFileSync(file, JSON.stringify({
    action: 'synchronize', number: 7,
    pull_request: { number: 7, updated_at: '2026-12-01T09:00:00Z', head: { ref: 'feature/coupons', repo: { full_name: headRepo } }, base: { ref: 'main', repo: { full_name: 'acme/app' } } },
    repository: { full_name: 'acme/app' },
  }));
  return file;
}

const LEDGER = 'create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key, name text);';
const INIT = 'create table public.orders (order_no int primary key, total numeric not null);';
const COUPONS = "create table public.coupons (code text primary key, percent int not null check (percent between 1 and 100));\ninsert into public.coupons values ('WELCOME', 10);\n";

async function asRole(url: string, sql: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the action on a Supabase preview branch', () => {
  it('has workflows in the README and the example that say when they run', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    for (const snippet of snippets) expect(snippet).toMatch(/^on:\n {2}pull_request:/m);
    expect(readFileSync(new URL('../../examples/supabase-branching.yml', import.meta.url), 'utf8')).toMatch(/^on:\n {2}pull_request:/m);
  });

  it('finds the pull request\'s branch, waits for it, brings production\'s dashboard changes in, keeps the pull request\'s migrations, and seeds with the branch\'s keys', async () => {
    const production = await createTestDatabase('prod');
    const prodRef = randomRef();
    const ref = randomRef();
    const branch = await createBranchDatabase(ref);
    // Production: the init migration, then changes made in the dashboard that no migration records.
    await production.exec(`${LEDGER}${INIT} insert into supabase_migrations.schema_migrations values ('20260101000000', 'init');
      alter table public.orders add column note text; create index orders_total_idx on public.orders (total);`);
    // The branch as Supabase left it: every migration of the pull request run, and its own ledger saying so.
    await asRole(branch.url, `${LEDGER}${INIT}${COUPONS} insert into supabase_migrations.schema_migrations values ('20260101000000', 'init'), ('20261201093000', 'coupons');`);
    const fake = api.addBranch(prodRef, { gitBranch: 'feature/coupons', name: 'feature-coupons', database: branch.database, ref, password: branch.password, readyAfterPolls: 3 });

    const { FakeSupabase } = await import('../helpers/supabase-server.js');
    const auth = await new FakeSupabase({ serviceRoleKey: fake.serviceRoleKey, anonKey: fake.anonKey, databaseUrl: branch.database.url }).start();
    onTestFinished(() => auth.stop());
    const repo = makeRepo({
      'supabase/migrations/20260101000000_init.sql': INIT,
      'supabase/migrations/20261201093000_coupons.sql': COUPONS,
      'pg-branch-sync.toml': '[[seed.users]]\nemail = "qa@example.com"\npassword = "env:SEED_PASSWORD"\n',
    });
    const inputs = {
      'source-url': production.url, 'supabase-access-token': TOKEN, 'supabase-project-ref': prodRef, 'branch-wait': '30s',
      // The project URL would be https://<ref>.supabase.co; the Auth stand-in plays it here.
      'supabase-url': auth.url, comment: 'false',
    };
    const env = { SUPABASE_API_URL: api.url, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(), SEED_PASSWORD };
    // The example workflow's step gives exactly these inputs (but the two the stand-ins need).
    expect(exampleStep('examples/supabase-branching.yml').inputs).toEqual(Object.keys(inputs).filter((k) => k !== 'supabase-url' && k !== 'comment'));

    const run = await runAction(inputs, env, repo);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'applied', 'branch-ref': ref, 'pending-migrations': '1', 'failed-checks': '0' });
    expect(run.stdout).toContain('waiting for the Supabase branch of "feature/coupons": project COMING_UP');
    expect(run.stdout).toContain(`Supabase branch "feature-coupons" (${ref}) is ready`);
    // Production's dashboard changes came in; the pull request's table and its row stayed, once.
    const rows = await branch.database.query<{ col: string | null; idx: string | null }>(
      "select (select attname from pg_attribute where attrelid = 'public.orders'::regclass and attname = 'note') as col, to_regclass('public.orders_total_idx')::text as idx",
    );
    expect(rows).toEqual([{ col: 'note', idx: 'orders_total_idx' }]);
    expect(await branch.database.query('select code, percent from public.coupons')).toEqual([{ code: 'WELCOME', percent: 10 }]);
    // The seed user went through the branch's Auth with the service role key the API gave.
    expect(run.summary).toContain('| qa@example.com | ✅ created |');
    expect(run.summary).toMatch(/\| Seed user signs in \| ✅ pass/);
    // The report says which branch it describes.
    expect(run.summary).toContain(`Supabase branch feature-coupons (${ref})`);
    for (const secret of [TOKEN, branch.password, fake.anonKey, fake.serviceRoleKey, SEED_PASSWORD]) expect(run.everything).not.toContain(secret);
    for (const value of Object.values(run.outputs)) expect(value).not.toContain(branch.password);

    // Once more: nothing new in production or in the pull request, nothing to change.
    const again = await runAction(inputs, env, repo);
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ status: 'no-changes', 'branch-ref': ref });
    expect(await branch.database.query('select count(*)::int as n from public.coupons')).toEqual([{ n: 1 }]);
  });

  it('skips a fork\'s pull request, which gets no secrets, with a warning; and names a refused token without showing it', async () => {
    const fork = await runAction({ 'supabase-project-ref': randomRef(), comment: 'false' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent('mallory/app') });
    expect(fork.code).toBe(0);
    expect(fork.outputs.status).toBe('skipped');
    expect(fork.stdout).toContain('::warning::this pull request comes from a fork, whose workflows get no secrets');

    const production = await createTestDatabase('prod');
    const prodRef = randomRef();
    api.project(prodRef);
    const badToken = 'sbp_not_a_real_token_000000000000';
    const refused = await runAction(
      { 'source-url': production.url, 'supabase-access-token': badToken, 'supabase-project-ref': prodRef, comment: 'false' },
      { SUPABASE_API_URL: api.url, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent() },
    );
    expect(refused.code).toBe(1);
    expect(refused.outputs.status).toBe('failed');
    expect(refused.stdout).toContain('refused the access token (HTTP 401');
    expect(refused.everything).not.toContain(badToken);
    expect(refused.outputs['branch-ref']).toBeUndefined();
  });
});
