/**
 * "What changed" on anomaly findings: for an anomaly on a feature, team or service (its scope, or
 * its main root cause) mapped to repositories in penny.yml (config.ts), the pull requests merged,
 * deployments and releases in its window (github.ts), each PR with Penny's own review estimate
 * (reviews.ts), in `evidence.changes` with the sentence people read first (describe.ts).
 *
 * The window opens one step before the episode (a day for daily series, six hours for hourly
 * ones: a change merged the evening before shows in the next day's bill) and closes at the end of
 * its last step. Each repository is read once per scan, over the union of its anomalies' windows.
 * GitHub unconfigured, failing or slow never fails or stalls the scan: every call shares one
 * deadline, and a repository that could not be read is said so in the finding.
 */
import type { Octokit } from '@octokit/rest';
import type pg from 'pg';
import { z } from 'zod';
import type { FindingDraft } from '../findings/finding.ts';
import { logger } from '../log/logger.ts';
import { DAILY_TYPE, HOURLY_TYPE } from '../scans/anomaly/scan.ts';
import { repositoriesFor, type RepositoryMapping } from './config.ts';
import { describeChanges, type ListedChange } from './describe.ts';
import { changesIn, type Change, type Window } from './github.ts';
import { estimatesFor } from './reviews.ts';

export interface ChangeSources {
  pool: pg.Pool;
  map: readonly RepositoryMapping[];
  /** null: no GitHub token, so nothing can be read (said in the finding). */
  octokit: Octokit | null;
  /** Longest all GitHub reads of one scan may take together. */
  timeoutMs: number;
}

const HOUR_MS = 3_600_000;
const LEAD_MS: Record<string, number> = { [DAILY_TYPE]: 24 * HOUR_MS, [HOURLY_TYPE]: 6 * HOUR_MS };
const STEP_MS: Record<string, number> = { [DAILY_TYPE]: 24 * HOUR_MS, [HOURLY_TYPE]: HOUR_MS };

const Evidence = z.object({
  start: z.string(),
  end: z.string(),
  mainCause: z.object({ dimension: z.string(), value: z.string() }).nullish(),
});

interface Target {
  draft: FindingDraft;
  evidence: z.infer<typeof Evidence>;
  repos: string[];
  window: Window;
}

const instant = (step: string) => Date.parse(step.length === 10 ? `${step}T00:00:00Z` : step);

function targetOf(draft: FindingDraft, map: readonly RepositoryMapping[]): Target | null {
  const lead = LEAD_MS[draft.type];
  const parsed = Evidence.safeParse(draft.evidence);
  if (lead === undefined || !parsed.success) return null;
  const cause = parsed.data.mainCause;
  const repos = repositoriesFor(map, [draft.scope, ...(cause ? [{ [cause.dimension]: cause.value }] : [])]);
  if (repos.length === 0) return null;
  const window = { from: new Date(instant(parsed.data.start) - lead), to: new Date(instant(parsed.data.end) + STEP_MS[draft.type]!) };
  return { draft, evidence: parsed.data, repos, window };
}

/** Rejects after `ms`, for a call that would not honour its abort signal. */
const deadline = (ms: number, signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error(`no answer within ${ms / 1000} s`)), { once: true }));

/** Each repository's changes over the union of its targets' windows, or why it could not be read. */
async function readRepositories(targets: readonly Target[], s: ChangeSources): Promise<Map<string, Change[] | Error>> {
  const spans = new Map<string, Window>();
  for (const t of targets) {
    for (const repo of t.repos) {
      const w = spans.get(repo);
      spans.set(repo, w ? { from: t.window.from < w.from ? t.window.from : w.from, to: t.window.to > w.to ? t.window.to : w.to } : t.window);
    }
  }
  const out = new Map<string, Change[] | Error>();
  const octokit = s.octokit;
  if (!octokit) {
    for (const repo of spans.keys()) out.set(repo, new Error('GITHUB_TOKEN is not set'));
    return out;
  }
  const signal = AbortSignal.timeout(s.timeoutMs);
  const late = deadline(s.timeoutMs, signal);
  late.catch(() => undefined);
  await Promise.all(
    [...spans].map(async ([repo, w]) => {
      try {
        out.set(repo, await Promise.race([changesIn(octokit, repo, w, signal), late]));
      } catch (err) {
        const status = (err as { status?: number }).status;
        const reason = signal.aborted ? `no answer within ${s.timeoutMs / 1000} s` : status ? `GitHub answered ${status}` : (err as Error).message;
        logger.warn({ repo, reason }, 'what changed: could not read the repository');
        out.set(repo, new Error(reason));
      }
    }),
  );
  return out;
}

/** The anomaly drafts with `evidence.changes` added where their scope maps to repositories; never throws. */
export async function attachChanges(drafts: FindingDraft[], s: ChangeSources): Promise<FindingDraft[]> {
  try {
    const targets = drafts.map((d) => targetOf(d, s.map)).filter((t): t is Target => t !== null);
    if (targets.length === 0) return drafts;
    const read = await readRepositories(targets, s);
    const prs = [...read.values()].flatMap((r) => (r instanceof Error ? [] : r.filter((c) => c.kind === 'pull_request')));
    const estimates = await estimatesFor(
      s.pool,
      prs.map((c) => ({ repo: c.repo, number: c.number! })),
    );
    const byDraft = new Map<FindingDraft, FindingDraft>();
    for (const t of targets) {
      const failed = t.repos.flatMap((r) => (read.get(r) instanceof Error ? [`${r}: ${(read.get(r) as Error).message}`] : []));
      const items: ListedChange[] = t.repos
        .flatMap((r) => {
          const c = read.get(r);
          return c instanceof Error || !c ? [] : c;
        })
        .filter((c) => {
          const at = Date.parse(c.at);
          return at >= t.window.from.getTime() && at < t.window.to.getTime();
        })
        .map((c) => {
          const e = c.kind === 'pull_request' ? estimates.get(`${c.repo}#${c.number}`) : undefined;
          return e ? { ...c, estimate: e } : c;
        })
        .sort((a, b) => a.at.localeCompare(b.at));
      const error = failed.length === t.repos.length ? failed.join('; ') : undefined;
      const episode = { scope: t.draft.scope, start: t.evidence.start, end: t.evidence.end, expected: t.draft.expected ?? 0, actual: t.draft.actual ?? 0 };
      const changes = {
        text: describeChanges(episode, t.repos, items, error),
        repos: t.repos,
        window: { from: t.window.from.toISOString(), to: t.window.to.toISOString() },
        items,
        ...(failed.length ? { unread: failed } : {}),
      };
      byDraft.set(t.draft, { ...t.draft, evidence: { ...t.draft.evidence, changes } });
    }
    return drafts.map((d) => byDraft.get(d) ?? d);
  } catch (err) {
    logger.warn({ err }, 'what changed: left out of this scan');
    return drafts;
  }
}
