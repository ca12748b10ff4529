import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import pg from 'pg';
import { memoryLogger } from '../../src/log/logger.js';
import { maskSecrets, resetSecrets } from '../../src/log/secrets.js';
import { managementApi, retryAfterMs } from '../../src/supabase/branching/api.js';
import { sessionPort, type PoolerConfig } from '../../src/supabase/branching/connect.js';
import type { Branch } from '../../src/supabase/branching/find.js';
import { resolveBranchTarget } from '../../src/supabase/branching/target.js';
import { readiness, waitForBranch, type ActionRun } from '../../src/supabase/branching/wait.js';
import { createBranchDatabase, FakeManagementApi, FlakyPooler, randomRef } from '../helpers/management-server.js';
import { adminUrl } from '../helpers/db.js';

const TOKEN = 'sbp_good_token_0123456789abcdef';
const api = new FakeManagementApi();
beforeAll(() => api.start());
afterAll(() => api.stop());
beforeEach(() => resetSecrets());

const branch = (over: Partial<Branch> = {}): Branch => ({
  id: 'b1', name: 'feature', project_ref: 'bbbbbbbbbbbbbbbbbbbb', parent_project_ref: 'pppppppppppppppppppp', is_default: false, git_branch: 'feature',
  persistent: false, status: 'RUNNING_MIGRATIONS', preview_project_status: 'ACTIVE_HEALTHY', created_at: '', updated_at: '', ...over,
});
const run = (id: string, created: string, steps: [string, string][]): ActionRun => ({
  id, branch_id: 'b1', created_at: created, updated_at: created, run_steps: steps.map(([name, status]) => ({ name, status, created_at: created, updated_at: created })),
});

describe('readiness of a Supabase branch', () => {
  it('follows the latest action run, the project status, and the deprecated status only without runs', () => {
    const done = run('run_new', '2026-12-02T10:00:00Z', [['clone', 'EXITED'], ['migrate', 'EXITED'], ['deploy', 'EXITED']]);
    const old = run('run_old', '2026-12-01T10:00:00Z', [['migrate', 'DEAD']]);
    expect(readiness(branch(), [old, done]).state).toBe('ready');
    expect(readiness(branch({ preview_project_status: 'COMING_UP' }), [done]).state).toBe('waiting');
    expect(readiness(branch(), [run('r', '2026-12-02T11:00:00Z', [['clone', 'EXITED'], ['migrate', 'RUNNING']]), done]).state).toBe('waiting');
    const failed = readiness(branch(), [done, run('run_bad', '2026-12-02T11:00:00Z', [['clone', 'EXITED'], ['migrate', 'DEAD']])]);
    expect(failed.state).toBe('failed');
    expect(failed.failure).toContain('the migrations failed on the Supabase branch "feature" (bbbbbbbbbbbbbbbbbbbb), action run run_bad (step "migrate")');
    // Edge functions failing to deploy leave the database usable.
    const functions = readiness(branch(), [run('r', '2026-12-02T11:00:00Z', [['migrate', 'EXITED'], ['deploy', 'DEAD']])]);
    expect(functions).toMatchObject({ state: 'ready', warning: expect.stringContaining('edge functions failed') });
    // Without runs: the deprecated status.
    expect(readiness(branch({ status: 'MIGRATIONS_PASSED' }), undefined).state).toBe('ready');
    expect(readiness(branch({ status: 'RUNNING_MIGRATIONS' }), undefined).state).toBe('waiting');
    expect(readiness(branch({ status: 'MIGRATIONS_FAILED' }), undefined).failure).toContain('the migrations failed');
    expect(readiness(branch({ preview_project_status: 'INACTIVE' }), [done]).failure).toContain('is INACTIVE: it is paused');
  });

  it('takes the session pooler on 5432, never the transaction pooler', () => {
    const pooler = (over: Partial<PoolerConfig>): PoolerConfig => ({ database_type: 'PRIMARY', db_user: 'postgres.x', db_host: 'aws-0-eu-west-1.pooler.supabase.com', db_port: 6543, db_name: 'postgres', pool_mode: 'transaction', ...over });
    expect(sessionPort(pooler({}))).toBe(5432);
    expect(sessionPort(pooler({ pool_mode: 'session', db_port: 6543 }))).toBe(5432);
    expect(sessionPort(pooler({ pool_mode: 'session', db_port: 5432 }))).toBe(5432);
    expect(sessionPort(pooler({ pool_mode: 'session', db_port: 15432 }))).toBe(15432);
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(null)).toBe(5000);
    expect(retryAfterMs('3600')).toBe(60_000);
  });
});

describe('finding and waiting for a branch through the Management API', () => {
  it('waits while the project comes up and the migrations run, with a progress line, honouring a 429', async () => {
    const prod = randomRef();
    const ref = randomRef();
    const { database, password } = await createBranchDatabase(ref);
    api.addBranch(prod, { gitBranch: 'feature/coupons', name: 'feature-coupons', database, ref, password, readyAfterPolls: 4 });
    api.rateLimit(new RegExp(`/v1/projects/${ref}/actions`), 1, 1);
    const logger = memoryLogger();
    const client = managementApi({ token: TOKEN, baseUrl: api.url, logger });
    const found = await waitForBranch(client, prod, 'feature/coupons', { waitMs: 20_000, logger });
    expect(found.project_ref).toBe(ref);
    const log = logger.lines.join('\n');
    expect(log).toContain('waiting for the Supabase branch of "feature/coupons": project COMING_UP');
    expect(log).toContain('migrate RUNNING');
    expect(log).toContain('rate-limiting this token (HTTP 429) while reading the action runs');
    expect(log).toMatch(/Supabase branch "feature-coupons" \([a-z]{20}\) is ready: project ACTIVE_HEALTHY, run run_\w+_latest: clone EXITED/);
    // The 429 was waited out for the second its Retry-After said.
    const calls = api.requests.filter((r) => r.path === `/v1/projects/${ref}/actions`);
    expect(calls[0]!.status).toBe(429);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('says what is wrong: the token, the project, no branch, failed migrations, the wait running out', async () => {
    const logger = memoryLogger();
    const prod = randomRef();
    api.project(prod);
    const wait = (token: string, project: string, git: string, waitMs = 1000) =>
      waitForBranch(managementApi({ token, baseUrl: api.url, logger }), project, git, { waitMs, logger }).then(() => 'ready', (e: Error) => e.message);

    const badToken = 'sbp_wrong_token_fedcba9876543210';
    const refused = await wait(badToken, prod, 'feature');
    expect(refused).toContain('refused the access token (HTTP 401');
    expect(refused).toContain('supabase-access-token (CLI: SUPABASE_ACCESS_TOKEN)');
    expect(maskSecrets(refused)).not.toContain(badToken);
    expect(refused).not.toContain(badToken);

    expect(await wait(TOKEN, randomRef(), 'feature')).toMatch(/no Supabase project [a-z]{20} for this access token \(HTTP 404\): check supabase-project-ref/);

    const none = await wait(TOKEN, prod, 'feature/none', 300);
    expect(none).toContain('no Supabase preview branch for the git branch "feature/none"');
    expect(none).toContain('is Branching enabled for it, with the GitHub integration connected to this repository');

    const ref = randomRef();
    const { database, password } = await createBranchDatabase(ref);
    api.addBranch(prod, { gitBranch: 'feature/broken', database, ref, password, readyAfterPolls: 1, failMigrations: true });
    expect(await wait(TOKEN, prod, 'feature/broken')).toContain(`the migrations failed on the Supabase branch "feature/broken" (${ref}), action run run_${ref.slice(0, 6)}_latest (step "migrate")`);
    const slow = randomRef();
    api.addBranch(prod, { gitBranch: 'feature/slow', database, ref: slow, password, readyAfterPolls: 1000, actionRuns: false });
    const timedOut = await wait(TOKEN, prod, 'feature/slow', 600);
    expect(timedOut).toContain('the Supabase branch for "feature/slow" was not ready after 600ms (project COMING_UP, status CREATING_PROJECT): raise branch-wait');
    // Found but named another way than the git branch: the other branches are listed.
    expect(await wait(TOKEN, prod, 'feature/typo', 300)).toContain('its branches are for "feature/broken", "feature/slow"');

    const narrow = 'sbp_narrow_token_00000000000000';
    api.narrowTokens.add(narrow);
    api.addBranch(prod, { gitBranch: 'feature/ok', database, ref: randomRef(), password, readyAfterPolls: 1 });
    const branchOk = await waitForBranch(managementApi({ token: narrow, baseUrl: api.url, logger }), prod, 'feature/ok', { waitMs: 1000, logger });
    // Action runs forbidden (403): the status is waited on instead.
    expect(branchOk.git_branch).toBe('feature/ok');
  });
});

describe('the action run of this push', () => {
  it('waits for a run newer than the push, rather than taking the previous push\'s', async () => {
    const prod = randomRef();
    const ref = randomRef();
    const { database, password } = await createBranchDatabase(ref);
    api.addBranch(prod, { gitBranch: 'feature/next', database, ref, password, readyAfterPolls: 1, runAfterPolls: 3 });
    const logger = memoryLogger();
    const client = managementApi({ token: TOKEN, baseUrl: api.url, logger });
    await waitForBranch(client, prod, 'feature/next', { waitMs: 5000, since: '2026-12-01T09:00:00Z', logger });
    const log = logger.lines.join('\n');
    expect(log).toContain('no action run for this push yet (the latest, run_old, is from 2026-11-30T08:00:00Z)');
    expect(log).toContain(`is ready: project ACTIVE_HEALTHY, run run_${ref.slice(0, 6)}_latest`);
    // No newer run within the time allowed: the branch as the last run left it, with a warning.
    const other = randomRef();
    api.addBranch(prod, { gitBranch: 'feature/quiet', database, ref: other, password, readyAfterPolls: 1, runAfterPolls: 1_000_000 });
    await waitForBranch(client, prod, 'feature/quiet', { waitMs: 500, since: '2026-12-01T09:00:00Z', logger });
    expect(logger.lines.join('\n')).toContain('warning: no action run for this push yet (the latest, run_old, is from 2026-11-30T08:00:00Z) after 500ms: using the branch as that run left it');
  });
});

describe('connecting to a branch', () => {
  it('uses the pooler user and the password the API gives, and retries a branch that refuses, then drops, its first connections', async () => {
    const prod = randomRef();
    const ref = randomRef();
    const { database, password } = await createBranchDatabase(ref);
    const front = await new FlakyPooler(Number(new URL(adminUrl()).port), 1).reserve();
    onTestFinished(() => front.close());
    api.addBranch(prod, { gitBranch: 'feature/x', database, ref, password, readyAfterPolls: 2, poolerPort: front.port, onPoolerRead: () => front.open(300) });
    const logger = memoryLogger();
    const target = await resolveBranchTarget({ token: TOKEN, projectRef: prod, gitBranch: 'feature/x', waitMs: 10_000, apiUrl: api.url, logger });
    expect(target).toMatchObject({ branchRef: ref, supabaseUrl: `https://${ref}.supabase.co`, anonKey: expect.stringContaining(`anon-${ref}`), serviceRoleKey: expect.stringContaining(`service-${ref}`) });
    const log = logger.lines.join('\n');
    expect(log).toContain(`the Supabase branch database (postgres.${ref}@127.0.0.1:${front.port}/${database.name}) refused the connection: retrying`);
    expect(log).toContain('dropped the connection (57P01)');
    expect(log).toContain(`connected to the Supabase branch database postgres.${ref}@127.0.0.1:${front.port}/${database.name} (after 3 attempts)`);
    expect(front.terminated).toBe(1);
    // The URL is the pooler's, as postgres.<ref> with the API's password: the server checks it.
    const url = new URL(target.targetUrl);
    expect([decodeURIComponent(url.username), url.port, url.searchParams.get('sslmode')]).toEqual([`postgres.${ref}`, String(front.port), 'prefer']);
    const client = new pg.Client({ host: '127.0.0.1', port: front.port, user: `postgres.${ref}`, password, database: database.name });
    await client.connect();
    expect((await client.query('select current_user as u')).rows[0].u).toBe(`postgres.${ref}`);
    await client.end();
    // Nothing secret in the log: the password, the keys, the token.
    for (const secret of [password, target.anonKey!, target.serviceRoleKey!, TOKEN]) {
      expect(log).not.toContain(secret);
      expect(maskSecrets(`x ${secret} y`)).toBe('x *** y');
    }
  });
});
