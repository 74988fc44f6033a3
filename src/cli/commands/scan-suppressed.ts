/**
 * `penny scan anomaly --suppressed [--json]`: the anomalies feedback has kept quiet, latest first,
 * each with the feedback behind it (kind, who, why) and how many runs it silenced, so a FinOps lead
 * sees what "not an anomaly", "expected" and "planned" are hiding. Reads the store; runs no scan.
 */
import type pg from 'pg';
import { perCurrencyText } from '../../costs/currency.ts';
import { EVERY_CURRENCY_NOTE, listSuppressed, type SuppressedListing } from '../../scans/anomaly/suppressed.ts';
import { money, scopeText } from '../../scans/format.ts';
import { printJson } from '../context.ts';

function table(list: SuppressedListing[]): string {
  const rows = list.map((s) => [
    money(s.impactMonthly, s.currency),
    s.start,
    s.feedback.replace(/_/g, ' '),
    s.by ?? '',
    String(s.runs),
    `${scopeText(s.scope)} (${s.direction})${s.reason ? `: "${s.reason}"` : ''}${s.feedbackCurrency === null ? ` (${EVERY_CURRENCY_NOTE})` : ''}`,
  ]);
  const head = ['impact/month', 'start', 'feedback', 'by', 'runs', 'suppressed anomaly'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 5 ? 0 : r[i]!.length))));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 4 ? c.padStart(widths[i]!) : i === 5 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export async function printSuppressed(pool: pg.Pool, json: boolean): Promise<void> {
  const suppressed = await listSuppressed(pool);
  if (json) return printJson({ count: suppressed.length, suppressed });
  if (suppressed.length === 0) return void process.stdout.write('No anomaly has been suppressed by feedback.\n');
  const total = perCurrencyText(
    suppressed.map((x) => ({ currency: x.currency, amount: x.impactMonthly })),
    (x, c) => `${money(x, c)}/month`,
  );
  process.stdout.write(`${table(suppressed)}\n\n${suppressed.length} anomalies suppressed by feedback (${total} had they been real)\n`);
}
