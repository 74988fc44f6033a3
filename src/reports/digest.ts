/**
 * The weekly digest's figures: the last 7 complete days against the 7 before them (cloud, AI and
 * both), spend by team and by provider with their change, the biggest movers (cloud services and
 * AI team × feature pairs), and the open findings with the most money at stake. Every cost figure
 * is a CostQuery run through the query layer, read as a FinOps admin: the digest goes to a channel,
 * not to one person. Totals come one per currency, never added across currencies. The anomaly
 * figures count the open anomaly findings and what feedback silenced in the week, so a FinOps lead
 * sees both sides of alert feedback where the week is reviewed.
 */
import type pg from 'pg';
import { dimensionName } from '../ask/answer/format.ts';
import { DEFAULT_CURRENCY, sumsByCurrency, type CurrencyAmount } from '../costs/currency.ts';
import type { CostQueryInput } from '../costs/query.ts';
import { runCostQuery, type CostResult, type CostRow, type Viewer } from '../costs/run.ts';
import type { DateRange } from '../costs/time.ts';
import type { Finding } from '../findings/finding.ts';
import { listFindings } from '../findings/store.ts';
import { listSuppressed } from '../scans/anomaly/suppressed.ts';

export interface Change {
  currency: string;
  current: number;
  previous: number;
  delta: number;
  /** null when there was nothing the week before. */
  deltaPct: number | null;
}

export interface Mover extends Change {
  label: string;
  /** What the label names: a cloud service, or an AI feature of a team. */
  kind: 'cloud service' | 'AI feature';
}

export interface Digest {
  asOf: string;
  range: DateRange;
  previous: DateRange;
  /** One per currency of the data (one in USD when there is none). */
  total: Change[];
  cloud: Change[];
  ai: Change[];
  byTeam: CostResult;
  byProvider: CostResult;
  movers: Mover[];
  /** The open findings with the most money at stake, largest first. */
  findings: Finding[];
  openFindings: number;
  /** Money at stake per month, one sum per currency. */
  openMonthly: CurrencyAmount[];
  anomalies: AnomalyFigures;
  dataThrough: string | null;
}

export interface AnomalyFigures {
  /** Open anomaly findings. */
  open: number;
  /** Anomalies feedback silenced in a scan run of the digest's week, and what they would have cost per month. */
  suppressed: number;
  suppressedMonthly: CurrencyAmount[];
}

export interface DigestOptions {
  asOf: string;
  /** Movers shown. */
  movers: number;
  /** Findings shown. */
  findings: number;
}

const WEEK = { last_n_days: 7 } as const;
const EVERYTHING: Viewer = { admin: true, teams: [] };

const num = (v: CostRow[string] | undefined) => (typeof v === 'number' ? v : 0);

function changeOf(row: CostRow | undefined): Change {
  const current = num(row?.effective_cost);
  const previous = num(row?.previous);
  return { currency: String(row?.currency ?? DEFAULT_CURRENCY), current, previous, delta: current - previous, deltaPct: typeof row?.delta_pct === 'number' ? row.delta_pct : null };
}

/** An ungrouped total's change, one per currency. */
const changesOf = (result: CostResult): Change[] => (result.rows.length ? result.rows.map(changeOf) : [changeOf(undefined)]);

function weekOnWeek(pool: pg.Pool, asOf: string, query: Omit<CostQueryInput, 'time'>): Promise<CostResult> {
  return runCostQuery(pool, { metric: 'effective_cost', ...query, time: WEEK, compare: 'previous_period' }, { viewer: EVERYTHING, asOf, dataThrough: false });
}

const label = (row: CostRow, dims: string[]) => dims.map((d) => (row[d] === null ? `(no ${dimensionName(d)})` : String(row[d]))).join(' · ');

export async function buildDigest(pool: pg.Pool, options: DigestOptions): Promise<Digest> {
  const { asOf } = options;
  const ranked = { orderBy: { by: 'abs_delta', direction: 'desc' }, limit: options.movers } as const;
  // One query after another: a weekly job need not take seven of the pool's connections at once.
  const total = await runCostQuery(pool, { dataset: 'all', metric: 'effective_cost', time: WEEK, compare: 'previous_period' }, { viewer: EVERYTHING, asOf });
  const cloud = await weekOnWeek(pool, asOf, { dataset: 'cloud' });
  const ai = await weekOnWeek(pool, asOf, { dataset: 'ai' });
  const byTeam = await weekOnWeek(pool, asOf, { dataset: 'all', groupBy: ['team'] });
  const byProvider = await weekOnWeek(pool, asOf, { dataset: 'all', groupBy: ['provider'] });
  const services = await weekOnWeek(pool, asOf, { dataset: 'cloud', groupBy: ['ServiceName'], ...ranked });
  const features = await weekOnWeek(pool, asOf, { dataset: 'ai', groupBy: ['team', 'feature'], ...ranked });
  const movers: Mover[] = [
    ...services.rows.map((r) => ({ ...changeOf(r), label: label(r, ['ServiceName']), kind: 'cloud service' as const })),
    ...features.rows.map((r) => ({ ...changeOf(r), label: label(r, ['team', 'feature']), kind: 'AI feature' as const })),
  ]
    .filter((m) => m.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.label.localeCompare(b.label))
    .slice(0, options.movers);
  // Sorted by monthly impact, largest first, by the store.
  const open = await listFindings(pool, { statuses: ['open'] });
  // Silenced this week: a scan run in the week's range kept it quiet.
  const silenced = (await listSuppressed(pool)).filter((s) => s.lastAsOf >= total.range.from);
  return {
    asOf,
    range: total.range,
    previous: total.previous!,
    total: changesOf(total),
    cloud: changesOf(cloud),
    ai: changesOf(ai),
    byTeam,
    byProvider,
    movers,
    findings: open.slice(0, options.findings),
    openFindings: open.length,
    openMonthly: sumsByCurrency(open.map((f) => ({ currency: f.currency, amount: f.impactMonthly }))),
    anomalies: {
      open: open.filter((f) => f.kind === 'anomaly').length,
      suppressed: silenced.length,
      suppressedMonthly: sumsByCurrency(silenced.map((s) => ({ currency: s.currency, amount: s.impactMonthly }))),
    },
    dataThrough: total.dataThrough,
  };
}
