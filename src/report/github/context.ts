import { readFileSync } from 'node:fs';

/** Which push a report describes, and where its workflow run is: from the GitHub Actions environment. */
export interface ReportContext {
  /** The commit checked: the pull request's head, not the merge commit GitHub builds. */
  sha?: string;
  commitUrl?: string;
  runUrl?: string;
}

export function githubContext(env: NodeJS.ProcessEnv): ReportContext {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');
  const repo = env.GITHUB_REPOSITORY;
  let sha = env.GITHUB_SHA;
  if (env.GITHUB_EVENT_PATH && env.GITHUB_EVENT_NAME?.startsWith('pull_request')) {
    try {
      const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { head?: { sha?: string } } };
      sha = payload.pull_request?.head?.sha ?? sha;
    } catch {
      // No readable event: the run's own SHA.
    }
  }
  return {
    ...(sha ? { sha } : {}),
    ...(sha && repo ? { commitUrl: `${server}/${repo}/commit/${sha}` } : {}),
    ...(repo && env.GITHUB_RUN_ID ? { runUrl: `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
  };
}
