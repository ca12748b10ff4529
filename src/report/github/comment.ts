import type { Logger } from '../../log/logger.js';
import type { Budget } from '../blocks.js';
import { fitReport } from '../fit.js';
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
 * Fits a report under GitHub's limit: rows of detail are dropped from the
 * bottom (SQL first), never a section; the rendering says what was left out
 * and where the full report is.
 */
export function fitComment(marker: string, render: (budget: Budget) => string): string {
  return fitReport((budget) => `${marker}\n${render(budget)}`, COMMENT_LIMIT);
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
  // A rerun with the same outcome still updates it: its headline says which commit was checked, and when.
  if (existing.body === body) return { action: 'unchanged', url: existing.html_url };
  const updated = await api.updateComment(existing.id, body);
  return { action: 'updated', url: updated.html_url };
}

export interface PostOptions {
  env: NodeJS.ProcessEnv;
  token: string;
  targetName: string;
  render: (budget: Budget) => string;
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
