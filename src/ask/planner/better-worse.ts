/**
 * A change asked in words that judge it or say it otherwise than "up" or "down": "has the error
 * rate improved since last week", "did spend get worse", "is AI cost better than last month", "has
 * cloud cost dropped off", "did it shoot up". Each is a comparison with the period before, as "go
 * up" is. "Better" and "worse" judge: for a cost or a failure rate lower is better, for a success
 * rate higher; the answer says which way was read as better, and its figures say which way it went.
 */
import type { Metric } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

const GOT = String.raw`(?:(?:got|get|gets|gotten|getting|become|became|becoming|gone|grown|grew|been|any|much|a\s+lot|at\s+all|even)\s+)*`;
/** "Better than" a period was taken with the period (time.ts); "better than checkout" sets names side by side, not a change. */
const NOT_THAN = String.raw`(?!\s+than\b)`;
const BETTER = new RegExp(String.raw`\b${GOT}(?:better|improv(?:e|ed|es|ing|ement|ements))\b${NOT_THAN}`);
const WORSE = new RegExp(String.raw`\b${GOT}(?:worse|worsen(?:ed|ing|s)?|deteriorat(?:e|ed|es|ing|ion))\b${NOT_THAN}`);
/** Words for a fall that time.ts's "drop", "fall", "go down" leave a word of: "dropped off", "came down", "tailed off", "dipped". */
const FALL =
  /\b(?:(?:drop(?:s|ped)?|fell|fall(?:s|en)?|tail(?:s|ed)?|taper(?:s|ed)?|trail(?:s|ed)?)\s+off|(?:come|came|comes|coming)\s+down|dip(?:s|ped)?|plummet(?:s|ed)?|tank(?:s|ed|ing)|plunge[ds]?|slump(?:s|ed)?|eas(?:e|ed|es)\s+off)\b/;
/** Words for a rise: "shot up", "soared", "surged", "ballooned", "skyrocketed", "crept up", "ticked up". */
const RISE = /\b(?:(?:shot|shoot|shoots|crept|creep|creeping|ticked|tick|inched)\s+up|soar(?:s|ed)?|surge[ds]?|balloon(?:s|ed)?|sky[\s-]?rocket(?:s|ed)?|explod(?:e|ed|es))\b/;

/** Metrics where a higher figure is the better one. */
const HIGHER_IS_BETTER: ReadonlySet<Metric> = new Set(['task_success_rate']);

/** After time.ts's own change words ("why" asks movers either way; "worse" says which way). */
export function takeJudgedChange(t: QuestionText, out: TimeWords): void {
  const fall = t.takeOne(FALL);
  const rise = t.takeOne(RISE);
  const better = t.takeOne(BETTER);
  const worse = better ? null : t.takeOne(WORSE);
  if (!fall && !rise && !better && !worse) return;
  // For cost, a better figure is a lower one: "why did spend get worse" ranks the increases.
  const up = rise || worse || out.direction === 'up';
  const down = fall || better || out.direction === 'down';
  out.compare = true;
  out.direction = up && down ? 'either' : up ? 'up' : 'down';
  if (better || worse) out.judged = { word: (better ?? worse)![0].trim().split(/\s+/).pop()!, better: !!better };
}

/** How a judging word was read for the metric asked: said in the answer. */
export function judgedReading(judged: NonNullable<TimeWords['judged']>, metric: Metric): string {
  const higher = HIGHER_IS_BETTER.has(metric);
  return higher
    ? `"${judged.word}" read as ${judged.better ? 'a rise' : 'a fall'}: for a success rate, higher is better`
    : `"${judged.word}" read as ${judged.better ? 'a fall' : 'a rise'}: for cost and failure rates, lower is better`;
}
