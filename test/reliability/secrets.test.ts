import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runAction } from '../helpers/action.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { FakeGitHub } from '../helpers/github-server.js';
import { makeRepo } from '../helpers/repo.js';

const DB_PASSWORD = 'Pr0d-p@ss#word!';
const SERVICE_KEY = 'sb_secret_service_role_4f2a9c';
const ANON_KEY = 'sb_publishable_anon_77d1e0';
const SEED_PASSWORD = 'seed-user-pa55';
const TOKEN = 'ghp_user_token';

async function withPassword(db: TestDatabase): Promise<string> {
  const role = `sec_${Math.random().toString(36).slice(2, 8)}`;
  await db.exec(`create role ${role} login superuser password '${DB_PASSWORD}'`);
  const u = new URL(db.url);
  u.username = role;
  u.password = encodeURIComponent(DB_PASSWORD);
  return u.toString();
}

const SECRETS = [DB_PASSWORD, encodeURIComponent(DB_PASSWORD), SERVICE_KEY, ANON_KEY, SEED_PASSWORD, TOKEN];

describe('secrets never reach an output', () => {
  it('not in stdout, stderr, the summary, the outputs, the report or the comment — also in driver and HTTP-client errors', async () => {
    const source = await createTestDatabase('src');
    const target = await createTestDatabase('tgt');
    await source.exec('create table public.t (a int primary key)');
    const sourceUrl = await withPassword(source);
    const targetUrl = await withPassword(target);
    const github = await new FakeGitHub().start();
    onTestFinished(() => github.stop());
    const { FakeSupabase } = await import('../helpers/supabase-server.js');
    const supabase = await new FakeSupabase({ serviceRoleKey: SERVICE_KEY, anonKey: ANON_KEY, databaseUrl: target.url }).start();
    onTestFinished(() => supabase.stop());
    const repo = makeRepo({
      'pg-branch-sync.toml': '[[seed.users]]\nemail = "qa@example.com"\npassword = "env:SEED_PASSWORD"\n[validate]\nrequired_tables = ["public.t"]\n',
    });
    const eventFile = path.join(repo, 'event.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(eventFile, JSON.stringify({
      action: 'synchronize', number: 7, repository: { full_name: 'acme/app' },
      pull_request: { number: 7, head: { ref: 'feature', repo: { full_name: 'acme/app' } }, base: { ref: 'main', repo: { full_name: 'acme/app' } } },
    }));
    const env = {
      SEED_PASSWORD, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/app',
    };
    const inputs = {
      'source-url': sourceUrl, 'target-url': targetUrl, config: path.join(repo, 'pg-branch-sync.toml'), 'github-token': TOKEN,
      'supabase-url': supabase.url, 'supabase-service-role-key': SERVICE_KEY, 'supabase-anon-key': ANON_KEY,
    };
    const runs = {
      ok: await runAction(inputs, env),
      // The driver's error for a wrong password.
      wrongPassword: await runAction({ ...inputs, 'target-url': targetUrl.replace(encodeURIComponent(DB_PASSWORD), encodeURIComponent(`${DB_PASSWORD}x`)) }, env),
      // Supabase refusing the key: the HTTP client's error.
      refusedKey: await runAction({ ...inputs, 'supabase-service-role-key': `${SERVICE_KEY}-old` }, env),
      // Supabase unreachable: fetch's own error.
      unreachable: await runAction({ ...inputs, 'supabase-url': 'http://127.0.0.1:9' }, env),
    };
    expect(runs.ok.outputs.status).toBe('applied');
    expect(runs.ok.outputs['comment-url']).toBeTruthy();
    expect(runs.wrongPassword.everything).toContain('password authentication failed');
    expect(runs.refusedKey.everything).toMatch(/HTTP 401/);
    expect(runs.unreachable.everything).toMatch(/failed/);
    const comments = (github.comments.get(7) ?? []).map((c) => c.body).join('\n');
    for (const [name, run] of Object.entries(runs)) {
      for (const secret of [...SECRETS, `${SERVICE_KEY}-old`, `${DB_PASSWORD}x`]) {
        expect(run.everything.includes(secret), `${name} shows ${secret}`).toBe(false);
      }
    }
    for (const secret of SECRETS) expect(comments.includes(secret), `the comment shows ${secret}`).toBe(false);
  });
});
