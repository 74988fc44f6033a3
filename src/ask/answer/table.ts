/**
 * A small text table of an answer's rows for terminals and Slack code blocks: dimension columns
 * first, then the metric (and the comparison), numbers right-aligned, at most `maxRows` rows.
 * Money is written in each row's own currency.
 */
import type { CostResult } from '../../costs/run.ts';
import { dimensionName, formatDelta, formatValue, metricName, rowUnit } from './format.ts';

export function formatTable(result: CostResult, maxRows = 20): string | null {
  if (result.rows.length === 0) return null;
  const q = result.query;
  const dims = [...q.groupBy];
  if (q.granularity !== 'total') dims.unshift('period');
  // A rate's rows say their currency only when there are several; money says it in its amounts.
  if (result.unit === 'ratio' && result.currencies.length > 1) dims.push('currency');
  const header = [...dims.map((d) => (d === 'period' ? q.granularity : d === 'currency' ? d : dimensionName(d))), metricName(q.metric), ...(result.previous ? ['previous', 'change'] : [])];
  const body = result.rows.slice(0, maxRows).map((r) => {
    const metric = r[q.metric];
    const cells = dims.map((d) => (r[d] === null ? '(none)' : String(r[d])));
    const unit = rowUnit(result, r);
    cells.push(formatValue(typeof metric === 'number' ? metric : null, unit));
    if (result.previous) {
      cells.push(formatValue(typeof r.previous === 'number' ? r.previous : null, unit));
      cells.push(formatDelta(typeof r.delta === 'number' ? r.delta : null, typeof r.delta_pct === 'number' ? r.delta_pct : null, unit));
    }
    return cells.map((c) => (c.length > 48 ? `${c.slice(0, 47)}…` : c));
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const numeric = (i: number) => i >= dims.length;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const more = result.rows.length > maxRows ? [`… ${result.rows.length - maxRows} more rows`] : [];
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ...more].join('\n');
}
