/**
 * Each group's share of the whole, as percentages (planner/group-shares.ts): every row of the
 * breakdown with its total over the breakdown's total in the same currency. Amounts in different
 * currencies are never added, so each currency's rows share its own total. The rows keep their
 * columns and gain `share` (a fraction, 0 to 1).
 */
import type { CostResult, CostRow } from '../../costs/run.ts';
import { dimensionName, formatValue, metricName, scopeText } from './format.ts';
import { capital, label, when } from './summary.ts';

/** Groups named in the sentence; the rest are counted with their share together. */
const NAMED = 8;

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function groupShares(result: CostResult, total: CostResult | undefined, period: string): { text: string; rows: CostRow[] } {
  const m = result.metric;
  const dims = result.query.groupBy;
  const currencies = result.currencies.length > 0 ? result.currencies : [null];
  const rows: CostRow[] = [];
  const parts = currencies.map((c) => {
    const mine = result.rows.filter((r) => c === null || r.currency === c);
    const whole = Number(total?.rows.find((r) => c === null || r.currency === c)?.[m] ?? mine.reduce((s, r) => s + Number(r[m] ?? 0), 0));
    const shared = mine.map((r): CostRow & { share: number | null } => ({ ...r, share: whole !== 0 ? Number(r[m] ?? 0) / whole : null }));
    rows.push(...shared);
    const unit = c ?? result.unit;
    const named = shared.slice(0, NAMED).map((r) => `${label(r, dims)} ${r.share === null ? 'no share' : percent(r.share)} (${formatValue(Number(r[m] ?? 0), unit)})`);
    const rest = shared.slice(NAMED);
    const restShare = rest.reduce((s, r) => s + (r.share ?? 0), 0);
    const tail = rest.length > 0 ? `, and ${rest.length} more with ${percent(restShare)}` : '';
    const body = shared.length === 0 ? 'nothing recorded' : `${named.join(', ')}${tail}`;
    return `${c && currencies.length > 1 ? `In ${c}: ` : ''}Share of ${metricName(m)}${scopeText(result.query)} by ${dims.map(dimensionName).join(' and ')}, ${when(result, period)} (total ${formatValue(whole, unit)}): ${body}.`;
  });
  return { text: capital(parts.join(' ')), rows };
}
