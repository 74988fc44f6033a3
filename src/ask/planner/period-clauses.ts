/**
 * One question asked for two periods in two clauses: "what did search spend in October and what
 * did it spend in September", "how much was AI last month and how much the month before". The
 * second clause repeats the first (or says "it") and adds only a period, so it is read as the first
 * clause compared with that period: the current figure, the previous one and the change. A second
 * clause that asks anything else ("and how many calls did it make in September") is not read
 * here, and stays declined as two questions.
 */
import { MONTH_RE, YEAR_RE } from './date-words.ts';
import type { Plan, Refusal } from './plan-result.ts';

/** The second clause: a joiner and a question word ("and what", ", and how much", "; what about"). */
const SECOND = /(?:\s*[,;]\s*|\s+)(?:and|but)\s+(?:then\s+)?(?:also\s+)?(?=(?:how|what|which)\b)|\s*;\s*(?=(?:how|what|which)\b)/i;

/** Words that only carry a question: "what did it spend", "how much was it", "what about". */
const CARRIERS = new Set(
  'what how much many did does do was were is are it its they them their we us our he she spend spent spending cost costs costed come came to about was then also that this'.split(' '),
);

/** A period alone: a month (with its year), last/previous/the … before, a quarter, a year, yesterday. */
const PERIOD = new RegExp(
  String.raw`^(?:(?:in|for|during|over|on)\s+)?(?:the\s+)?(?:${MONTH_RE}(?:\s+${YEAR_RE})?|(?:last|previous|prior)\s+(?:month|week|quarter|year)|(?:month|week|quarter|year|day)\s+(?:before|prior)(?:\s+that)?|one\s+before|q[1-4](?:\s+${YEAR_RE})?|${YEAR_RE}|yesterday|day\s+before\s+yesterday|(?:this|current)\s+(?:month|week|quarter|year)(?:\s+so\s+far)?)$`,
  'i',
);

/**
 * A period in the first clause: without one, "which account is it in, and what did it cost last
 * month" asks two things, the second for a period, not one thing for two periods.
 */
const FIRST_PERIOD = new RegExp(String.raw`\b(?:${MONTH_RE}|(?:last|previous|prior|this|current)\s+(?:month|week|quarter|year)|q[1-4]|${YEAR_RE}|yesterday|today)\b`, 'i');

/** Words a period is made of: kept in the second clause even when the first says them too. */
const PERIOD_WORDS = /^(?:in|for|during|over|on|the|last|previous|prior|month|week|quarter|year|day|before|one|this|current|so|far|yesterday)$/i;

const words = (s: string) => s.toLowerCase().match(/[a-z0-9'.-]+/g) ?? [];

/** The question read as its first clause compared with the second clause's period, or null when it is not one. */
export function readPeriodClauses(question: string, plan: (text: string) => Plan | Refusal): Plan | Refusal | null {
  const joint = SECOND.exec(question);
  if (!joint) return null;
  const first = question.slice(0, joint.index).trim();
  if (!FIRST_PERIOD.test(first)) return null;
  const second = question.slice(joint.index + joint[0].length).replace(/[?.!\s]+$/, '');
  const said = new Set(words(first));
  const rest = words(second)
    .filter((w) => !CARRIERS.has(w) && (PERIOD_WORDS.test(w) || !said.has(w)))
    .join(' ');
  if (rest === '' || !PERIOD.test(rest)) return null;
  const period = rest.replace(/^(?:in|for|during|over|on)\s+/, '');
  const read = plan(`${first} compared with ${period}`);
  // Only a comparison answers both periods; anything else is left to the question as asked.
  if (!read.ok || !read.query.compare) return null;
  return { ...read, assumptions: [`the same question asked for ${period} in a second clause, read as a comparison with it`, ...read.assumptions] };
}
