/**
 * Spend thresholds: "services that cost more than $1,000", "teams over $500 a week", "anything
 * above 10k". The amount keeps the groups (or periods) whose metric passes it, compared in each
 * row's own currency. "Anything" with nothing named to list is read as services, and said.
 */
import type { CostQuery } from '../../costs/query.ts';
import { dimensionOfWord } from './grouping.ts';
import type { QuestionText } from './text.ts';

export interface ThresholdWords {
  threshold: NonNullable<CostQuery['threshold']>;
  /** "anything above 10k": no grouping was named. */
  anything: boolean;
  /** "teams over $500": the dimension word right before the amount. */
  groupBy: string[];
  /** "days over $700": periods, not groups, are kept. */
  period: 'day' | 'week' | 'month' | null;
  /** The currency the amount was written in, when it said one ("€500", "500 euros"). */
  currency: string | null;
}

const ABOVE = 'more\\s+than|greater\\s+than|higher\\s+than|over|above|exceed(?:ed|ing|s)?|in\\s+excess\\s+of|upwards\\s+of|>';
const AT_LEAST = 'at\\s+least|no\\s+less\\s+than|>=|≥';
const BELOW = 'less\\s+than|lower\\s+than|fewer\\s+than|under|below|<';
const AT_MOST = 'at\\s+most|no\\s+more\\s+than|<=|≤';
const SIGN = '(\\$|€|£|usd\\s*|eur\\s*|gbp\\s*)?';
const NUMBER = '(\\d[\\d,]*(?:\\.\\d+)?|\\.\\d+)\\s*(k|m|thousand|million|grand)?';
const NAMED_CURRENCY = '(?:\\s*(dollars?|usd|euros?|eur|pounds?|gbp))?';
/** A number of days, calls or percent is a period or another measure, not an amount. */
const NOT_AMOUNT = '(?!\\s*(?:%|percent|days?|weeks?|months?|years?|hours?|times|x\\b))';
const THRESHOLD = new RegExp(
  `(?:\\b(?:cost(?:ing|s)?|spen(?:t|ding|ds?)|billed|with|of|by)\\s+)?(?<![a-z0-9])(?:(${AT_LEAST})|(${AT_MOST})|(${ABOVE})|(${BELOW}))\\s*(?:a\\s+total\\s+of\\s+)?${SIGN}${NUMBER}\\b${NAMED_CURRENCY}${NOT_AMOUNT}`,
);
/** The word or two before the amount, with "that", "are" and the like after it. */
const LINK = '(?:that|which|who|are|were|is|was)';
const BEFORE = new RegExp(`\\b(?:(?!${LINK}\\b)([a-z][a-z-]*)\\s+)?(?!${LINK}\\b)([a-z][a-z-]*)\\s+(?:${LINK}\\s+)*$`);
const ANYTHING = /\b(?:anything|everything|something|what(?:ever)?\s+(?:is|was|were|are)|which\s+(?:things|items|ones))\b/;

const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, grand: 1e3, m: 1e6, million: 1e6 };
const CURRENCY: Array<[RegExp, string]> = [
  [/^(?:\$|usd|dollars?)$/, 'USD'],
  [/^(?:€|eur|euros?)$/, 'EUR'],
  [/^(?:£|gbp|pounds?)$/, 'GBP'],
];

const PERIOD_WORD = /^(?:(day)|(week)|(month))s?$/;

/** "teams" in "teams over $500", "cost centers" in "cost centers that spent above 1k", "days" in "days over $700". */
function keptBefore(t: QuestionText, at: number): Pick<ThresholdWords, 'groupBy' | 'period'> {
  const none = { groupBy: [], period: null };
  const before = t.restBefore(at, 60);
  const w = BEFORE.exec(before.text);
  if (!w) return none;
  for (const phrase of [w[1] ? `${w[1]} ${w[2]}` : null, w[2]!]) {
    if (!phrase) continue;
    const p = PERIOD_WORD.exec(phrase);
    const dimension = p ? null : dimensionOfWord(phrase);
    if (!p && !dimension) continue;
    const start = before.offset + w.index + (phrase === w[2] && w[1] ? w[0].indexOf(w[2]!, w[1].length) : 0);
    t.mark({ start, end: start + phrase.length });
    return p ? { groupBy: [], period: p[1] ? 'day' : p[2] ? 'week' : 'month' } : { groupBy: [dimension!], period: null };
  }
  return none;
}

export function takeThreshold(t: QuestionText): ThresholdWords | null {
  const m = t.peek(THRESHOLD);
  if (!m) return null;
  t.mark({ start: m.index, end: m.index + m[0].length });
  const kept = keptBefore(t, m.index);
  const op = m[1] ? 'gte' : m[2] ? 'lte' : m[3] ? 'gt' : 'lt';
  const value = Number(m[6]!.replace(/,/g, '')) * (m[7] ? SCALE[m[7]]! : 1);
  const said = (m[5] ?? m[8])?.trim();
  const currency = said ? CURRENCY.find(([re]) => re.test(said))![1] : null;
  return { threshold: { op, value }, anything: t.takeOne(ANYTHING) !== null, currency, ...kept };
}

export interface ThresholdPlan {
  groupBy: string[];
  /** The filter on grouped rows, when there are groups or periods to keep. */
  threshold?: NonNullable<CostQuery['threshold']>;
  /** "did we spend over $10k?": one total, said against the amount. */
  check?: NonNullable<CostQuery['threshold']>;
  /** Set when listing services narrows the data to cloud billing. */
  dataset?: CostQuery['dataset'];
  assumption?: string;
}

/** Where the amount applies: to the groups or periods asked for, to services for "anything", else to the one total. */
export function thresholdPlan(words: ThresholdWords, groupBy: string[], granularity: CostQuery['granularity'], dataset: CostQuery['dataset']): ThresholdPlan {
  if (groupBy.length > 0 || granularity !== 'total') return { groupBy, threshold: words.threshold };
  if (words.anything && dataset === 'ai') return { groupBy: ['model'], threshold: words.threshold, assumption: '"anything" read as models' };
  if (words.anything) return { groupBy: ['ServiceName'], threshold: words.threshold, dataset: 'cloud', assumption: '"anything" read as cloud services (AI usage has no service)' };
  return { groupBy, check: words.threshold };
}
