import type { Logger } from '../../log/logger.js';
import { GitHubError, githubApi, type GitHubApi } from './api.js';
import { findPullRequest } from './pull-request.js';

/** GitHub refuses comments longer than this. */
export const COMMENT_LIMIT = 65_536;
const GITHUB_ACTIONS_BOT = 'github-actions[bot]';

export const PERMISSIONS_HINT = [
  'Give the workflow (or job) permission to comment:',
  '',
  'permissions:',
  '  contents: read',
  '  pull-requests: write',
].join('\n');

export function commentMarker(targetName: string): string {
  return `<!-- pg-branch-sync:${targetName} -->`;
}

export interface CommentOutcome {
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  url?: string;
  /** Why it was skipped. */
  reason?: string;
}

/**
 * Fits a report under the limit: first with less of the SQL folded in, then
 * cut, always pointing to the job summary for the rest.
 */
export function fitComment(marker: string, render: (maxSqlChars?: number) => string): string {
  const pointer = '\n\n> The report was cut to fit a comment: the full report is in the job summary of the workflow run.';
  const build = (text: string) => `${marker}\n${text}`;
  let body = build(render());
  for (const max of [20_000, 5_000, 1_000]) {
    if (body.length <= COMMENT_LIMIT) return body;
    body = build(render(max)) + pointer;
  }
  if (body.length <= COMMENT_LIMIT) return body;
  return `${body.slice(0, COMMENT_LIMIT - pointer.length - 10)}\n…${pointer}`;
}

/** Durations change on every run; a report that differs only by them is the same report. */
function withoutTimings(body: string): string {
  return body.replace(/\b\d+(?:\.\d+)?\s(?:ms|s)\b/g, '…');
}

/** Creates the target's comment once, then updates it in place; never duplicates it. */
export async function upsertComment(api: GitHubApi, issue: number, marker: string, body: string): Promise<CommentOutcome> {
  const me = (await api.viewer()) ?? GITHUB_ACTIONS_BOT;
  const comments = await api.listComments(issue);
  const existing = comments.find((c) => c.user?.login === me && c.body.includes(marker));
  if (!existing) {
    const created = await api.createComment(issue, body);
    return { action: 'created', url: created.html_url };
  }
  if (withoutTimings(existing.body) === withoutTimings(body)) return { action: 'unchanged', url: existing.html_url };
  const updated = await api.updateComment(existing.id, body);
  return { action: 'updated', url: updated.html_url };
}

export interface PostOptions {
  env: NodeJS.ProcessEnv;
  token: string;
  targetName: string;
  render: (maxSqlChars?: number) => string;
  logger: Logger;
}

/**
 * Posts the report on the run's pull request. Whatever goes wrong here is a
 * warning that says how to fix it: the run's status is decided by the sync.
 */
export async function postReport(options: PostOptions): Promise<CommentOutcome> {
  const { env, logger } = options;
  const skip = (reason: string, warn: boolean): CommentOutcome => {
    if (warn) logger.warning(`no pull-request comment: ${reason}`);
    else logger.info(`No pull-request comment: ${reason}.`);
    return { action: 'skipped', reason };
  };
  if (!options.token) return skip('github-token is empty', true);
  if (!env.GITHUB_REPOSITORY) return skip('not running in GitHub Actions', false);
  const api = githubApi({ token: options.token, repository: env.GITHUB_REPOSITORY, ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}) });
  try {
    const pr = await findPullRequest(env, api);
    if (pr.kind === 'none') return skip(pr.reason, false);
    if (pr.fork) {
      return skip(
        `pull request #${pr.number} comes from a fork, and GitHub gives fork pull requests a read-only token whatever \`permissions:\` says; ` +
          `the report is in the job summary. Pull requests from branches of this repository get the comment once the workflow has:\n${PERMISSIONS_HINT}`,
        true,
      );
    }
    const marker = commentMarker(options.targetName);
    const outcome = await upsertComment(api, pr.number, marker, fitComment(marker, options.render));
    logger.info(`Pull-request comment ${outcome.action}: ${outcome.url}`);
    return outcome;
  } catch (error) {
    if (error instanceof GitHubError) {
      if (error.status === 401) return skip(`github-token was refused (${error.message}); pass a valid token, e.g. github-token: \${{ github.token }}`, true);
      if (error.status === 403) return skip(`the token may not comment on pull requests (${error.message}).\n${PERMISSIONS_HINT}`, true);
      return skip(error.message, true);
    }
    return skip(`could not reach GitHub: ${(error as Error).message}`, true);
  }
}
