import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeRepo } from '../helpers/repo.js';

const SCHEMA = `
  create table public.plans (plan_key text primary key, price int not null);
  create table public.accounts (account_id int generated always as identity primary key, plan_key text references public.plans, email text unique);`;

const CONFIG = `
[seed]
paths = ["supabase/seeds/*.sql"]
reset = ["public.accounts", "public.plans"]

[[seed.users]]
email = "admin@example.com"
password = "env:PGBS_SEED_ADMIN_PASSWORD"
metadata = { role = "admin" }

[validate]
required_tables = ["public.plans", "public.accounts"]
required_columns = { "public.accounts" = ["email"] }

[[validate.assert]]
name = "two plans"
sql = "select count(*) from public.plans"
expect = 2

[[validate.assert]]
name = "an admin account"
sql = "select exists (select 1 from public.accounts where email = 'admin@example.com')"
`;

describe('pg-branch-sync seed, validate, and run with both', () => {
  async function setup() {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec(SCHEMA);
    const repo = makeRepo({
      'pg-branch-sync.toml': CONFIG,
      'supabase/seeds/01-plans.sql': "insert into public.plans values ('free', 0), ('pro', 20);\n",
      'supabase/seeds/02-accounts.sql': "insert into public.accounts (plan_key, email) values ('pro', 'admin@example.com');\n",
    });
    const { FakeSupabase } = await import('../helpers/supabase-server.js');
    const supabase = await new FakeSupabase({ serviceRoleKey: 'service-key-123', anonKey: 'anon-key-456', databaseUrl: target.url }).start();
    onTestFinished(() => supabase.stop());
    const env = {
      SOURCE_DATABASE_URL: source.url, TARGET_DATABASE_URL: target.url, SUPABASE_URL: supabase.url,
      SUPABASE_SERVICE_ROLE_KEY: 'service-key-123', SUPABASE_ANON_KEY: 'anon-key-456', PGBS_SEED_ADMIN_PASSWORD: 'admin-pass-1',
    };
    return { source, target, repo, supabase, env, config: ['--config', path.join(repo, 'pg-branch-sync.toml')] };
  }

  it('run syncs, seeds and validates, reports every check, and a rerun ends in the same state', async () => {
    const { target, supabase, env, config } = await setup();
    const first = await cli(['run', ...config, '--format', 'markdown'], env);
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('### 🔄 `preview` synced with production: 6 changes applied');
    expect(first.stdout).toContain('Emptied first (RESTART IDENTITY): `public.accounts`, `public.plans`');
    expect(first.stdout).toMatch(/\| `[^`]*supabase\/seeds\/01-plans\.sql` \| ✅ applied \| 1 \| \d+ ms \|/);
    expect(first.stdout).toContain('| admin@example.com | ✅ created |');
    expect(first.stdout).toContain('<summary><b>Validation:</b> all 8 checks passed, 1 skipped</summary>');
    for (const check of ['Schema matches production', 'Required tables', 'two plans', 'an admin account', 'Seed users exist and are confirmed', 'REST API: public.plans', 'REST API: public.accounts', 'Seed user signs in']) {
      expect(first.stdout).toMatch(new RegExp(`\\| ${check} \\| ✅ pass \\|`));
    }
    // The API saw the new tables at once: the apply told it to reload its schema cache.
    expect(first.stdout).toContain('| REST API: public.plans | ✅ pass | 2 row(s) through the REST API (service role key) |');
    const rowsAfter = async () => ({ plans: await target.query('select * from plans order by 1'), accounts: await target.query('select * from accounts') });
    const once = await rowsAfter();
    expect(once.accounts).toEqual([{ account_id: 1, plan_key: 'pro', email: 'admin@example.com' }]);

    const second = await cli(['run', ...config, '--format', 'markdown'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('### ✅ `preview` is in sync with production');
    expect(second.stdout).toContain('| admin@example.com | ✅ updated |');
    expect(await rowsAfter()).toEqual(once);
    expect(supabase.users).toHaveLength(1);
    for (const out of [first, second]) {
      for (const secret of ['service-key-123', 'anon-key-456', 'admin-pass-1']) expect(out.stdout + out.stderr).not.toContain(secret);
    }
  });

  it('seed and validate work alone: exit codes 0, 1 and 4, files given with --file, no source needed', async () => {
    const { target, repo, env, config } = await setup();
    await target.exec(SCHEMA);
    const { SOURCE_DATABASE_URL: _unused, ...targetOnly } = env;
    const seeded = await cli(['seed', ...config, '--format', 'markdown'], targetOnly);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('### 🌱 `preview` seeded');
    expect(seeded.stdout).toContain('| admin@example.com | ✅ created |');

    const validated = await cli(['validate', ...config, '--format', 'markdown'], targetOnly);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('| Schema matches production | ⏭️ skipped | no source database given |');
    expect(validated.stdout).toContain('### ✅ `preview`: all 7 checks passed');
    expect(validated.stdout).toContain('pg-branch-sync 0.1.0 · validate only');

    const json = JSON.parse((await cli(['validate', ...config, '--format', 'json'], targetOnly)).stdout) as { status: string; steps: string[]; validation: { checks: { name: string; status: string }[] } };
    expect(json).toMatchObject({ status: 'no-changes', steps: ['validate'] });
    expect(json.validation.checks.find((c) => c.name === 'Schema matches production')?.status).toBe('skip');

    await target.exec("insert into public.plans values ('team', 50)");
    const failing = await cli(['validate', ...config, '--format', 'markdown'], env);
    expect(failing.code).toBe(4);
    expect(failing.stdout).toMatch(/### ❌ `preview`: 1 of \d+ checks failed/);
    expect(failing.stdout).toContain('| two plans | ❌ fail | returned 3; expected = 2<br>SQL: select count(\\*) from public.plans |');

    const broken = path.join(repo, 'broken.sql');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(broken, "insert into public.plans values ('y', 0);\ninsert into public.plans values ('x', 'not a number');\n");
    const bad = await cli(['seed', '--file', broken, '--target', target.url]);
    expect(bad.code).toBe(1);
    // On a terminal: what failed and where, the error wrapped, the statement's line as it was.
    expect(bad.stdout).toMatch(/^❌ preview: the seed failed/);
    expect(bad.stdout).toContain(`│ ❌ The seed failed at ${broken}:2`);
    expect(bad.stdout).toContain(`│ ${broken}:2:39: ERROR:  invalid input syntax for type integer: "not a number"\n`);
    expect(bad.stdout).toContain("│     LINE 2: insert into public.plans values ('x', 'not a number');");
    expect(bad.stdout).not.toMatch(/###|<sub>|<details>|\*\*/);
    expect(await target.query("select count(*)::int as n from public.plans where plan_key in ('x', 'y')")).toEqual([{ n: 0 }]);
  });
});
