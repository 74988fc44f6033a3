/**
 * "Error rate", "failure rate by model", "what % of calls failed": failed LLM calls over the calls
 * whose status is known, a share in portion.ts's shape (the part: calls with status error; the
 * whole: calls with a known status). A null status is a source that records none (migration 037),
 * so it is in neither; src/ask/answer/call-status.ts says how many calls that leaves out, or
 * declines when no call in scope has a known status. The rest of the question ("by model", "last
 * week", "for the search team", "by week", "vs last week", "did it go up") is planned as a count of
 * calls, the rate phrase read as "calls": over time a rate per period, against another period both
 * rates and the change (src/ask/answer/portion-change.ts). The agent's tool asks `failureRate` for
 * the same rate of the query its model wrote.
 */
import type { CostQuery, Filter } from '../../costs/query.ts';
import type { Plan, Refusal } from './plan.ts';
import { MAX_SHARE_CHARS, type Portion } from './portion.ts';

const CALLS = String.raw`(?:(?:llm|ai|model|api)\s+)?(?:calls?|requests?|completions?)`;
const FAILED = String.raw`(?:(?:that|which)\s+)?(?:have\s+|had\s+|were\s+)?(?:failed|fail|errored|error(?:ed)?\s+out|were\s+errors)`;
/** "error rate", "LLM call failure rate", "request error rates", "% of calls that failed", "what share of requests errored". */
const RATE = new RegExp(
  String.raw`(?<!\btasks?\s+)\b(?:${CALLS}\s+)?(?:error|failure|fail)\s+rates?\b(?!\s+(?:of|for)\s+(?:(?:our|the|all|my)\s+)?(?:[a-z0-9][a-z0-9._-]*\s+){0,2}(?:agent\s+)?tasks\b)|(?:\b(?:what|which)\s+)?(?:\b(?:share|percent(?:age)?|portion|proportion|fraction)|%)\s+of\s+(?:(?:the|our|all|my)\s+)?(?:${CALLS}\s+${FAILED}\b|failed\s+${CALLS}\b)`,
);

const FAILED_CALL: Filter = { dimension: 'call_status', op: 'eq', value: 'error' };
const KNOWN: Filter = { dimension: 'call_status', op: 'not', value: null };

const refuse = (message: string): Refusal => ({ ok: false, message, suggestions: ['Error rate of LLM calls by model last month', 'What % of calls failed last week?'] });

const ONE_FIGURE = 'I give the failure rate of LLM calls per period and group, over time or against another period, not of spend or against an amount; ask e.g. "error rate by model last month".';

/** The failure rate a question asks for, planned with `plan`; null when it asks for none. */
export function readCallRate(question: string, plan: (text: string) => Plan | Refusal): { part: Plan; portion: Portion } | Refusal | null {
  const text = question.toLowerCase();
  const m = RATE.exec(text);
  if (!m) return null;
  if (text.length > MAX_SHARE_CHARS) return refuse('I read a failure rate in a long message; ask it on its own, e.g. "error rate of LLM calls by model last month".');
  const typed = text.length === question.length ? question : text;
  const calls = plan(`${typed.slice(0, m.index)} calls ${typed.slice(m.index + m[0].length)}`);
  if (!calls.ok) return calls;
  const rate = calls.derived || calls.dailyAverage || calls.check || calls.versus || calls.set || calls.mixed ? { refusal: ONE_FIGURE } : failureRate(calls.query);
  if ('refusal' in rate) return refuse(rate.refusal);
  return { part: { ...calls, query: rate.part, assumptions: [rate.assumption, ...calls.assumptions] }, portion: rate.portion };
}

/**
 * The failure rate over a count of LLM calls (its scope, period and groups): the part's query
 * (failed calls), the share's whole (calls whose status is known) and how it is read; or why it
 * cannot be given. The planner's reading and the agent's `failure_rate` measure both come here.
 */
export function failureRate(q: CostQuery): { part: CostQuery; portion: Portion; assumption: string } | { refusal: string } {
  if (q.metric !== 'requests' || q.threshold) return { refusal: ONE_FIGURE };
  if (q.groupBy.includes('call_status') || q.filters.some((f) => f.dimension === 'call_status')) return { refusal: 'A failure rate is counted over every call status; ask it without a status.' };
  return {
    part: { ...q, filters: [...q.filters, FAILED_CALL] },
    portion: { whole: [...q.filters, KNOWN], label: 'Failure rate of LLM calls', counts: { part: 'failed', whole: 'whose source records status' } },
    assumption: 'failure rate = failed calls over the calls whose source records status',
  };
}
