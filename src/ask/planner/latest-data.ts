/**
 * Where a question with no period ends its window. The rule:
 * - The default window (30 days; 7 for a change; 6 months or 12 weeks for a trend: defaults.ts)
 *   ends at the latest complete day, the day before asOf, when the data reaches it.
 * - When the data the question reads ends before that day, the window ends at the data's last day
 *   instead, and is said so: "the latest 30 days of data", "cloud billing ends 2026-05-28". Last
 *   month's export loaded mid-month answers over its own days, not its tail or nothing.
 * - A lag of a day or two (billing exports normally have one) moves it too: 30 days that all hold
 *   data, not 29 and an empty last day that reads as a drop.
 * - The data's end is the end of the dataset the question reads (cloud billing, AI usage, the later
 *   of the two for both), over every team: the end of what was loaded, not of the rows asked about.
 *   A team or service that stopped spending shows its quiet weeks, not its last busy ones, and a
 *   viewer limited to some teams gets the window everyone gets. It is read before planning, as an
 *   answer's "data through" is (src/costs/coverage.ts), so it costs an index probe, not a scan.
 * - With no data at all, the window is the last 30 days as before.
 * Only the default moves: a period the user named keeps its calendar meaning (time.ts).
 */
import type { DataEnds } from '../../costs/coverage.ts';
import type { TimeSpec } from '../../costs/query.ts';
import { resolveTime } from '../../costs/time.ts';
import { addDays } from '../../schema/days.ts';
import { ALL_TIME, defaultTime } from './defaults.ts';
import { COUNT_PERIOD } from './commitment-count.ts';
import type { Dataset } from './measure.ts';
import type { Granularity } from './time.ts';

/** What each dataset is called where its end is said. */
export const DATASET_NAMES = { cloud: 'cloud billing', ai: 'AI usage' } as const;

/** The last day of the data `dataset` reads: the later of both datasets' for all spend. */
function endOf(ends: DataEnds, dataset: Dataset): string | null {
  const days = (dataset === 'all' ? [ends.cloud, ends.ai] : [ends[dataset]]).filter((d): d is string => d !== null);
  return days.length ? days.reduce((a, b) => (a > b ? a : b)) : null;
}

/** The datasets read that end before `day`, said: "cloud billing ends 2026-05-28". */
function endsBefore(ends: DataEnds, dataset: Dataset, day: string): string[] {
  return (['cloud', 'ai'] as const).flatMap((d) => ((dataset === 'all' || dataset === d) && ends[d] !== null && ends[d]! < day ? [`${DATASET_NAMES[d]} ends ${ends[d]}`] : []));
}

/**
 * The period of a question that names none, and its note: an invoice asked by id or per invoice is
 * read whole, a count of commitments over last month (commitment-count.ts), anything else over the
 * default window, ending where the data read ends. A daily average takes the 30 days a total does.
 */
export function unsaidPeriod(
  asked: { invoices: string | null; count: boolean; compare: boolean; trend: Granularity | 'auto' | null; average: Granularity | null },
  ctx: { asOf: string; dataEnds?: DataEnds },
  dataset: Dataset,
): { time: TimeSpec; period: string; note: string } {
  if (asked.invoices) return { time: ALL_TIME, period: 'all time', note: asked.invoices };
  if (asked.count) return { ...COUNT_PERIOD, note: `no period given: ${COUNT_PERIOD.period}` };
  return defaultPeriod(asked.compare, asked.trend ?? (asked.average === 'day' ? null : asked.average), ctx, dataset);
}

/** The window of a question with no period, its words, and the note that says how it was chosen. */
export function defaultPeriod(compare: boolean, trend: Granularity | 'auto' | null, ctx: { asOf: string; dataEnds?: DataEnds }, dataset: Dataset): { time: TimeSpec; period: string; note: string } {
  const latest = addDays(ctx.asOf, -1);
  const end = ctx.dataEnds ? endOf(ctx.dataEnds, dataset) : null;
  if (!end || end >= latest) {
    const base = defaultTime(compare, trend, ctx.asOf);
    const short = ctx.dataEnds ? endsBefore(ctx.dataEnds, dataset, latest) : [];
    return { ...base, note: `no period given: ${base.period}${short.length ? `; ${short.join(', ')}` : ''}` };
  }
  const anchor = addDays(end, 1);
  const base = defaultTime(compare, trend, anchor);
  const r = resolveTime(base.time, anchor);
  const period = `${base.period.replace(/^the last /, 'the latest ')} of data`;
  const short = endsBefore(ctx.dataEnds!, dataset, end);
  const which = dataset === 'all' ? 'cost data' : DATASET_NAMES[dataset];
  return { time: { from: r.from, to: r.to }, period, note: `no period given: ${period}, as ${which} ends ${end}${short.length ? ` (${short.join(', ')})` : ''}` };
}
