/**
 * Days of the week: "on weekends", "weekday spend", "on Mondays and Fridays" filter by the
 * (UTC) day a cost is charged on; "weekday vs weekend" and "by day of the week" break it down.
 * A single "on Monday" is a date, left to time.ts; plural or "every Monday" is the weekday.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

export interface DayWords {
  filters: Filter[];
  groupBy: string[];
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY = `(?:${DAYS.map((d) => d.slice(0, 3) + (d.length > 3 ? `(?:${d.slice(3)})?` : '')).join('|')})`;
const WEEKEND = '(?:weekends?|week[\\s-]ends?|saturdays?\\s+and\\s+sundays?)';
const WEEKDAY = '(?:weekdays?|week\\s+days?|business\\s+days?|working\\s+days?|work\\s*days?)';
const SIDE_BY_SIDE = `\\b(?:${WEEKDAY}|${WEEKEND})(?:\\s+(?:spend|costs?|spending))?\\s+(?:vs\\.?|versus|compared\\s+(?:to|with)|against|and|or)\\s+(?:the\\s+)?(?:${WEEKDAY}|${WEEKEND})\\b|\\b(?:split|difference)\\s+between\\s+${WEEKDAY}\\s+and\\s+${WEEKEND}\\b|\\b(?:split|difference)\\s+between\\s+${WEEKEND}\\s+and\\s+${WEEKDAY}\\b`;
const BY_DAY = /\b(?:by|per|for\s+each|each)\s+(?:the\s+)?(?:day\s+of\s+(?:the\s+)?week|week\s*day|weekday)\b|\bday[\s-]of[\s-](?:the[\s-])?week\b/;
/** "Mondays", "every Monday", "on Mondays and Fridays": plural or recurring day names. */
const NAMED = new RegExp(`\\b(?:(?:every|each|all)\\s+(${DAY})|(${DAY})s)\\b(?:\\s*(?:,|and|or|&)\\s*(?:(?:every|each)\\s+)?(${DAY})s?\\b)*`);

/** One weekend, not weekends: "over the weekend", "during the weekend", "this past weekend". */
const ONE_WEEKEND = /\b(?:(?:over|during)\s+the|this\s+past)\s+week[\s-]?end\b(?!s)/;

const dayName = (word: string) => {
  const d = DAYS.find((x) => word.startsWith(x.slice(0, 3)))!;
  return d[0]!.toUpperCase() + d.slice(1);
};

export function takeDayWords(t: QuestionText): DayWords {
  if (t.takeOne(new RegExp(SIDE_BY_SIDE))) return { filters: [], groupBy: ['day_type'] };
  if (t.takeOne(BY_DAY)) return { filters: [], groupBy: ['day_of_week'] };
  const named = t.takeOne(NAMED);
  if (named) {
    const days = [...new Set([...named[0].matchAll(new RegExp(DAY, 'g'))].map((m) => dayName(m[0])))];
    const filter: Filter = days.length === 1 ? { dimension: 'day_of_week', op: 'eq', value: days[0]! } : { dimension: 'day_of_week', op: 'in', values: days };
    return { filters: [filter], groupBy: [] };
  }
  // "this weekend", "last weekend" and "over the weekend" are dates (relative-time.ts).
  const weekend = ONE_WEEKEND.test(t.rest()) ? null : t.takeOne(new RegExp(`(?:\\b(?:on|at|over|during|for)\\s+(?:the\\s+)?)?(?<!\\b(?:this|next|last|previous|past)\\s+)\\b${WEEKEND}\\b`));
  if (weekend) return { filters: [{ dimension: 'day_type', op: 'eq', value: 'weekend' }], groupBy: [] };
  // "the last 10 working days" is a period.
  const weekday = t.takeOne(new RegExp(`(?:\\b(?:on|over|during|for)\\s+)?(?<!\\d\\s*)\\b${WEEKDAY}\\b`));
  if (weekday) return { filters: [{ dimension: 'day_type', op: 'eq', value: 'weekday' }], groupBy: [] };
  return { filters: [], groupBy: [] };
}
