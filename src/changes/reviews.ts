/**
 * Penny's own estimate of each pull request it reviewed (table pr_reviews, migration 024): written
 * when the review is posted, read when an anomaly lists the pull requests merged in its window.
 * Money is numeric in SQL and read back as text, so no float rounding creeps into the figure.
 */
import type pg from 'pg';
import { z } from 'zod';
import { logger } from '../log/logger.ts';
import type { ReviewResult } from '../review/review.ts';

export interface PrEstimate {
  monthlyDelta: number;
  /** The figure assumes every call uses its whole output limit: read "up to". */
  upperBound: boolean;
  currency: string;
}

const Row = z.object({ repo: z.string(), number: z.number().int(), monthly_delta: z.coerce.number(), upper_bound: z.boolean(), currency: z.string() });

/** An estimate that includes a cost increase assumed at its worst case. */
const upperBoundOf = (r: ReviewResult) => r.items.some((i) => i.basis === 'upper bound' && (i.monthlyDelta ?? 0) > 0);

/**
 * Keeps the review's estimate for its pull request. The comment is already posted: a failure here
 * is logged, never thrown, so it cannot fail a review that worked.
 */
export async function recordReview(pool: pg.Pool, pr: { owner: string; repo: string; number: number; headSha: string }, result: ReviewResult): Promise<void> {
  try {
    await pool.query(
      `insert into pr_reviews (repo, number, head_sha, monthly_delta, upper_bound, currency)
       values ($1, $2, $3, $4::numeric, $5, $6)
       on conflict (repo, number) do update set head_sha = excluded.head_sha, monthly_delta = excluded.monthly_delta,
         upper_bound = excluded.upper_bound, currency = excluded.currency, reviewed_at = now()`,
      [`${pr.owner}/${pr.repo}`, pr.number, pr.headSha, result.monthlyDelta.toFixed(2), upperBoundOf(result), result.currency],
    );
  } catch (err) {
    logger.warn({ err, pr: `${pr.owner}/${pr.repo}#${pr.number}` }, 'could not keep the review estimate for "what changed"');
  }
}

/** The latest estimate of each of these pull requests that Penny reviewed, keyed `owner/name#number`. */
export async function estimatesFor(pool: pg.Pool, prs: readonly { repo: string; number: number }[]): Promise<Map<string, PrEstimate>> {
  const out = new Map<string, PrEstimate>();
  if (prs.length === 0) return out;
  const { rows } = await pool.query(
    `select repo, number, monthly_delta::text as monthly_delta, upper_bound, currency
       from pr_reviews r join unnest($1::text[], $2::int[]) as p(repo, number) using (repo, number)`,
    [prs.map((p) => p.repo), prs.map((p) => p.number)],
  );
  for (const raw of rows) {
    const r = Row.parse(raw);
    out.set(`${r.repo}#${r.number}`, { monthlyDelta: r.monthly_delta, upperBound: r.upper_bound, currency: r.currency });
  }
  return out;
}
