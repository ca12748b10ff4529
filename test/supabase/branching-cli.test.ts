import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/db.js';
import { createBranchDatabase, FakeManagementApi, randomRef } from '../helpers/management-server.js';

const TOKEN = 'sbp_good_token_0123456789abcdef';
const api = new FakeManagementApi();
beforeAll(() => api.start());
afterAll(() => api.stop());

describe('the CLI on a Supabase preview branch', () => {
  it('plans and applies against the branch named by --supabase-branch, the token only from SUPABASE_ACCESS_TOKEN', async () => {
    const production = await createTestDatabase('prod');
    await production.exec('create table public.plans (plan_key text primary key, price numeric not null)');
    const prodRef = randomRef();
    const ref = randomRef();
    const branch = await createBranchDatabase(ref);
    // Only the status tells readiness here (no action runs).
    api.addBranch(prodRef, { gitBranch: 'feature/plans', database: branch.database, ref, password: branch.password, readyAfterPolls: 2, actionRuns: false });
    const env = { SOURCE_DATABASE_URL: production.url, SUPABASE_ACCESS_TOKEN: TOKEN, SUPABASE_API_URL: api.url };
    const args = ['--supabase-project-ref', prodRef, '--supabase-branch', 'feature/plans', '--branch-wait', '20s', '--no-migrations'];

    const planned = await cli(['plan', ...args], env);
    expect(planned.stderr).toContain(`Supabase branch "feature/plans" (${ref}) is ready: project ACTIVE_HEALTHY, status FUNCTIONS_DEPLOYED`);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('CREATE TABLE public.plans');
    const applied = await cli(['apply', ...args], env);
    expect(applied.code).toBe(0);
    expect(await branch.database.query("select to_regclass('public.plans')::text as t")).toEqual([{ t: 'plans' }]);
    for (const text of [planned.stderr, planned.stdout, applied.stderr, applied.stdout]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(branch.password);
    }

    // The ref without the token: the usage error says why no branch was looked for.
    const noToken = await cli(['plan', '--supabase-project-ref', prodRef], { SOURCE_DATABASE_URL: production.url });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('finds a Supabase preview branch only with SUPABASE_ACCESS_TOKEN set');
    const badWait = await cli(['plan', ...args.slice(0, 4), '--branch-wait', '10'], env);
    expect(badWait.stderr).toContain('--branch-wait must be a duration like 10m, 90s or 1h (got "10")');
  });
});
