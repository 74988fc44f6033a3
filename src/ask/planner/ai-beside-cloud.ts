/**
 * "AI vs compute", "AI spend vs storage in October", "storage vs AI": AI spend set beside one slice
 * of cloud spend (a service category, a service), with the difference, as "search vs checkout" sets
 * two teams side by side. AI calls have no service category, so no one query can group the two:
 * the cloud side is the question planned without its AI words, and the AI side is the same query
 * over AI usage without the filters only cloud billing has (src/ask/answer/ai-beside-cloud.ts runs
 * both). "AI vs cloud" names no slice and stays the two datasets side by side.
 */
import type { CostQuery, Filter } from '../../costs/query.ts';
import { datasetOf } from '../../costs/values.ts';
import type { Plan, Refusal } from './plan-result.ts';

const AI = String.raw`(?:our\s+|the\s+)?(?:ai|llm|genai|gen\s+ai)(?:\s+(?:spend|spending|costs?|bill))?`;
const VS = String.raw`\s+(?:vs\.?|versus|against|compared?\s+(?:to|with))\s+(?:our\s+|the\s+)?`;
const AI_FIRST = new RegExp(String.raw`\b${AI}${VS}`);
const AI_LAST = new RegExp(String.raw`${VS}${AI}\b`);
/** The longest question read this way: it is planned once more. */
const MAX_CHARS = 600;

const cloudOnly = (f: Filter) => datasetOf(f.dimension) === 'cloud';
const named = (f: Filter) => (f.op === 'in' ? f.values.join(' and ') : String(f.value));

/** The cloud side's plan with the AI side's query; null when the question sets no AI beside a slice of cloud spend. */
export function readAiBesideCloud(question: string, plan: (text: string) => Plan | Refusal): Plan | null {
  if (question.length > MAX_CHARS) return null;
  const text = question.toLowerCase();
  const m = AI_FIRST.exec(text) ?? AI_LAST.exec(text);
  if (!m) return null;
  const typed = text.length === question.length ? question : text;
  const cloud = plan(`${typed.slice(0, m.index)}${' '.repeat(m[0].length)}${typed.slice(m.index + m[0].length)}`);
  if (!cloud.ok) return null;
  const q = cloud.query;
  const slice = q.filters.filter((f) => cloudOnly(f) && f.op !== 'not');
  const one = q.groupBy.length === 0 && q.granularity === 'total' && !q.compare && !q.threshold && q.dataset === 'cloud';
  const plain = !(cloud.derived || cloud.dailyAverage || cloud.average || cloud.versus || cloud.set || cloud.mixed || cloud.portion || cloud.count || cloud.check);
  if (slice.length !== 1 || !one || !plain) return null;
  const ai: CostQuery = { ...q, dataset: 'ai', filters: q.filters.filter((f) => !cloudOnly(f)) };
  const label = named(slice[0]!);
  return { ...cloud, aiBeside: { ai, label }, assumptions: [...cloud.assumptions, `AI is the AI usage data (LLM calls), which has no ${label}; ${label} is cloud billing's`] };
}
