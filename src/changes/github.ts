/**
 * What changed on one GitHub repository in a time window, over GitHub REST with Octokit: pull
 * requests merged (closed pulls, most recently updated first, kept when merged_at is in the window),
 * deployments and published releases. Every list is newest first, so paging stops at the first
 * page that reaches back before the window; at most `MAX_PAGES` pages each, so a busy repository
 * costs a bounded number of calls. GitHub's answers are checked with zod.
 */
import type { Octokit } from '@octokit/rest';
import { z } from 'zod';

export interface Change {
  kind: 'pull_request' | 'deployment' | 'release';
  /** owner/name */
  repo: string;
  /** When it was merged, deployed or published (ISO timestamp). */
  at: string;
  /** PR title, release name or tag, or the deployment's environment. */
  title: string;
  url: string | null;
  /** Pull request number. */
  number?: number;
  /** Deployment environment and ref. */
  environment?: string;
  ref?: string;
}

export interface Window {
  from: Date;
  to: Date;
}

const MAX_PAGES = 3;
const PER_PAGE = 100;

const Pull = z.object({ number: z.number().int(), title: z.string(), html_url: z.string().nullish(), updated_at: z.string(), merged_at: z.string().nullish() });
const Deployment = z.object({ id: z.number(), environment: z.string().nullish(), ref: z.string().nullish(), sha: z.string().nullish(), created_at: z.string(), description: z.string().nullish() });
const Release = z.object({
  tag_name: z.string(),
  name: z.string().nullish(),
  html_url: z.string().nullish(),
  created_at: z.string(),
  published_at: z.string().nullish(),
  draft: z.boolean().nullish(),
});

const within = (iso: string | null | undefined, w: Window): iso is string => {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= w.from.getTime() && t < w.to.getTime();
};

/** Pages of a newest-first list until one reaches back before `from`. */
async function newestFirst<T>(page: (n: number) => Promise<unknown[]>, schema: z.ZodType<T>, age: (x: T) => string, from: Date): Promise<T[]> {
  const out: T[] = [];
  for (let n = 1; n <= MAX_PAGES; n++) {
    const items = z.array(schema).parse(await page(n));
    out.push(...items);
    if (items.length < PER_PAGE || items.some((x) => Date.parse(age(x)) < from.getTime())) break;
  }
  return out;
}

/** Merged pull requests, deployments and releases of `repo` (owner/name) in the window, oldest first. */
export async function changesIn(octokit: Octokit, repo: string, w: Window, signal: AbortSignal): Promise<Change[]> {
  const [owner, name] = repo.split('/') as [string, string];
  const common = { owner, repo: name, per_page: PER_PAGE, request: { signal } };
  const [pulls, deployments, releases] = await Promise.all([
    newestFirst(
      async (page) => (await octokit.rest.pulls.list({ ...common, page, state: 'closed', sort: 'updated', direction: 'desc' })).data,
      Pull,
      (p) => p.updated_at,
      w.from,
    ),
    newestFirst(
      async (page) => (await octokit.rest.repos.listDeployments({ ...common, page })).data,
      Deployment,
      (d) => d.created_at,
      w.from,
    ),
    newestFirst(
      async (page) => (await octokit.rest.repos.listReleases({ ...common, page })).data,
      Release,
      (r) => r.created_at,
      w.from,
    ),
  ]);
  const changes: Change[] = [
    ...pulls.filter((p) => within(p.merged_at, w)).map((p): Change => ({ kind: 'pull_request', repo, at: p.merged_at!, title: p.title, url: p.html_url ?? null, number: p.number })),
    ...deployments
      .filter((d) => within(d.created_at, w))
      .map(
        (d): Change => ({
          kind: 'deployment',
          repo,
          at: d.created_at,
          title: d.description || `${d.environment ?? 'deployment'} ${d.ref ?? d.sha?.slice(0, 7) ?? ''}`.trim(),
          url: null,
          ...(d.environment ? { environment: d.environment } : {}),
          ...(d.ref ? { ref: d.ref } : {}),
        }),
      ),
    ...releases.filter((r) => !r.draft && within(r.published_at, w)).map((r): Change => ({ kind: 'release', repo, at: r.published_at!, title: r.name || r.tag_name, url: r.html_url ?? null })),
  ];
  return changes.sort((a, b) => a.at.localeCompare(b.at));
}
