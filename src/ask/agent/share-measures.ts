/**
 * The agent tool's share measures, read into the planner's own share shapes: a general share ("what
 * share of cloud spend is compute": the query is the whole, `part` the filters that make the part),
 * commitment coverage and utilization (planner/commitment-shares.ts), and the failure rate of LLM
 * calls (planner/call-rate.ts). A share whose part only says what is untagged is the query of the
 * untagged spend itself, which the answer gives with its share of the whole, as the planner does.
 */
import { isTagCoverage, parseCostQuery, type CostQuery, type Filter } from '../../costs/query.ts';
import { failureRate } from '../planner/call-rate.ts';
import { commitmentCoverage, commitmentUtilization } from '../planner/commitment-shares.ts';
import type { Portion } from '../planner/portion.ts';

export const SHARE_MEASURES = ['share', 'commitment_coverage', 'commitment_utilization', 'failure_rate'] as const;
export type ShareMeasure = (typeof SHARE_MEASURES)[number];
export const isShareMeasure = (m: string | undefined): m is ShareMeasure => m !== undefined && (SHARE_MEASURES as readonly string[]).includes(m);

export type ShareReading =
  | { part: CostQuery; portion: Portion; assumptions: string[] /** What the share is of, for a follow-up's context. */; of: CostQuery }
  | { untagged: CostQuery }
  | { refusal: string };

const same = (a: Filter, b: Filter) => JSON.stringify(a) === JSON.stringify(b);

/** Why `part` cannot make a share of the query's spend; null when it can. */
export function partProblem(q: Pick<CostQuery, 'filters' | 'dataset'>, part: readonly Filter[]): string | null {
  if (part.length === 0) return 'a share needs `part`: the filters that make the part of the spend the query selects';
  if (part.every((f) => q.filters.some((g) => same(f, g)))) return '`part` adds no filter to the query: the share would be all of it';
  if (part.some((f) => f.dimension === 'dataset') && q.dataset !== 'all') return 'a part of one kind of spend (AI or cloud) is a share of all spend: use dataset "all"';
  return null;
}

export function readShareMeasure(measure: ShareMeasure, query: CostQuery, part: readonly Filter[] = []): ShareReading {
  if (measure === 'failure_rate') {
    const calls = parseCostQuery({ ...query, dataset: 'ai', metric: 'requests' });
    const rate = failureRate(calls);
    return 'refusal' in rate ? rate : { part: rate.part, portion: rate.portion, assumptions: [rate.assumption], of: calls };
  }
  if (measure === 'share') {
    const whole = query.filters;
    const problem = partProblem(query, part);
    if (problem) return { refusal: `I can't give that share: ${problem}.` };
    const partQuery = { ...query, filters: [...whole, ...part.filter((f) => !whole.some((g) => same(f, g)))] };
    if (part.every(isTagCoverage)) return { untagged: partQuery };
    return { part: partQuery, portion: { whole }, assumptions: [], of: query };
  }
  // Commitments are cloud billing: asked of all spend, they are asked of cloud billing.
  const cloud = query.dataset === 'all' ? { ...query, dataset: 'cloud' as const } : query;
  const share = measure === 'commitment_coverage' ? commitmentCoverage(cloud) : cloud.dataset === 'ai' ? { refusal: NO_AI_COMMITMENTS } : commitmentUtilization(cloud);
  if ('refusal' in share) return share;
  return { part: share.part, portion: share.portion, assumptions: [share.assumption], of: { ...share.part, filters: share.portion.whole } };
}

const NO_AI_COMMITMENTS = 'Commitment utilization is a measure of cloud billing; AI usage carries no commitment discounts.';
