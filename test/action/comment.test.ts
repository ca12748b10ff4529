import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, commentMarker, fitComment } from '../../src/report/github/comment.js';
import { GitHubError, githubApi } from '../../src/report/github/api.js';
import type { Budget } from '../../src/report/blocks.js';
import { runAction } from '../helpers/action.js';
import { createTestDatabase } from '../helpers/db.js';
import { FakeGitHub } from '../helpers/github-server.js';
import { tempDir } from '../helpers/tmp.js';

const github = new FakeGitHub();
beforeAll(() => github.start());
afterAll(() => github.stop());

function pullRequestEvent(number: number, headRepo = 'acme/app', headSha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'): string {
  const file = path.join(tempDir('event'), 'event.json');
  writeFileSync(file, JSON.stringify({
    action: 'synchronize', number,
    pull_request: { number, head: { ref: 'feature', sha: headSha, repo: { full_name: headRepo } }, base: { ref: 'main', repo: { full_name: 'acme/app' } } },
    repository: { full_name: 'acme/app' },
  }));
  return file;
}

async function databases() {
  const source = await createTestDatabase('src');
  const target = await createTestDatabase('tgt');
  await source.exec('create table invoice (invoice_no int primary key, total numeric not null)');
  return { 'source-url': source.url, 'target-url': target.url };
}

const env = (extra: NodeJS.ProcessEnv) => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '4242', GITHUB_SERVER_URL: 'https://github.com', ...extra });

describe('the pull-request comment', () => {
  it('is created once, found again across pages of other comments, and updated in place on every run, saying which commit it checked', async () => {
    const pr = 7;
    github.seed(pr, 230);
    // Someone else quoting our marker must not be mistaken for ours.
    github.comments.get(pr)!.push({ id: 1, body: `${commentMarker('preview')}\nfake`, user: { login: 'mallory', type: 'User' }, html_url: 'x' });
    const dbs = await databases();
    const event = env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(pr), 'INPUT_GITHUB-TOKEN': 'ghs_app_token' });

    const first = await runAction(dbs, event);
    expect(first.code).toBe(0);
    const ours = github.comments.get(pr)!.filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(first.outputs['comment-url']).toBe(ours[0]!.html_url);
    expect(ours[0]!.body.startsWith(`${commentMarker('preview')}\n### 🔄 \`preview\` synced with production: 2 changes applied — <sub>checked at [\`a1b2c3d\`](https://github.com/acme/app/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678) · `)).toBe(true);
    expect(ours[0]!.body).toContain('<details><summary>SQL · 2 statements</summary>');
    expect(ours[0]!.body).toContain('[workflow run](https://github.com/acme/app/actions/runs/4242)');
    expect(github.requests.filter((r) => r.startsWith('GET /repos/acme/app/issues/7/comments'))).toHaveLength(3);
    expect(first.everything).not.toContain('ghs_app_token');

    const second = await runAction(dbs, event);
    expect(second.outputs.status).toBe('no-changes');
    const after = github.comments.get(pr)!.filter((c) => c.user.login === 'github-actions[bot]');
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(ours[0]!.id);
    expect(after[0]!.body).toContain('### ✅ `preview` is in sync with production');
    expect(github.comments.get(pr)!.find((c) => c.id === 1)!.body).toContain('fake');

    // The same outcome for a new push: the same comment, now saying it checked the new commit.
    const patches = () => github.requests.filter((r) => r.startsWith('PATCH')).length;
    const before = patches();
    const pushed = { ...event, GITHUB_EVENT_PATH: pullRequestEvent(pr, 'acme/app', 'ffee0011223344556677889900aabbccddeeff00') };
    const third = await runAction(dbs, pushed);
    expect(third.stdout).toContain('Pull-request comment updated');
    expect(patches()).toBe(before + 1);
    const last = github.comments.get(pr)!.filter((c) => c.user.login === 'github-actions[bot]');
    expect(last.map((c) => c.id)).toEqual([ours[0]!.id]);
    expect(last[0]!.body).toContain('checked at [`ffee001`](https://github.com/acme/app/commit/ffee0011223344556677889900aabbccddeeff00)');
    const strip = (body: string) => body.replace(/<sub>checked at .*?<\/sub>/, '').replace(/\d+(?:\.\d+)? m?s\b/g, '…');
    expect(strip(last[0]!.body)).toBe(strip(after[0]!.body));
  });

  it('keeps one comment per target', async () => {
    const pr = 8;
    const dbs = await databases();
    const event = env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(pr), 'INPUT_GITHUB-TOKEN': 'ghs_app_token' });
    await runAction({ ...dbs, 'target-name': 'preview' }, event);
    await runAction({ ...dbs, 'target-name': 'testing' }, event);
    const bodies = github.comments.get(pr)!.map((c) => c.body.split('\n')[0]);
    expect(bodies.sort()).toEqual([commentMarker('preview'), commentMarker('testing')]);
  });

  it('finds the pull request of a pushed branch, and skips a push without one', async () => {
    github.pulls.push({ number: 9, branch: 'feature/x' });
    const dbs = await databases();
    const push = await runAction(dbs, env({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/feature/x', 'INPUT_GITHUB-TOKEN': 'ghp_user_token' }));
    expect(push.code).toBe(0);
    expect(github.comments.get(9)!.map((c) => c.user.login)).toEqual(['octocat']);
    const lonely = await runAction(dbs, env({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/no-pr', 'INPUT_GITHUB-TOKEN': 'ghp_user_token' }));
    expect(lonely.code).toBe(0);
    expect(lonely.stdout).toContain('No pull-request comment: no open pull request for no-pr.');
    expect(lonely.outputs['comment-url']).toBeUndefined();
  });

  it('warns, without failing the run, for a bad token, a token without pull-requests: write, and a fork', async () => {
    const dbs = await databases();
    const bad = await runAction(dbs, env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(10), 'INPUT_GITHUB-TOKEN': 'ghs_wrong' }));
    expect(bad.code).toBe(0);
    expect(bad.outputs.status).toBe('applied');
    expect(bad.stdout).toContain('::warning::no pull-request comment: github-token was refused (GitHub answered 401');
    expect(bad.everything).not.toContain('ghs_wrong');

    const readonly = await runAction(dbs, env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(11), 'INPUT_GITHUB-TOKEN': 'ghs_readonly_token' }));
    expect(readonly.code).toBe(0);
    expect(readonly.stdout).toContain('the token may not comment on pull requests');
    expect(readonly.stdout).toContain('pull-requests: write');

    const fork = await runAction(dbs, env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(12, 'stranger/app'), 'INPUT_GITHUB-TOKEN': 'ghs_app_token' }));
    expect(fork.code).toBe(0);
    expect(fork.stdout).toContain('comes from a fork');
    expect(fork.stdout).toContain('pull-requests: write');
    expect(github.comments.get(12)).toBeUndefined();
  });

  it('surfaces GitHub\'s 422 for a body over the limit', async () => {
    const api = githubApi({ token: 'ghs_app_token', repository: 'acme/app', apiUrl: github.url });
    const error = await api.createComment(13, 'x'.repeat(COMMENT_LIMIT + 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ status: 422, message: expect.stringContaining('GitHub answered 422 to POST /repos/acme/app/issues/13/comments: Validation Failed') });
  });

  it('stays under GitHub\'s 65,536-character limit, keeping as many rows as fit', () => {
    const huge = (budget: Budget) => `### report\n${'| row |\n'.repeat(budget.rows ?? 20_000)}`;
    const body = fitComment(commentMarker('preview'), huge);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 10);
    const small = fitComment(commentMarker('preview'), () => 'short');
    expect(small).toBe(`${commentMarker('preview')}\nshort`);
  });
});
