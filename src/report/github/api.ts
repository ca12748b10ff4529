import { maskSecrets } from '../../log/secrets.js';

/** The few GitHub REST calls the report needs, over fetch. The one place that talks to GitHub. */

export class GitHubError extends Error {
  override name = 'GitHubError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface Comment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type?: string } | null;
}

export interface GitHubApi {
  listComments(issue: number): Promise<Comment[]>;
  createComment(issue: number, body: string): Promise<Comment>;
  updateComment(id: number, body: string): Promise<Comment>;
  openPullsForBranch(branch: string): Promise<number[]>;
  /** The token's own login, or undefined when the token cannot say (GITHUB_TOKEN). */
  viewer(): Promise<string | undefined>;
}

export function githubApi(options: { token: string; repository: string; apiUrl?: string }): GitHubApi {
  const base = (options.apiUrl ?? 'https://api.github.com').replace(/\/$/, '');
  const [owner, repo] = options.repository.split('/');
  const repoPath = `/repos/${encodeURIComponent(owner ?? '')}/${encodeURIComponent(repo ?? '')}`;

  async function call<T>(method: string, url: string, body?: unknown): Promise<{ data: T; link: string | null }> {
    const response = await fetch(url.startsWith('http') ? url : `${base}${url}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${options.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'pg-branch-sync',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new GitHubError(maskSecrets(`GitHub answered ${response.status} to ${method} ${url.replace(base, '')}: ${message}`), response.status);
    }
    return { data: (await response.json()) as T, link: response.headers.get('link') };
  }

  const next = (link: string | null) => /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];

  return {
    async listComments(issue) {
      const all: Comment[] = [];
      let url: string | undefined = `${repoPath}/issues/${issue}/comments?per_page=100`;
      // Every page: the comment may be old, behind many others.
      for (let pages = 0; url && pages < 100; pages++) {
        const { data, link }: { data: Comment[]; link: string | null } = await call<Comment[]>('GET', url);
        all.push(...data);
        url = next(link);
      }
      return all;
    },
    createComment: async (issue, body) => (await call<Comment>('POST', `${repoPath}/issues/${issue}/comments`, { body })).data,
    updateComment: async (id, body) => (await call<Comment>('PATCH', `${repoPath}/issues/comments/${id}`, { body })).data,
    async openPullsForBranch(branch) {
      const head = `${owner}:${branch}`;
      const { data } = await call<{ number: number }[]>('GET', `${repoPath}/pulls?state=open&per_page=100&head=${encodeURIComponent(head)}`);
      return data.map((p) => p.number);
    },
    async viewer() {
      try {
        return (await call<{ login: string }>('GET', '/user')).data.login;
      } catch (error) {
        if (error instanceof GitHubError && (error.status === 403 || error.status === 404)) return undefined;
        throw error;
      }
    },
  };
}
