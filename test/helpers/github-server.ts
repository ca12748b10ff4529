import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

/**
 * A local stand-in for the GitHub REST API endpoints the action calls, with
 * their documented status codes: comment list with Link pagination, create,
 * update, pull lookup by branch, /user (403 for an app installation token,
 * like GITHUB_TOKEN), 401 for a bad token, 403 for a read-only token, 422
 * for a body over 65,536 characters.
 */
export class FakeGitHub {
  readonly comments = new Map<number, FakeComment[]>();
  readonly pulls: { number: number; branch: string }[] = [];
  readonly requests: string[] = [];
  /** token -> who it is; `app` tokens act as github-actions[bot] and cannot read /user. */
  readonly tokens = new Map<string, { login: string; app: boolean; canWrite: boolean }>([
    ['ghs_app_token', { login: 'github-actions[bot]', app: true, canWrite: true }],
    ['ghs_readonly_token', { login: 'github-actions[bot]', app: true, canWrite: false }],
    ['ghp_user_token', { login: 'octocat', app: false, canWrite: true }],
  ]);
  private server = http.createServer((req, res) => void this.handle(req, res));
  private nextId = 1000;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  /** Earlier comments by others, so ours sits pages deep. */
  seed(issue: number, count: number, login = 'someone-else'): void {
    const list = this.comments.get(issue) ?? [];
    for (let i = 0; i < count; i++) list.push(this.comment(issue, `comment ${i}`, login));
    this.comments.set(issue, list);
  }

  private comment(issue: number, body: string, login: string): FakeComment {
    const id = this.nextId++;
    return { id, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, html_url: `https://github.com/acme/app/pull/${issue}#issuecomment-${id}` };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const who = this.tokens.get(token);
    if (!who) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as { body?: string }) : {};

    if (req.method === 'GET' && url.pathname === '/user') {
      if (who.app) return send(403, { message: 'Resource not accessible by integration' });
      return send(200, { login: who.login });
    }
    let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const all = this.comments.get(Number(m[3])) ?? [];
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const links: string[] = [];
      const at = (p: number) => { const u = new URL(url); u.searchParams.set('page', String(p)); return u.toString(); };
      if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
      return send(200, all.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
    }
    if (m && req.method === 'POST') {
      if (!who.canWrite) return send(403, { message: 'Resource not accessible by integration' });
      if ((body.body ?? '').length > 65_536) return send(422, { message: 'Validation Failed', errors: [{ field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }] });
      const issue = Number(m[3]);
      const created = this.comment(issue, body.body ?? '', who.login);
      this.comments.set(issue, [...(this.comments.get(issue) ?? []), created]);
      return send(201, created);
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m && req.method === 'PATCH') {
      if (!who.canWrite) return send(403, { message: 'Resource not accessible by integration' });
      if ((body.body ?? '').length > 65_536) return send(422, { message: 'Validation Failed' });
      for (const list of this.comments.values()) {
        const found = list.find((c) => c.id === Number(m![3]));
        if (found) {
          if (found.user.login !== who.login) return send(403, { message: 'Resource not accessible by integration' });
          found.body = body.body ?? '';
          return send(200, found);
        }
      }
      return send(404, { message: 'Not Found' });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const head = url.searchParams.get('head') ?? '';
      const branch = head.includes(':') ? head.slice(head.indexOf(':') + 1) : head;
      return send(200, this.pulls.filter((p) => !head || p.branch === branch).map((p) => ({ number: p.number, state: 'open', head: { ref: p.branch } })));
    }
    return send(404, { message: 'Not Found' });
  }
}
