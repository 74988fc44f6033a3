/**
 * Charts for alerts, where one helps: a daily cost anomaly's last two weeks, so the owner sees the
 * jump against the days before without asking. A channel draws them (Slack posts PNGs in the
 * alert's thread); an alert never fails for want of a chart.
 */
import { z } from 'zod';
import type { LineChart } from '../charts/chart.ts';
import type { Finding } from '../findings/finding.ts';
import { DAILY_TYPE } from '../scans/anomaly/scan.ts';
import { scopeText } from '../scans/format.ts';

// Evidence is stored JSON: read it through a schema, and skip the chart if it does not fit.
const DailySeries = z.array(z.object({ date: z.iso.date(), cost: z.number().finite() })).min(2);

export function alertChart(f: Finding): LineChart | null {
  if (f.type !== DAILY_TYPE) return null;
  const series = DailySeries.safeParse(f.evidence.series);
  if (!series.success) return null;
  const days = series.data;
  const start = typeof f.evidence.start === 'string' ? `; the anomaly started ${f.evidence.start}` : '';
  return {
    kind: 'line',
    title: `${scopeText(f.scope)}: daily cost`,
    subtitle: `${days[0]!.date} to ${days.at(-1)!.date}${start}`,
    unit: f.currency,
    valueLabel: 'Effective cost',
    granularity: 'day',
    series: [''],
    other: null,
    points: days.map((d) => ({ period: d.date, series: '', value: d.cost, partial: false })),
  };
}
