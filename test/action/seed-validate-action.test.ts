import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runAction } from '../helpers/action.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeRepo } from '../helpers/repo.js';

const SERVICE_KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-secret.sig';
const ANON_KEY = 'eyJhbGciOiJIUzI1NiJ9.anon-secret.sig';
const SEED_PASSWORD = 'Seed-Pa55-word!';

describe('the action with seeding and validation', () => {
  it('seeds, validates through the Supabase APIs, reports checks and fails on a broken seed with an annotation on its line', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec('create table public.teams (team_key text primary key, name text not null);');
    const repo = makeRepo({
      'pg-branch-sync.toml': [
        '[[seed.users]]', 'email = "qa@example.com"', 'password = "env:SEED_QA_PASSWORD"',
        '[validate]', 'required_tables = ["public.teams"]',
        '[[validate.assert]]', 'name = "teams seeded"', 'sql = "select count(*) from public.teams"', 'expect = ">= 2"',
      ].join('\n'),
      'supabase/config.toml': '[db.seed]\nsql_paths = ["./seeds/*.sql"]\n',
      'supabase/seeds/teams.sql': "insert into public.teams values ('red', 'Red'), ('blue', 'Blue') on conflict do nothing;\n",
    });
    const { FakeSupabase } = await import('../helpers/supabase-server.js');
    const supabase = await new FakeSupabase({ serviceRoleKey: SERVICE_KEY, anonKey: ANON_KEY, databaseUrl: target.url }).start();
    onTestFinished(() => supabase.stop());
    const inputs = {
      'source-url': source.url, 'target-url': target.url, 'target-name': 'testing', config: path.join(repo, 'pg-branch-sync.toml'),
      'supabase-url': supabase.url, 'supabase-service-role-key': SERVICE_KEY, 'supabase-anon-key': ANON_KEY, comment: 'false',
    };
    const env = { SEED_QA_PASSWORD: SEED_PASSWORD };

    const run = await runAction(inputs, env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'applied', 'failed-checks': '0' });
    expect(run.summary).toContain('| qa@example.com | ✅ created |');
    expect(run.summary).toContain('| teams seeded | ✅ pass | 2 >= 2 |');
    expect(run.summary).toContain('| REST API: public.teams | ✅ pass | 2 row(s) through the REST API (service role key) |');
    expect(run.summary).toMatch(/\| Seed user signs in \| ✅ pass \| qa@example\.com signed in/);
    for (const secret of [SERVICE_KEY, ANON_KEY, SEED_PASSWORD]) expect(run.everything).not.toContain(secret);

    // Validation off, and a seed file broken on line 2: the step fails with an annotation there; the file is rolled back.
    const { writeFileSync } = await import('node:fs');
    const broken = path.join(repo, 'supabase/seeds/zz-broken.sql');
    writeFileSync(broken, "insert into public.teams values ('green', 'Green');\ninsert into public.teams (team_key) values ('grey');\n");
    const failed = await runAction({ ...inputs, validate: 'false' }, env);
    expect(failed.code).toBe(1);
    expect(failed.outputs.status).toBe('failed');
    expect(failed.stdout).toContain(`::error title=seed file failed,file=${broken},line=2,col=1::ERROR:  null value in column "name"`);
    expect(failed.stdout.match(/^::error/gm)).toHaveLength(1);
    expect(failed.summary).toMatch(/\| Seed \| ❌ failed/);
    expect(failed.summary).toMatch(/> \*\*❌ The seed failed\*\* at `[^`]*zz-broken\.sql:2`: nothing was applied, the target is as it was\./);
    expect(failed.summary).toContain('| Validate | ⏭️ not run: the seed phase failed |   |');
    expect(await target.query("select count(*)::int as n from public.teams where team_key in ('green', 'grey')")).toEqual([{ n: 0 }]);

    // A failing check fails the step and says which.
    await target.exec("delete from public.teams where team_key = 'blue'");
    writeFileSync(broken, 'select 1;\n');
    const checkFailed = await runAction({ ...inputs, seed: 'false' }, env);
    expect(checkFailed.code).toBe(1);
    expect(checkFailed.outputs).toMatchObject({ status: 'failed', 'failed-checks': '1' });
    expect(checkFailed.summary).toMatch(/### ❌ `testing`: 1 of \d+ checks failed/);
    expect(checkFailed.summary).toContain('> **❌ 1 check failed:** teams seeded.');
    expect(checkFailed.stdout).toContain('::error::1 validation check(s) failed: teams seeded');
  });
});
