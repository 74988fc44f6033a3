/**
 * Questions about LLM calls themselves, not their spend's split: failed calls ("how many LLM calls
 * failed last week", "cost of errored requests"; llm_usage keeps each call's status, error for a
 * failed LiteLLM call or OpenTelemetry span) and the tasks that made the most calls ("which tasks
 * made the most calls", "top 5 tasks by calls"), a ranking by the task id calls carry.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

const CALLS = String.raw`(?:(?:llm|ai|model|api|openai|anthropic|gpt|claude|gemini)\s+)?(?:calls|requests|completions)`;
const FAILED = '(?:failed|failing|errored|erroring|unsuccessful|broken)';

/** "failed LLM calls", "LLM calls that failed", "calls which errored": the calls whose status is error. */
export function takeFailedCalls(t: QuestionText): Filter | null {
  const before = t.takeOne(new RegExp(String.raw`\b${FAILED}(?=\s+${CALLS}\b)`));
  const after = before ?? t.takeOne(new RegExp(String.raw`(?<=\b${CALLS}\s+)(?:(?:that|which)\s+)?(?:have\s+|had\s+)?(?:failed|fail|errored|error(?:ed)?\s+out)\b`));
  return before || after ? { dimension: 'call_status', op: 'eq', value: 'error' } : null;
}

const COUNT = String.raw`(\d{1,3}|three|five|ten)`;
const WORDS: Record<string, number> = { three: 3, five: 5, ten: 10 };

/**
 * "which tasks made the most calls", "tasks with the most LLM calls", "top 5 tasks by calls":
 * the number of tasks to rank (10 unless said), or null. Words between ("which support tasks")
 * are left to name matching.
 */
export function takeTaskRanking(t: QuestionText): { limit: number } | null {
  const most = t.takeOne(new RegExp(String.raw`\btasks?\s+(?:that\s+)?(?:made|make|makes|making|with|had|have|has|used|use|uses|using|ran|run|running|sent|send)\s+the\s+most\s+${CALLS}\b`));
  const top = most ? null : t.takeOne(new RegExp(String.raw`\btop\s+${COUNT}\s+(?:agent\s+)?tasks?\s+by\s+(?:number\s+of\s+)?${CALLS}\b`));
  if (!most && !top) return null;
  const n = (most ? t.takeOne(new RegExp(String.raw`\btop\s+${COUNT}\b`)) : top)?.[1];
  t.takeOne(/^\W*(?:which|what)\b/);
  return { limit: n ? (WORDS[n] ?? Number(n)) : 10 };
}
