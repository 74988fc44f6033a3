/**
/**
 * Questions answered as one amount over another, read before a cost query's words: a statistic
 * over a period's days, a percentile per LLM call, a rate of calls, the share of calls with a cache
 * hit, commitment utilization and coverage, each group's share and a part's share of a whole.
 * `parts` plans the amounts the ratio is made of.
 */
import { readCacheHitShare } from './cache-hit-share.ts';
import { readCallPercentile } from './call-percentiles.ts';
import { readDailyStatistic } from './daily-statistics.ts';
import { readCallRate } from './call-rate.ts';
import { readCommitmentCoverage } from './commitment-coverage.ts';
import { readCommitmentUtilization } from './commitment-utilization.ts';
import { readGroupShares } from './group-shares.ts';
import type { Plan, Refusal } from './plan-result.ts';
import { readPortion } from './portion.ts';

export function readRatio(question: string, parts: (text: string) => Plan | Refusal) {
  return (
    readDailyStatistic(question, parts) ??
    readCallPercentile(question, parts) ??
    readCallRate(question, parts) ??
    readCacheHitShare(question, parts) ??
    readCommitmentUtilization(question, parts) ??
    readCommitmentCoverage(question, parts) ??
    readGroupShares(question, parts, readPortion(question, parts))
  );
}
