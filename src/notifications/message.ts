/**
 * What Penny tells people, channel-neutral: an alert (an owner's or a channel's findings, largest
 * first, a few shown with what can be done about each, the rest counted with their total per
 * currency), an escalation (a critical finding nobody acknowledged), or a report (the weekly
 * digest). A channel renders these (src/slack renders Block Kit); which findings, for whom, how
 * many and which actions apply are decided here.
 */
import type { ChartSpec, LineChart } from '../charts/chart.ts';
import { chartFor } from '../charts/choose.ts';
import { perCurrencyText, sumsByCurrency, type CurrencyAmount } from '../costs/currency.ts';
import type { Finding } from '../findings/finding.ts';
import type { Digest } from '../reports/digest.ts';
import { formatMoney } from '../schema/money.ts';
import { alertChart } from './chart.ts';

/** Findings shown in full in one message; 4 blocks each keeps a Slack batch far inside 50 blocks. */
export const SHOWN = 8;
/** Charts per alert message: the largest findings' only, so a batch does not flood the thread. */
export const CHARTS_PER_MESSAGE = 3;

/** What someone can do about an open finding, in the order offered. */
export type FindingAction = 'acknowledge' | 'snooze' | 'not_anomaly' | 'expected' | 'planned' | 'propose_fix';

export interface AlertMessage {
  kind: 'alert';
  /** One finding's title, or how many findings and how much money is at stake. */
  title: string;
  /** The findings shown in full, largest impact first. */
  shown: Finding[];
  /** The findings beyond those shown: how many, and their monthly impact per currency. */
  more: { count: number; monthly: CurrencyAmount[] } | null;
  /** Monthly impact per currency over every finding of the message. */
  monthly: CurrencyAmount[];
  /** Charts that help read the findings (a daily anomaly's last two weeks). */
  charts: LineChart[];
}

export interface EscalationMessage {
  kind: 'escalation';
  title: string;
  finding: Finding;
  /** Who was alerted and did not respond. */
  owners: string[];
  hours: number;
}

export interface ReportMessage {
  kind: 'digest';
  title: string;
  digest: Digest;
  charts: ChartSpec[];
}

export type Message = AlertMessage | EscalationMessage | ReportMessage;

/** What can be done about `f`: nothing once someone acted on it; feedback on anomalies only. */
export function findingActions(f: Finding): FindingAction[] {
  if (f.status !== 'open') return [];
  return ['acknowledge', 'snooze', ...(f.kind === 'anomaly' ? (['not_anomaly', 'expected'] as const) : []), 'planned', 'propose_fix'];
}

/** An alert's amount: whole units from 100 up, cents below ("$1,200", "€12.50"). */
export function alertMoney(x: number, currency: string): string {
  return formatMoney(x, currency, Math.abs(x) >= 100 ? 0 : 2);
}

/** "$1,200/month" or, over several currencies, "€300/month and $1,200/month": never one mixed sum. */
export const perMonth = (amounts: readonly CurrencyAmount[]) => perCurrencyText(amounts, (x, c) => `${alertMoney(x, c)}/month`);

const monthlyOf = (findings: readonly Finding[]) => sumsByCurrency(findings.map((f) => ({ currency: f.currency, amount: f.impactMonthly })));

/** One message of `findings` (largest impact first, as the store lists them). */
export function alertMessage(findings: Finding[]): AlertMessage {
  const monthly = monthlyOf(findings);
  const rest = findings.slice(SHOWN);
  const charts = [...findings]
    .sort((a, b) => b.impactMonthly - a.impactMonthly)
    .flatMap((f) => alertChart(f) ?? [])
    .slice(0, CHARTS_PER_MESSAGE);
  return {
    kind: 'alert',
    title: findings.length === 1 ? findings[0]!.title : `${findings.length} findings need your attention — ${perMonth(monthly)} at stake`,
    shown: findings.slice(0, SHOWN),
    more: rest.length ? { count: rest.length, monthly: monthlyOf(rest) } : null,
    monthly,
    charts,
  };
}

export function escalationMessage(f: Finding, owners: string[], hours: number): EscalationMessage {
  return { kind: 'escalation', title: `Unacknowledged for ${hours} h: ${f.title}`, finding: f, owners, hours };
}

/** The weekly digest as a message, with its chart (spend by team, this week beside last). */
export function digestMessage(digest: Digest): ReportMessage {
  const chart = chartFor(digest.byTeam);
  return { kind: 'digest', title: 'Weekly spend digest', digest, charts: chart ? [chart] : [] };
}
