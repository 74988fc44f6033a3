/**
 * A fake GitHub REST API on 127.0.0.1 for the github-pr executor: one repository with branches,
 * file contents per branch, and pull requests (list by head, create, get, close, and `merge` for
 * tests), kept in memory. Every request is recorded so tests count what was opened.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  html_url: string;
}

export interface FakeRepo {
  url: string;
  /** branch → path → text */
  files: Map<string, Map<string, string>>;
  pulls: FakePull[];
  requests: Array<{ method: string; path: string }>;
  merge(number: number): void;
  close(): Promise<void>;
}

export async function startFakeRepo(owner: string, repo: string, files: Record<string, string>, defaultBranch = 'main'): Promise<FakeRepo> {
  const branches = new Map<string, Map<string, string>>([[defaultBranch, new Map(Object.entries(files))]]);
  const pulls: FakePull[] = [];
  const requests: FakeRepo['requests'] = [];
  let sha = 0;
  const shaOf = (text: string) => `sha-${Buffer.from(text).toString('base64').length}-${text.length}`;
  const base = `/repos/${owner}/${repo}`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      const path = decodeURIComponent(url.pathname);
      requests.push({ method, path });
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>) : {};
      const json = (status: number, doc: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      let m: RegExpExecArray | null;
      if (path === base && method === 'GET') return json(200, { default_branch: defaultBranch, full_name: `${owner}/${repo}` });
      if ((m = new RegExp(`^${base}/git/ref/heads/(.+)$`).exec(path)) && method === 'GET') {
        return branches.has(m[1]!) ? json(200, { object: { sha: `head-of-${m[1]}` } }) : json(404, { message: 'Not Found' });
      }
      if (path === `${base}/git/refs` && method === 'POST') {
        const name = body.ref!.replace(/^refs\/heads\//, '');
        if (branches.has(name)) return json(422, { message: 'Reference already exists' });
        const from = body.sha!.replace(/^head-of-/, '');
        branches.set(name, new Map(branches.get(from)));
        return json(201, { ref: body.ref, object: { sha: `head-of-${name}` } });
      }
      if ((m = new RegExp(`^${base}/contents/(.+)$`).exec(path))) {
        const branch = url.searchParams.get('ref') ?? body.branch ?? defaultBranch;
        const tree = branches.get(branch);
        if (!tree) return json(404, { message: 'No commit found for the ref' });
        if (method === 'GET') {
          const text = tree.get(m[1]!);
          if (text === undefined) return json(404, { message: 'Not Found' });
          return json(200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64'), sha: shaOf(text) });
        }
        if (method === 'PUT') {
          const old = tree.get(m[1]!);
          if (old !== undefined && body.sha !== shaOf(old)) return json(409, { message: 'sha does not match' });
          const text = Buffer.from(body.content!, 'base64').toString('utf8');
          tree.set(m[1]!, text);
          return json(200, { content: { sha: shaOf(text) }, commit: { sha: `c${++sha}` } });
        }
      }
      if (path === `${base}/pulls` && method === 'GET') {
        const head = url.searchParams.get('head')?.split(':')[1];
        return json(
          200,
          pulls.filter((p) => !head || p.head === head),
        );
      }
      if (path === `${base}/pulls` && method === 'POST') {
        if (pulls.some((p) => p.head === body.head && p.state === 'open')) return json(422, { message: 'A pull request already exists' });
        const number = pulls.length + 1;
        const pull: FakePull = {
          number,
          head: body.head!,
          base: body.base!,
          title: body.title!,
          body: body.body!,
          state: 'open',
          merged: false,
          html_url: `https://github.test/${owner}/${repo}/pull/${number}`,
        };
        pulls.push(pull);
        return json(201, pull);
      }
      if ((m = new RegExp(`^${base}/pulls/(\\d+)$`).exec(path))) {
        const pull = pulls.find((p) => p.number === Number(m![1]));
        if (!pull) return json(404, { message: 'Not Found' });
        if (method === 'PATCH' && body.state) pull.state = body.state as FakePull['state'];
        return json(200, pull);
      }
      json(404, { message: `fake GitHub has no ${method} ${path}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    files: branches,
    pulls,
    requests,
    merge(number) {
      const pull = pulls.find((p) => p.number === number)!;
      pull.state = 'closed';
      pull.merged = true;
      branches.set(pull.base, new Map(branches.get(pull.head)));
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
