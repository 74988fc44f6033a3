/**
 * Time words → a CostQuery time spec, a comparison and a granularity. Relative words resolve later
 * against asOf (src/costs/time.ts); named months, quarters and years become absolute dates here,
 * the most recent one not after asOf when no year is given.
 */
import { takeChangeNoun, takeCompareWords } from './compare-words.ts';
import { readJustBegun } from './just-begun.ts';
import type { Comparison, TimeSpec } from '../../costs/query.ts';
import type { DateRange } from '../../costs/time.ts';
import { resolveTime } from '../../costs/time.ts';
import type { QuestionText } from './text.ts';
import { addDays, DAY_MS } from '../../schema/days.ts';
import { DAY_RE, dayOf, iso, lastDayOf, latestYear, MONTH_RE, mondayOf, monthIndex, numberWord, utc, YEAR_RE, yearOf } from './date-words.ts';
import { takeMonthAgainst, takeMonthPair } from './month-pairs.ts';
import { takeQuarterPair } from './quarter-pairs.ts';
import { takePeriodPair } from './period-pairs.ts';
import { takeDayRangePair } from './day-range-pairs.ts';
import { takeRelative } from './relative-time.ts';
import { sinceLastYear, takeShiftedCompare } from './shifted-compare.ts';
import { takeSinceStart } from './since-start.ts';
import { takeJudgedChange } from './better-worse.ts';
import { takeWeekdayDate } from './weekday-dates.ts';

export type Granularity = 'hour' | 'day' | 'week' | 'month';
const COUNT = '(\\d+|two|three|four|five|six|seven|eight|nine|ten)';

export interface TimeWords {
  time: TimeSpec | null;
  /** Words for the range, as people say them ("last month", "September 2024"). */
  label: string | null;
  compare: boolean;
  /** The same dates a week, month or year earlier, when the comparison is not with the period just before. */
  shift?: Comparison;
  /** The earlier period named to compare with, not one counted back (period-pairs.ts). */
  against?: DateRange;
  /** Which way a comparison ranks movers: "why did it go up" ranks by increase. */
  direction: 'up' | 'down' | 'either' | null;
  /** "biggest movers", "what changed": rank the parts by their change. */
  movers: boolean;
  granularity: Granularity | 'auto' | null;
  /** "a month", "a week" said as a rate ("what does BigQuery cost a month"). */
  rate?: 'week' | 'month';
  /** "the 3 most expensive days": rank the periods, keep this many; direction when the words say it. */
  topPeriods: { limit: number; direction: 'desc' | 'asc' | null } | null;
  /** "improved", "worse": a change judged, read against the metric (better-worse.ts). */
  judged?: { word: string; better: boolean };
  /** How the period was read when it is not what was said ("this week" on a Monday: just-begun.ts). */
  note?: string;
}

/** Units whose "vs last …" alone means this one so far against it. */
const CALENDAR_UNITS = new Set(['week', 'month', 'quarter', 'year']);

function takeCompare(t: QuestionText, out: TimeWords): void {
  const versus = t.takeOne(
    // Only before a period ("vs last month", "vs the same days before"); "search vs checkout" compares names (plan.ts).
    new RegExp(
      `\\b(?:vs\\.?|versus|compared?\\s+(?:to|with)|against|relative\\s+to)\\s+(?=(?:the\\s+)?(?:same|last|previous|prior|preceding|month|week|quarter|year|period|one|day|\\d+\\s+days|before|${MONTH_RE.replace('(', '(?:')}|\\d{4}|q[1-4])\\b)` +
        '(?:the\\s+)?(?:same\\s+(?:days?\\s+|period\\s+)?(?:of\\s+|in\\s+)?)?(?:(?:last|previous|prior|preceding)\\b\\s*)?(month|week|quarter|year|period|one|day|\\d+\\s+days)?(?:\\s+before)?\\b',
    ),
  );
  if (versus) {
    out.compare = true;
    out.direction = 'either';
    // "how does this compare to last month" without a range of its own: this month so far.
    if (versus[1] && CALENDAR_UNITS.has(versus[1])) out.label = versus[1];
  }
  // "compare AI spend this month to last month", "compare last month with the one before": "to" before a period, once "compare" is said.
  const to =
    !versus && t.has(/\bcompare\b/)
      ? t.takeOne(/\b(?:to|with|and)\s+(?:the\s+)?(?:(?:last|previous|prior)\s+(month|week|quarter|year)|(?:month|week|quarter|year|one|period)\s+(?:before|prior)|previous\s+one)\b/)
      : null;
  if (to) {
    out.compare = true;
    out.direction = 'either';
    if (to[1]) out.label = to[1];
  }
  // "more last week than the week before", "less this month than last month": the period against the one before.
  const than = t.takeOne(
    /\bthan\s+(?:(?:in|during)\s+)?(?:the\s+)?(?:(week|month|quarter|year|period|one|day)\s+before|(?:previous|prior|preceding|last)\s+(week|month|quarter|year|period|one|day))\b/,
  );
  if (than) {
    out.compare = true;
    out.direction = 'either';
    // "higher than last month" alone: this month so far against the same days of last month, as "compared to last month".
    const unit = than[1] ?? than[2];
    if (unit && CALENDAR_UNITS.has(unit)) out.label = unit;
    t.takeOne(/\b(?:more|less)\b/);
  }
  const over = t.takeOne(/\b(month[\s-]+over[\s-]+month|mom|week[\s-]+over[\s-]+week|wow|quarter[\s-]+over[\s-]+quarter|qoq)\b/);
  if (over) {
    out.compare = true;
    out.direction = 'either';
    out.label = over[1]!.startsWith('w') ? 'week' : over[1]!.startsWith('q') ? 'quarter' : 'month';
  }
  // "how come CloudWatch jumped": why, in other words.
  if (t.takeOne(/\b(?:biggest|largest|top)\s+(?:(?:cost|spend|spending)\s+)?(?:movers?|changes?|increases?\s+(?:or|and)\s+decreases?)\b|\bmovers\b|\bwhat\s+changed\b|\bwhy\b|\bhow\s+come\b/)) {
    out.compare = true;
    out.direction = 'either';
    out.movers = true;
  }
  // "growing fastest", "grew the fastest": the growth ranked, as "grew the most" is (the growth word is read next).
  t.takeOne(/(?<=\bgr[eo]w\w*\s+(?:the\s+)?)fastest\b/);
  // "is GCP cheaper than Azure" sets names side by side (plan.ts); "than last month" was taken above.
  const up = t.takeOne(
    /\b(?:go(?:es)?|went|gone|going)\s+up\b|\b(?:increas(?:e|ed|es|ing)|grow|grows|growing|grew|growth|grown|ris(?:e|en|ing)|rose|jump(?:ed)?|spik(?:e|ed|ing)|(?:blew|blown|blowing|blows)\s+up|(?<=\b(?:did|does|do|will|has|have)\s+[\w.-]+(?:\s+[\w.-]+)?\s+)blow\s+up|higher(?!\s+than\b)|more\s+expensive(?!\s+than\b)|climb(?:ed)?)\b/,
  );
  const down = t.takeOne(
    /\b(?:go(?:es)?|went|gone|going)\s+down\b|\b(?:decreas(?:e|ed|es|ing)|drop(?:ped)?(?!\s+off\b)|fell(?!\s+off\b)|fall(?:en)?(?!\s+off\b)|(?:lower|cheaper)(?!\s+than\b)|shrank|declin(?:e|ed))\b/,
  );
  if (up || down) {
    out.compare = true;
    out.direction = up && down ? 'either' : up ? 'up' : 'down';
    // "what drove the increase", "what caused the drop": why it changed. Without a change word,
    // "what's driving EC2 costs" may ask what EC2 is made of, so it is left to decline.
    if (t.takeOne(/\bwhat(?:'s|\s+is|\s+was)?\s+(?:drove|driving|caused|causing|behind)\b/)) out.movers = true;
  }
  if (t.takeOne(/\bchang(?:e|ed|es)\b/)) {
    out.compare = true;
    out.direction ??= 'either';
  }
}

/** "most expensive day", "the 3 cheapest weeks", "which day": periods ranked, not a timeline. */
function takeTopPeriods(t: QuestionText, out: TimeWords): void {
  const m = t.takeOne(
    new RegExp(
      `\\b(?:(?:the\\s+)?(?:${COUNT}\\s+)?(?:(?:most\\s+expensive|costliest|priciest|biggest|highest|top|peak)|(cheapest|least\\s+expensive|lowest|quietest))\\s+(?:${COUNT}\\s+)?(?:(?:spending|spend|cost|costing)\\s+)?|(?:which|what)\\s+)(hour|day|week|month)(s)?\\b`,
    ),
  );
  if (!m) return;
  out.granularity = m[4] as Granularity;
  const n = m[1] ?? m[3];
  out.topPeriods = { limit: (n ? numberWord(n) : null) ?? (m[5] ? 5 : 1), direction: m[2] ? 'asc' : /^(?:which|what)/.test(m[0]) ? null : 'desc' };
}

const TREND = /\b(?:trend(?:s|ing|ed)?|over\s+time|timeline|history|time\s+series|chart)\b/;

function takeGranularity(t: QuestionText, out: TimeWords): void {
  const g = t.takeOne(
    /\b(?:(hourly|per\s+hour|by\s+(?:the\s+)?hour|each\s+hour|hour[\s-]+by[\s-]+hour|every\s+hour|an\s+hour)|(daily|per\s+day|by\s+day|each\s+day|day[\s-]+by[\s-]+day|a\s+day|every\s+day)|(weekly|per\s+week|by\s+week|each\s+week|week[\s-]+by[\s-]+week|every\s+week|a\s+week)|(monthly|per\s+month|by\s+month|each\s+month|month[\s-]+by[\s-]+month|every\s+month|a\s+month))\b/,
  );
  if (g) out.granularity = g[1] ? 'hour' : g[2] ? 'day' : g[3] ? 'week' : 'month';
  // "how much is BigQuery a month": a rate, not a timeline; with no period, the last whole one (takeTimeWords).
  if (g && /^a\s+(?:week|month)$/.test(g[0]) && !t.has(TREND)) out.rate = out.granularity as 'week' | 'month';
  if (t.takeOne(TREND)) out.granularity ??= 'auto';
}

/** Days a to b of one month as the range; false when they are not days of it. */
function monthDays(out: TimeWords, year: number, month: number, a: number, b: number): boolean {
  const last = new Date(utc(year, month + 1, 0)).getUTCDate();
  if (!(a >= 1 && a <= b && b <= last)) return false;
  const from = iso(utc(year, month, a));
  const to = iso(utc(year, month, b));
  out.time = { from, to: addDays(to, 1) };
  out.label = `${from} to ${to}`;
  return true;
}

/** Which days of a month "the first half", "the last week", "the first 2 weeks", "the last 10 days" of it are. */
function partOfMonth(which: string, part: string, count: number | null, last: number): [number, number] {
  if (part === 'half') return count ? [0, 0] : which === 'first' ? [1, 15] : [16, last];
  // "the second 3 days" says no days; a range monthDays refuses.
  const days = (count ?? 1) * (part.startsWith('week') ? 7 : 1);
  if (which === 'second') return count ? [0, 0] : [days + 1, days * 2];
  return which === 'first' ? [1, days] : [last - days + 1, last];
}

/** "the week of November 9": the Monday-to-Sunday week holding that day; "the week starting" it: seven days from it. */
function takeWeekOf(t: QuestionText, out: TimeWords, asOf: string): boolean {
  const m = t.peek(new RegExp(`\\b(?:(?:in|for|during|over)\\s+)?(?:the\\s+)?week\\s+(?:of|starting|beginning|commencing)\\s+(?:the\\s+)?${DAY_RE}`));
  const day = m ? dayOf(m, 1, asOf) : null;
  if (!m || !day) return false;
  t.mark({ start: m.index, end: m.index + m[0].length });
  const from = /\bweek\s+of\b/.test(m[0]) ? mondayOf(day) : day;
  out.time = { from, to: addDays(from, 7) };
  out.label = `the week of ${from}`;
  return true;
}

/**
 * "may" alone is too often the verb: as a month it needs a year or a preposition before it, "the",
 * "last" or a possessive before it ("the May billing period", "our may tax": no verb follows "our"), a cost word after it ("May cost", "may billed cost"), or a capital
 * where it is not the first word ("…, May spend"), or the end of the sentence after other words
 * ("savings plan effective cost may", "? may only"), or punctuation right after it ("(may)", "may,
 * by service"): the verb always has a verb after it.
 */
function mayIsMonth(t: QuestionText, at: number): boolean {
  const before = t.text.slice(Math.max(0, at - 6), at);
  const after = t.text.slice(at + 3, at + 40);
  const ends = /^\s*(?:only|alone|please|pls|plz)?\s*[?.!]*\s*$/.test(after) && /[a-z0-9]/.test(t.text.slice(0, at));
  return (
    ends ||
    /^\s*[)\],;:]/.test(after) ||
    /\b(?:the|last|this|past|our|my|their|your)\s+$/.test(before) ||
    /^\s+(?:billing|invoices?|bills?|costs?|spend|spending|charges|usage|total|numbers|tax(?:es)?|billed|invoiced|amorti[sz]ed|effective)\b/.test(after) ||
    t.capitalisedAt(at)
  );
}

function takeRange(t: QuestionText, out: TimeWords, asOf: string): void {
  if (out.time || takeSinceStart(t, out, asOf)) return;
  const pair = takeMonthPair(t, out, asOf);
  if (pair === true || takeWeekOf(t, out, asOf)) return;
  // "October 20 and 25", "Oct 20-25": the second day in the first day's month.
  const days = t.takeOne(new RegExp(`\\b(?:from|between)?\\s*${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:to|and|until|through|-)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+${YEAR_RE})?`));
  if (days) {
    const month = monthIndex(days[1]!);
    if (monthDays(out, yearOf(days[4]) ?? latestYear(asOf, month), month, Number(days[2]), Number(days[3]))) return;
  }
  // "between the 1st and the 10th of November".
  const days2 = t.takeOne(
    new RegExp(
      `(?<![\\w.-])(?:(?:from|between)\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:to|and|until|through|-)\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}(?:,?\\s+${YEAR_RE})?\\b`,
    ),
  );
  if (days2) {
    const month = monthIndex(days2[3]!);
    if (monthDays(out, yearOf(days2[4]) ?? latestYear(asOf, month), month, Number(days2[1]), Number(days2[2]))) return;
  }
  // "between the 1st and the 15th of this month", "the 1st to the 10th of last month".
  const relDays = t.takeOne(
    /\b(?:(?:from|between)\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:to|and|until|through|-)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+of\s+(?:the\s+)?(this|current|last|previous|prior)\s+month\b/,
  );
  if (relDays) {
    const [y, m] = asOf.split('-').map(Number) as [number, number];
    const back = /^(?:this|current)$/.test(relDays[3]!) ? 1 : 2;
    if (monthDays(out, new Date(utc(y, m - back)).getUTCFullYear(), new Date(utc(y, m - back)).getUTCMonth(), Number(relDays[1]), Number(relDays[2]))) return;
  }
  // "the first half of October", "the last week of September", "the first 2 weeks of November", "the last 10 days of October".
  // Taken only when it names days of the month: "the second 3 days of October" is left over, so declined.
  const part = t.peek(new RegExp(`\\b(?:(?:in|for|during|over)\\s+)?(?:the\\s+)?(first|second|last)\\s+(?:${COUNT}\\s+)?(half|weeks?|days?)\\s+of\\s+${MONTH_RE}(?:,?\\s+${YEAR_RE})?\\b`));
  if (part) {
    const month = monthIndex(part[4]!);
    const year = yearOf(part[5]) ?? latestYear(asOf, month);
    const [a, b] = partOfMonth(part[1]!, part[3]!, part[2] ? numberWord(part[2]) : null, new Date(utc(year, month + 1, 0)).getUTCDate());
    if (monthDays(out, year, month, a, b)) {
      t.mark({ start: part.index, end: part.index + part[0].length });
      return;
    }
  }
  // A day that is no day ("nov 31") is left unread, so the question is declined, not read for the default period.
  const range = t.peek(new RegExp(`\\b(?:from|between)?\\s*${DAY_RE}\\s+(?:to|and|until|through|-)\\s+${DAY_RE}`));
  if (range) {
    const from = dayOf(range, 1, asOf);
    const to = dayOf(range, 5, asOf);
    if (from && to && from <= to && t.claim(range)) {
      out.time = { from, to: addDays(to, 1) };
      out.label = `${from} to ${to}`;
      return;
    }
  }
  const start = t.takeOne(new RegExp(`\\b(?:since|from)\\s+(?:the\\s+)?(?:start|beginning)\\s+of\\s+${MONTH_RE}(?:\\s+${YEAR_RE})?\\b`));
  if (start) {
    const m = monthIndex(start[1]!);
    const from = iso(utc(yearOf(start[2]) ?? latestYear(asOf, m), m));
    if (from < asOf) {
      out.time = { from, to: asOf };
      out.label = `since ${from}`;
      return;
    }
  }
  const since = t.peek(new RegExp(`\\b(?:since|after|starting)\\s+${DAY_RE}`));
  if (since) {
    const from = dayOf(since, 1, asOf);
    if (from && from < asOf && t.claim(since)) {
      out.time = { from, to: asOf };
      out.label = `since ${from}`;
      return;
    }
  }
  // "the 15th of October", "15 Oct 2026": the day before the month; never the digit ending a name ("us-west-2 may").
  const dm = t.peek(new RegExp(`(?<![\\w.-])(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}(?:,?\\s+${YEAR_RE})?\\b`));
  if (dm) {
    const month = monthIndex(dm[2]!);
    const ms = utc(yearOf(dm[3]) ?? latestYear(asOf, month), month, Number(dm[1]));
    if (new Date(ms).getUTCMonth() === month && t.claim(dm)) {
      out.time = { from: iso(ms), to: addDays(iso(ms), 1) };
      out.label = `on ${iso(ms)}`;
      return;
    }
  }
  const day = t.peek(new RegExp(`\\b(?:on\\s+)?${DAY_RE}`));
  if (day) {
    const d = dayOf(day, 1, asOf);
    if (d && t.claim(day)) {
      out.time = { from: d, to: addDays(d, 1) };
      out.label = `on ${d}`;
      return;
    }
  }
  const quarter = t.takeOne(new RegExp(`\\bq([1-4])(?:\\s+(?:of\\s+)?|\\s*)${YEAR_RE}?\\b`));
  if (quarter) {
    const q = Number(quarter[1]) - 1;
    const year = yearOf(quarter[2]) ?? latestYear(asOf, q * 3);
    out.time = { from: iso(utc(year, q * 3)), to: iso(utc(year, q * 3 + 3)) };
    out.label = `Q${q + 1} ${year}`;
    return;
  }
  const ym = t.takeOne(/(?<![\w-])((?:19|20)\d{2})-(\d{2})(?![\w-])/);
  if (ym && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) {
    const [y, m] = [Number(ym[1]), Number(ym[2]) - 1];
    out.time = { from: iso(utc(y, m)), to: iso(utc(y, m + 1)) };
    out.label = `${ym[1]}-${ym[2]}`;
    return;
  }
  // "September and October", "Aug to Oct 2026", "aug-oct": whole months, the first before the second.
  const months =
    pair === 'apart'
      ? null
      : t.takeOne(new RegExp(`\\b(?:(?:in|for|during|from|between|over)\\s+)?${MONTH_RE}(?:\\s+(?:and|to|through|thru|until)\\s+|\\s?[-\u2013]\\s?)${MONTH_RE}(?:,?\\s+${YEAR_RE})?\\b`));
  if (months) {
    const [a, b] = [monthIndex(months[1]!), monthIndex(months[2]!)];
    const y = yearOf(months[3]) ?? latestYear(asOf, b);
    const from = iso(utc(a <= b ? y : y - 1, a));
    out.time = { from, to: iso(utc(y, b + 1)) };
    out.label = `${from} to ${lastDayOf(y, b)}`;
    return;
  }
  const month = t.peek(new RegExp(`\\b(?:(in|for|during|of|since)\\s+)?(?:the\\s+month\\s+of\\s+|last\\s+)?${MONTH_RE}(?:\\s+|\\s*,\\s*|\\s+of\\s+)?${YEAR_RE}?\\b`));
  if (month && !(month[2]!.startsWith('may') && !month[1] && !month[3] && !mayIsMonth(t, month.index + month[0].indexOf(month[2]!)))) {
    t.mark({ start: month.index, end: month.index + month[0].length });
    const m = monthIndex(month[2]!);
    const y = yearOf(month[3]) ?? latestYear(asOf, m);
    const name = new Date(utc(y, m)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    out.time = month[1] === 'since' ? { from: iso(utc(y, m)), to: asOf } : { from: iso(utc(y, m)), to: iso(utc(y, m + 1)) };
    out.label = month[1] === 'since' ? `since ${name} ${y}` : `${name} ${y}`;
    return;
  }
  takeRelative(t, out, asOf);
}

/**
 * The whole weeks (from Monday) or months inside a range, so a ranking of them compares like with
 * like: a partial week at either end is not "the cheapest week". Null when none fits.
 */
export function wholePeriods(time: TimeSpec, asOf: string, unit: 'week' | 'month'): { from: string; to: string } | null {
  const r = resolveTime(time, asOf);
  const start = (d: string) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    const x = new Date(ms);
    return unit === 'month' ? iso(utc(x.getUTCFullYear(), x.getUTCMonth())) : iso(ms - ((x.getUTCDay() + 6) % 7) * DAY_MS);
  };
  const next = (d: string) => (unit === 'week' ? addDays(d, 7) : iso(utc(Number(d.slice(0, 4)), Number(d.slice(5, 7)))));
  const from = start(r.from) === r.from ? r.from : next(start(r.from));
  const to = start(r.to);
  return from < to ? { from, to } : null;
}

/** Reads time, comparison and granularity words from the question. */
export function takeTimeWords(t: QuestionText, asOf: string): TimeWords {
  const out: TimeWords = { time: null, label: null, compare: false, direction: null, movers: false, granularity: null, topPeriods: null };
  takeTopPeriods(t, out);
  takeDayRangePair(t, out, asOf);
  takeMonthAgainst(t, out, asOf);
  if (!takeQuarterPair(t, out, asOf) && !out.time) takePeriodPair(t, out, asOf);
  const shift = takeShiftedCompare(t);
  if (shift) {
    out.shift = shift;
    out.compare = true;
    out.direction = 'either';
    // "YoY on our AWS bill" with no period: this year so far against the same dates last year.
    if (shift === 'year_before') out.label = 'year';
  }
  takeCompareWords(t, out);
  takeCompare(t, out);
  takeJudgedChange(t, out);
  takeChangeNoun(t, out);
  takeGranularity(t, out);
  const unitHint = out.label;
  out.label = null;
  // "trending week over week": a weekly trend, which shows each change.
  if (out.granularity === 'auto' && out.compare && !out.movers && (unitHint === 'week' || unitHint === 'month')) out.granularity = unitHint;
  const weekday = takeWeekdayDate(t, asOf);
  if (weekday) {
    out.time = weekday.time;
    out.label = weekday.label;
  } else takeRange(t, out, asOf);
  // "a month" with no period: the last whole month is what a month costs; with one, a trend over it.
  if (out.rate && out.time === null && !out.compare) {
    out.time = { period: `last_${out.rate}` };
    out.label = `the last whole ${out.rate}`;
    out.granularity = null;
  }
  if (out.time === null && unitHint && out.granularity !== unitHint) {
    // "compared to last month" alone: this month so far against the same days of last month.
    const spec: Record<string, TimeSpec> = { month: { period: 'month_to_date' }, week: { period: 'this_week' }, quarter: { period: 'this_quarter' } };
    if (unitHint === 'year' && out.compare) sinceLastYear(out, asOf);
    else if (spec[unitHint]) {
      // On its first day nothing of this period is stored yet: the last whole one against the one before.
      const r = resolveTime(spec[unitHint]!, asOf);
      const started = r.from < r.to;
      out.time = started ? spec[unitHint]! : { period: `last_${unitHint as 'month' | 'week' | 'quarter'}` };
      out.label = started ? `this ${unitHint} so far` : `last ${unitHint}`;
    }
  }
  const begun = readJustBegun(out, asOf);
  if (begun) out.note = begun;
  return out;
}
