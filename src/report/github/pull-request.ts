import { readFileSync } from 'node:fs';
import type { GitHubApi } from './api.js';

/** Which pull request a run reports on, from the workflow event. */
export type PullRequestTarget =
  | { kind: 'pull'; number: number; fork: boolean }
  | { kind: 'none'; reason: string };

interface PullRequestEvent {
  pull_request?: { number: number; head?: { repo?: { full_name?: string } | null } };
  repository?: { full_name?: string };
}

export async function findPullRequest(env: NodeJS.ProcessEnv, api: GitHubApi): Promise<PullRequestTarget> {
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (event === 'pull_request' || event === 'pull_request_target') {
    const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as PullRequestEvent;
    const pr = payload.pull_request;
    if (!pr) return { kind: 'none', reason: 'the event has no pull request' };
    const head = pr.head?.repo?.full_name;
    return { kind: 'pull', number: pr.number, fork: event === 'pull_request' && !!head && head !== payload.repository?.full_name };
  }
  if (event === 'push') {
    const branch = (env.GITHUB_REF ?? '').replace(/^refs\/heads\//, '');
    if (!branch || branch === env.GITHUB_REF) return { kind: 'none', reason: 'the push is not to a branch' };
    const numbers = await api.openPullsForBranch(branch);
    if (numbers.length === 0) return { kind: 'none', reason: `no open pull request for ${branch}` };
    return { kind: 'pull', number: Math.min(...numbers), fork: false };
  }
  return { kind: 'none', reason: event ? `a ${event} event has no pull request` : 'not running in GitHub Actions' };
}
