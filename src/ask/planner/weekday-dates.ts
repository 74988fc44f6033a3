/**
 * One weekday named as a date: "since Tuesday", "since the deploy on Tuesday", "on Friday", "last
 * Thursday". It is the latest such day before today (today's data is not in yet), so on a Monday
 * "since Tuesday" is last week's Tuesday to yesterday. Plural or recurring days ("on Mondays",
 * "every Friday") are a filter on the day of the week (weekdays.ts), read before this.
 */
import type { TimeSpec } from '../../costs/query.ts';
import { addDays } from '../../schema/days.ts';
import type { QuestionText } from './text.ts';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY = `(${DAYS.map((d) => `${d.slice(0, 3)}(?:${d.slice(3)})?`).join('|')})`;
/** An event a period is counted from: "since the deploy on Tuesday", "after Friday's release". */
const EVENT = '(?:(?:the|our|we|a|my)\\s+)?(?:deploy(?:ment)?|release|launch|rollout|roll-out|migration|cutover|upgrade|incident|outage|change|switch|ship(?:ped)?|deployed|released|launched)';
const SINCE = new RegExp(`\\b(?:since|after|starting(?:\\s+from)?|from)\\s+(?:${EVENT}\\s+(?:on\\s+|last\\s+)?|(?:last|this\\s+past|the\\s+last)\\s+)?${DAY}\\b`);
const ON = new RegExp(`\\b(?:on\\s+(?:last\\s+)?|last\\s+|this\\s+past\\s+)${DAY}\\b`);

/** The latest `day` (0 = Monday) before `asOf`. */
function latest(day: number, asOf: string): string {
  const today = (new Date(`${asOf}T00:00:00Z`).getUTCDay() + 6) % 7;
  const back = (today - day + 7) % 7 || 7;
  return addDays(asOf, -back);
}

const dayIndex = (word: string) => DAYS.findIndex((d) => word.startsWith(d.slice(0, 3)));

/** "since Tuesday": from that day to today; "on Friday": that day alone. Null when no single weekday is named. */
export function takeWeekdayDate(t: QuestionText, asOf: string): { time: TimeSpec; label: string } | null {
  const since = t.takeOne(SINCE);
  if (since) {
    const from = latest(dayIndex(since[1]!), asOf);
    return { time: { from, to: asOf }, label: `since ${since[1]!.charAt(0).toUpperCase()}${since[1]!.slice(1)} ${from}` };
  }
  const on = t.takeOne(ON);
  if (on) {
    const day = latest(dayIndex(on[1]!), asOf);
    return { time: { from: day, to: addDays(day, 1) }, label: `${on[1]!.charAt(0).toUpperCase()}${on[1]!.slice(1)} ${day}` };
  }
  return null;
}
