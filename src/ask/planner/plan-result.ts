/**
 * What planning a question gives: a plan (the typed query with how it was read) or a refusal with
 * phrasings to offer, and the helpers that phrase a refusal.
 */
import type { DataEnds } from '../../costs/coverage.ts';
import type { CostQuery } from '../../costs/query.ts';
import type { Derived } from './derived.ts';
import type { ListItem } from './lists.ts';
import type { Portion } from './portion.ts';
import type { Catalog } from './catalog.ts';
import type { CallPercentile } from './call-percentiles.ts';
import type { DailyStatistic } from './daily-statistics.ts';
import type { CountedDimension } from './value-count.ts';
import { SUGGESTIONS } from './suggestions.ts';

/** What a question is planned against: the day it is asked, the stored names and where the planning is. */
export interface PlanContext {
  asOf: string;
  catalog: Catalog;
  /** Each dataset's last day with data before asOf, where a question with no period ends (latest-data.ts); unknown: the day before asOf. */
  dataEnds?: DataEnds;
  /** The asker's teams from the owner map (Slack); undefined when nobody is known (the CLI). */
  myTeams?: readonly string[];
  /** Set when planning a question whose misspelt words were corrected: no second round. */
  corrected?: string[];
  /** Set when planning the parts of a share question (portion.ts): no share is read again. */
  inPortion?: true;
  /** Set when planning a question with the clouds that have no charges left out (absent-clouds.ts). */
  cloudsRead?: true;
}

export interface Plan {
  ok: true;
  query: CostQuery;
  /** The period in words ("last month", "the last 30 days"). */
  period: string;
  /** What the planner assumed because the question did not say. */
  assumptions: string[];
  /** Misspelt words read as the planner's own: 'read "moth" as "month"'. */
  corrections?: string[];
  /** Untagged spend: also report its share of all spend in the same period. */
  share: boolean;
  /** "average daily spend": the total over the number of days in the range. */
  dailyAverage?: boolean;
  /** "average monthly spend": the total over the whole weeks or months queried, over their count; the part-periods left out, said (period-average.ts). */
  average?: { unit: 'week' | 'month'; left: string[] };
  /** "annualized run rate based on October": the monthly average times twelve (annualized.ts). */
  annualized?: true;
  /** "savings against list price", "cache hit rate": a figure from two metrics (src/ask/answer/derived.ts). */
  derived?: Derived;
  /** "did we spend over $10k?": the total said against this amount. */
  check?: NonNullable<CostQuery['threshold']>;
  /** "search vs checkout": the named values of one dimension, answered side by side. */
  versus?: { dimension: string; values: string[] };
  /** "AI vs compute": AI spend beside the query's slice of cloud spend, this query over AI usage (ai-beside-cloud.ts). */
  aiBeside?: { ai: CostQuery; label: string };
  /** "search and checkout", "NAT gateways and VPC": names listed, a row each and their total (lists.ts). */
  set?: { dimension: string; values: string[] };
  mixed?: ListItem[];
  /** "what % of AWS spend was compute": the query's total over the same query with the whole's filters (portion.ts). */
  portion?: Portion;
  /** "median cost per LLM call", "p95 tokens per request by model": the percentile over single calls (call-percentiles.ts), not an average. */
  percentile?: CallPercentile;
  /** "median daily spend", "std dev of daily cost": the statistic over the days' totals (daily-statistics.ts). */
  dailyStatistic?: DailyStatistic;
  /** "which regions did we have spend in": rows with no value of this dimension are left out of the ranking or list, and said with their amount (answer/none-left-out.ts). */
  noneLeftOut?: string;
  /** "share of spend by provider, as percentages": each row also said as its share of the total in its currency (group-shares.ts). */
  shares?: true;
  /** "how many reservations do we have", "how many resources": the distinct values of this column with charges, not money (src/ask/answer/distinct-count.ts). */
  count?: { of: 'CommitmentDiscountId' | 'ResourceId' | 'SubAccountId' | CountedDimension; by: string[] };
  /** Clouds named beside others that have no charges in the loaded data: left out, and said (absent-clouds.ts). */
  absent?: string[];
  /** Said instead of an answer when no stored row matches ("spot" where no row is at Dynamic pricing). */
  noneMatched?: string;
  /** noneMatched is said also when rows matched but none has this value ("spot vs on-demand" with no Dynamic row). */
  noneWith?: { dimension: string; value: string };
}

export interface Refusal {
  ok: false;
  message: string;
  suggestions: string[];
  /** Clouds named that have no charges, and those that have: said again for a viewer who sees only their teams' (absent-clouds.ts). */
  absent?: { clouds: string[]; held: string[] };
}

/** Characters of a question quoted back in a refusal: enough to say what was not understood, not a pasted page. */
const QUOTED_CHARS = 80;

export const quote = (text: string) => (text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text);

/** The refusal of a message in which nothing is read as a cost question (asked-sentence.ts sets such a lead-in aside). */
export const NOT_A_COST_QUESTION = "That doesn't look like a cost question I can answer.";

export function refuse(message: string): Refusal {
  return { ok: false, message, suggestions: SUGGESTIONS.slice(0, 3) };
}
