/**
 * Charts for owner alerts, where one helps: a daily cost anomaly's last two weeks, so the owner
 * sees the jump against the days before without asking. Posted as PNGs in the alert message's
 * thread (files.uploadV2), a few per message at most; an alert never fails for want of a chart.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { LineChart } from '../../charts/chart.ts';
import type { Finding } from '../../findings/finding.ts';
import { DAILY_TYPE } from '../../scans/anomaly/scan.ts';
import { scopeText } from '../../scans/format.ts';
import { renderChartPng } from '../chart-renderer.ts';
import { slackCall } from '../metrics.ts';

/** Charts per alert message: the largest findings' only, so a batch does not flood the thread. */
export const CHARTS_PER_MESSAGE = 3;

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

/** Uploads the charts of `findings` (largest impact first) into the thread of the alert at `ts`. */
export async function postAlertCharts(client: webApi.WebClient, channel: string, ts: string, findings: readonly Finding[]): Promise<number> {
  const charts = [...findings]
    .sort((a, b) => b.impactMonthly - a.impactMonthly)
    .flatMap((f) => alertChart(f) ?? [])
    .slice(0, CHARTS_PER_MESSAGE);
  for (const chart of charts) {
    const png = await renderChartPng(chart);
    await slackCall('files.uploadV2', () => client.filesUploadV2({ channel_id: channel, thread_ts: ts, file: png, filename: 'penny-anomaly.png', title: chart.title }));
  }
  return charts.length;
}
