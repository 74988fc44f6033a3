/**
 * "our top 3 days last month", "which week cost the most": ranking the days, weeks or months of one
 * total. Weeks and months are ranked whole, so a part-week at either end does not look cheap.
 */
import type { CostQuery, TimeSpec } from '../../costs/query.ts';
import { resolveTime } from '../../costs/time.ts';
import { wholePeriods } from './time.ts';

interface Ranked {
  time: TimeSpec;
  period: string;
  granularity: CostQuery['granularity'];
  /** Per group or against another period: not ranked yet. */
  grouped: boolean;
}

export function rankPeriods(limit: number, q: Ranked, asOf: string): { limit: number; time: TimeSpec; period: string; assumptions: string[] } | { refusal: string } {
  if (q.grouped) return { refusal: 'I can rank days, weeks or months of one total, not per group or against another period yet; ask for the daily cost by group as a trend instead.' };
  if (q.granularity !== 'week' && q.granularity !== 'month') return { limit, time: q.time, period: q.period, assumptions: [] };
  const unit = q.granularity;
  const whole = wholePeriods(q.time, asOf, unit);
  if (!whole) return { refusal: `${q.period || 'That period'} holds no whole ${unit}, so I can't rank its ${unit}s; ask about a longer period.` };
  const r = resolveTime(q.time, asOf);
  return { limit, time: whole, period: `whole ${unit}s of ${q.period}`, assumptions: whole.from !== r.from || whole.to !== r.to ? [`whole ${unit}s only`] : [] };
}
