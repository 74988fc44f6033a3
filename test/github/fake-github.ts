/**
 * A fake GitHub REST API on 127.0.0.1 for Octokit: pull request diff, contents, issue comments and
 * commit statuses, kept in memory. `failNext` scripts 5xx answers, optionally after doing the work
 * (GitHub sometimes creates the comment and still answers 502), to test retries.
 * Tokens are who GitHub says: an installation token (`ghs_…`, as Actions' GITHUB_TOKEN) is refused
 * GET /user with 403 and known to GraphQL's `viewer` as its bot; any other token is the user
 * `penny-bot`, unless `users` names it. Comments carry the login of the token that wrote them, and
 * a node id that GraphQL `minimizeComment` hides them by.
 * The repository's history for "what changed": closed pull requests, deployments and releases,
 * listed newest first and paged as GitHub does; `delayMs` makes every answer slow.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  node_id?: string;
  body: string;
  /** Set by GraphQL minimizeComment: the classifier it was hidden as. */
  minimized?: string;
  html_url: string;
  user: { login: string; type: 'User' | 'Bot' };
}

export interface FakePull {
  number: number;
  title: string;
  updated_at: string;
  merged_at: string | null;
}

export interface FakeDeployment {
  id: number;
  environment: string;
  ref: string;
  created_at: string;
}

export interface FakeRelease {
  tag_name: string;
  name: string;
  created_at: string;
  published_at: string;
}

export const DEFAULT_USER = 'penny-bot';
export const ACTIONS_BOT = 'github-actions[bot]';

export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  /** Do the work, then answer with the error anyway. */
  afterEffect?: boolean;
}

export interface FakeGitHub {
  url: string;
  comments: FakeComment[];
  statuses: Array<{ sha: string; state: string; context: string; description: string }>;
  requests: Array<{ method: string; path: string }>;
  diffs: Map<number, string>;
  files: Map<string, string>;
  /** Files at one commit (`?ref=sha`), beside `files`, which answer any other ref. */
  filesAt: Map<string, Map<string, string>>;
  /** Token → login, beside the defaults; a login ending in `[bot]` is an installation token's bot. */
  users: Map<string, string>;
  pulls: FakePull[];
  deployments: FakeDeployment[];
  releases: FakeRelease[];
  delayMs: number;
  failNext(f: Failure): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(owner = 'acme', repo = 'app'): Promise<FakeGitHub> {
  const state = {
    comments: [] as FakeComment[],
    statuses: [] as FakeGitHub['statuses'],
    requests: [] as FakeGitHub['requests'],
    diffs: new Map<number, string>(),
    files: new Map<string, string>(),
    filesAt: new Map<string, Map<string, string>>(),
    users: new Map<string, string>(),
    failures: [] as Failure[],
    pulls: [] as FakePull[],
    deployments: [] as FakeDeployment[],
    releases: [] as FakeRelease[],
    delayMs: 0,
  };
  let nextId = 1000;
  const base = `/repos/${owner}/${repo}`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void setTimeout(answer, state.delayMs));
    const answer = () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      const path = url.pathname;
      state.requests.push({ method, path });
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>) : {};
      const json = (status: number, doc: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      const token = String(req.headers.authorization ?? '').replace(/^(token|bearer) /i, '');
      const login = state.users.get(token) ?? (token.startsWith('ghs_') ? ACTIONS_BOT : DEFAULT_USER);
      const isBot = login.endsWith('[bot]');
      const failure = state.failures.findIndex((f) => f.method === method && f.path.test(path));
      const fail = failure >= 0 ? state.failures.splice(failure, 1)[0] : undefined;
      if (fail && !fail.afterEffect) return json(fail.status, { message: 'Server Error' });
      const done = (status: number, doc: unknown) => (fail ? json(fail.status, { message: 'Server Error' }) : json(status, doc));
      if (path === '/user' && method === 'GET') {
        if (isBot) return json(403, { message: 'Resource not accessible by integration' });
        return done(200, { login, type: 'User' });
      }
      if (path === '/graphql' && method === 'POST') {
        if (/minimizeComment/.test(body.query ?? '')) {
          const id = (body as { variables?: { id?: string } }).variables?.id;
          const c = state.comments.find((x) => x.node_id === id);
          if (!c) return done(200, { data: null, errors: [{ message: `Could not resolve to a node with the global id of '${id}'` }] });
          c.minimized = /classifier:\s*(\w+)/.exec(body.query ?? '')?.[1] ?? 'OUTDATED';
          return done(200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
        }
        if (!/viewer\s*{\s*login/.test(body.query ?? '')) return json(400, { message: 'fake GitHub answers only { viewer { login } } and minimizeComment' });
        return done(200, { data: { viewer: { login } } });
      }
      let m: RegExpExecArray | null;
      if ((m = new RegExp(`^${base}/pulls/(\\d+)$`).exec(path)) && method === 'GET') {
        const diff = state.diffs.get(Number(m[1]));
        if (diff === undefined) return json(404, { message: 'Not Found' });
        if (!String(req.headers.accept).includes('diff')) return done(200, { number: Number(m[1]) });
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(diff);
        return;
      }
      if ((m = new RegExp(`^${base}/contents/(.+)$`).exec(path)) && method === 'GET') {
        const file = decodeURIComponent(m[1]!);
        const at = state.filesAt.get(url.searchParams.get('ref') ?? '');
        const text = at ? at.get(file) : state.files.get(file);
        if (text === undefined) return json(404, { message: 'Not Found' });
        return done(200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') });
      }
      if (new RegExp(`^${base}/issues/\\d+/comments$`).test(path)) {
        if (method === 'GET') {
          const page = Number(url.searchParams.get('page') ?? 1);
          const per = Number(url.searchParams.get('per_page') ?? 30);
          const slice = state.comments.slice((page - 1) * per, page * per);
          if (page * per < state.comments.length) res.setHeader('link', `<http://127.0.0.1${path}?per_page=${per}&page=${page + 1}>; rel="next"`);
          return done(200, slice);
        }
        if (method === 'POST') {
          const id = nextId++;
          const c: FakeComment = {
            id,
            node_id: `IC_kwDO${id}`,
            body: body.body!,
            html_url: `https://github.example/${owner}/${repo}/pull/1#issuecomment-${nextId}`,
            user: { login, type: isBot ? 'Bot' : 'User' },
          };
          state.comments.push(c);
          return done(201, c);
        }
      }
      if ((m = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(path))) {
        const i = state.comments.findIndex((c) => c.id === Number(m![1]));
        if (i < 0) return json(404, { message: 'Not Found' });
        if (method === 'PATCH') {
          state.comments[i]!.body = body.body!;
          return done(200, state.comments[i]);
        }
        if (method === 'DELETE') {
          state.comments.splice(i, 1);
          if (fail) return json(fail.status, { message: 'Server Error' });
          res.writeHead(204).end();
          return;
        }
      }
      if ((m = new RegExp(`^${base}/statuses/([0-9a-f]+)$`).exec(path)) && method === 'POST') {
        const s = { sha: m[1]!, state: body.state!, context: body.context!, description: body.description! };
        state.statuses.push(s);
        return done(201, s);
      }
      const listed = <T>(items: T[], age: (x: T) => string) => {
        const page = Number(url.searchParams.get('page') ?? 1);
        const per = Number(url.searchParams.get('per_page') ?? 30);
        const sorted = [...items].sort((a, b) => age(b).localeCompare(age(a)));
        return done(200, sorted.slice((page - 1) * per, page * per));
      };
      if (path === `${base}/pulls` && method === 'GET') {
        const closed = state.pulls.map((p) => ({ ...p, state: 'closed', html_url: `https://github.example/${owner}/${repo}/pull/${p.number}` }));
        return listed(closed, (p) => p.updated_at);
      }
      if (path === `${base}/deployments` && method === 'GET') return listed(state.deployments, (d) => d.created_at);
      if (path === `${base}/releases` && method === 'GET') return listed(state.releases, (r) => r.created_at);
      json(404, { message: `fake GitHub has no ${method} ${path}` });
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get comments() {
      return state.comments;
    },
    statuses: state.statuses,
    requests: state.requests,
    diffs: state.diffs,
    files: state.files,
    filesAt: state.filesAt,
    users: state.users,
    pulls: state.pulls,
    deployments: state.deployments,
    releases: state.releases,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    failNext: (f) => state.failures.push(f),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
