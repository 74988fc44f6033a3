/**
 * A budget question about a month already over: "did ml go over budget in October?", "were we
 * within budget last month?". Budgets are monthly, so a whole calendar month before asOf's month is
 * answered from that month's spend against the budget; any other period is not one of theirs.
 */
import { resolveTime } from '../../costs/time.ts';
import { QuestionText } from './text.ts';
import { takeTimeWords } from './time.ts';

export interface ClosedMonth {
  /** The day after the month: the asOf at which the budget scan sees the whole month. */
  end: string;
  /** "October 2026". */
  label: string;
}

/** The whole month before asOf's month the question names, or null. */
export function closedMonthOf(question: string, asOf: string): ClosedMonth | null {
  const when = takeTimeWords(new QuestionText(question), asOf);
  if (!when.time || when.compare) return null;
  const { from, to } = resolveTime(when.time, asOf);
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const wholeMonth = from.endsWith('-01') && to === next.toISOString().slice(0, 10);
  if (!wholeMonth || to > `${asOf.slice(0, 7)}-01`) return null;
  return { end: to, label: new Date(`${from}T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }) };
}
