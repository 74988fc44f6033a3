/**
 * Answers forecast, budget, waste and anomaly questions with numbers: "will we go over budget?"
 * from each budget's month to date and forecast (src/scans/budget/status.ts), "what's the
 * forecast for this month?" from the same weekday-aware forecast over the slice the question names,
 * and "what are we wasting money on?" from the scans' open findings (src/findings/store.ts). A
 * viewer who is not an admin sees only budgets and findings of their own teams, as with costs.
 */
import type pg from 'pg';
import { currencyList, DEFAULT_CURRENCY, perCurrencyText, sumsByCurrency } from '../../costs/currency.ts';
import { formatScope } from '../../schema/scope.ts';
import type { Viewer } from '../../costs/run.ts';
import type { Finding } from '../../findings/finding.ts';
import { listFindings } from '../../findings/store.ts';
import { BudgetParams } from '../../scans/params.ts';
import { budgetStatuses, forecastScope, type BudgetStatus } from '../../scans/budget/status.ts';
import { formatValue, lastDay, rangeText } from './format.ts';
import type { OutlookKind } from '../planner/outlook.ts';
import type { ClosedMonth } from '../planner/closed-month.ts';
import type { BudgetAsk } from '../planner/budget-ask.ts';
import { unarrivedMonth } from './unarrived-month.ts';

/** A kind of waste asked for (planner/waste-kinds.ts): the finding types it is stored as. */
type WasteKind = { types: string[]; label: string };

export interface Outlook {
  text: string;
  value: number | null;
  rows: Array<Record<string, string | number | null>>;
}

const RUN_RATE_DAYS = BudgetParams.parse({}).runRateDays;
/** Items named in a sentence; the rows hold them all. */
const NAMED = 5;

const money = (x: number, currency: string = DEFAULT_CURRENCY) => formatValue(x, currency);
const pct = (x: number) => `${Math.round(x * 100)} %`;
const scopeName = (scope: Record<string, string>) => (Object.keys(scope).length === 0 ? 'all spend' : formatScope(scope));

/** Whether a viewer may see what a scope names: admins all, others their teams' scopes only. */
function visible(viewer: Viewer, scope: Record<string, string>): boolean {
  return viewer.admin || (scope.team !== undefined && viewer.teams.includes(scope.team));
}

/** Whether a budget's or finding's scope lies within the slice the question names. */
const within = (scope: Record<string, string>, named: Record<string, string>) => Object.entries(named).every(([k, v]) => scope[k] === v);

async function forecastAnswer(pool: pg.Pool, named: Record<string, string>, viewer: Viewer, asOf: string): Promise<Outlook> {
  if (!visible(viewer, named)) return { text: 'You can ask for the forecast of your own teams: name one of them.', value: null, rows: [] };
  const budgets = (await budgetStatuses(pool, asOf, RUN_RATE_DAYS)).filter((s) => s.budget.amount !== null && JSON.stringify(s.budget.scope) === JSON.stringify(named));
  // The scope's budget says the currency to forecast in; spend in others is said apart, never added.
  const f = await forecastScope(pool, named, asOf, RUN_RATE_DAYS, budgets[0]?.budget.currency);
  if (!f) return { text: `I can't forecast ${scopeName(named)}: no cost data has those dimensions.`, value: null, rows: [] };
  const { period, cost, currency, leftOut } = f;
  const budget = budgets[0] ? Number(budgets[0].budget.amount) : null;
  const against = budget === null ? '' : `, ${pct(cost.forecast / budget)} of its ${money(budget, currency)} budget`;
  const apart =
    leftOut.length === 0
      ? ''
      : ` Not in this forecast: ${leftOut.map((o) => money(o.actualToDate, o.currency)).join(' and ')} spent in ${currencyList(leftOut.map((o) => o.currency))} (currencies are not added).`;
  const text =
    `Forecast for ${scopeName(named)}, ${period.label} (${rangeText({ from: period.start, to: period.end })}): ${money(cost.forecast, currency)}${against}. ` +
    `Spent ${money(cost.actual, currency)} through ${lastDay(asOf < period.end ? asOf : period.end)}; the ${cost.remainingDays} remaining days are projected at the average of their weekday over the last ${RUN_RATE_DAYS} days (about ${money(cost.dailyRate, currency)} a day).${apart}`;
  return {
    text,
    value: cost.forecast,
    rows: [{ scope: scopeName(named), period: period.label, currency, spent_to_date: cost.actual, forecast: cost.forecast, remaining_days: cost.remainingDays, daily_rate: cost.dailyRate, budget }],
  };
}

function budgetRow(s: BudgetStatus): Record<string, string | number | null> {
  const amount = Number(s.budget.amount);
  return {
    budget: s.budget.name ?? formatScope(s.budget.scope),
    period: s.period.label,
    currency: s.currency,
    amount,
    spent_to_date: s.cost.actual,
    forecast: s.cost.forecast,
    forecast_share: s.cost.forecast / amount,
    over_by: Math.max(0, s.cost.forecast - amount),
  };
}

/** A month already over: each budget's spend in it against the amount, said in the past tense. */
function closedMonthText(rows: Array<ReturnType<typeof budgetRow>>, month: ClosedMonth): string {
  const over = rows.filter((r) => (r.over_by as number) > 0);
  // "which teams stayed under budget?" asks for the others: they are named too, not left to be inferred.
  const within = rows.filter((r) => (r.over_by as number) <= 0);
  const others =
    over.length > 0 && within.length > 0
      ? ` The other ${within.length} stayed within: ${within
          .slice(0, NAMED)
          .map((r) => r.budget)
          .join(', ')}${within.length > NAMED ? `, and ${within.length - NAMED} more` : ''}.`
      : '';
  const m = (r: (typeof rows)[number], x: unknown) => money(x as number, r.currency as string);
  const line = (r: (typeof rows)[number]) => `${r.budget} spent ${m(r, r.spent_to_date)} against ${m(r, r.amount)} (${pct(r.forecast_share as number)})`;
  const one = rows.length === 1 ? rows[0]! : null;
  const head = one
    ? `${one.budget} ${over.length > 0 ? 'went over' : 'stayed within'} its budget in ${month.label}: spent ${m(one, one.spent_to_date)} against ${m(one, one.amount)} (${pct(one.forecast_share as number)})${over.length > 0 ? `, over by ${m(one, one.over_by)}` : ''}.`
    : over.length > 0
      ? `${over.length} of ${rows.length} budgets went over in ${month.label}: ${over
          .slice(0, NAMED)
          .map((r) => `${line(r)}, over by ${m(r, r.over_by)}`)
          .join('; ')}.${others}`
      : `No budget went over in ${month.label}; the closest was ${line(rows[0]!)}.`;
  return `${head} The month's whole spend, from the same daily totals the budget scan reads.`;
}

type FigureAsk = Exclude<BudgetAsk, 'status'>;

/** The figure a budget question asks for: the amount set, what is left of it, or what is spent so far. */
function figureOf(r: ReturnType<typeof budgetRow>, ask: FigureAsk): number {
  if (ask === 'amount') return r.amount as number;
  return ask === 'spent' ? (r.spent_to_date as number) : (r.amount as number) - (r.spent_to_date as number);
}

/** How much is left of one budget, spent of it, or the amount set, with where it stands said after. */
function amountOrLeftText(r: ReturnType<typeof budgetRow>, ask: FigureAsk, closed: boolean): Outlook {
  const m = (x: unknown) => money(x as number, r.currency as string);
  const left = (r.amount as number) - (r.spent_to_date as number);
  const spent = `${m(r.spent_to_date)} spent ${closed ? 'in it' : 'so far'}`;
  const ahead = closed ? '' : `; forecast ${m(r.forecast)} for the month (${pct(r.forecast_share as number)})`;
  const used = `${pct((r.spent_to_date as number) / (r.amount as number))} of ${m(r.amount)}`;
  const text =
    ask === 'amount'
      ? `${r.budget} is ${m(r.amount)} for ${r.period} (${spent}${ahead}).`
      : ask === 'spent'
        ? `${r.budget} has ${m(r.spent_to_date)} spent ${closed ? 'in' : 'so far in'} ${r.period}, ${used}${ahead}.`
        : left >= 0
          ? `${r.budget} has ${m(left)} left of ${m(r.amount)} for ${r.period} (${spent}${ahead}).`
          : `${r.budget} has nothing left for ${r.period}: ${m(r.spent_to_date)} spent against ${m(r.amount)}, over by ${m(-left)}${ahead}.`;
  return { text, value: figureOf(r, ask), rows: [r] };
}

const FIGURE_WORDS: Record<FigureAsk, string> = { amount: 'set', left: 'left (amount less spend so far; negative is over)', spent: 'spent so far' };

/** Several budgets' amounts, or what is left or spent of each, largest first, with their total per currency. */
function amountsOrLeftText(rows: Array<ReturnType<typeof budgetRow>>, ask: FigureAsk): Outlook {
  const of = (r: (typeof rows)[number]) => figureOf(r, ask);
  const items = rows.map((r) => ({ r, x: of(r) })).sort((a, b) => b.x - a.x);
  const totals = sumsByCurrency(items.map((i) => ({ currency: i.r.currency as string, amount: i.x })));
  const each = items
    .slice(0, NAMED)
    .map((i) => `${i.r.budget} ${money(i.x, i.r.currency as string)}`)
    .join(', ');
  const more = items.length > NAMED ? `, and ${items.length - NAMED} more` : '';
  const text = `${rows.length} monthly budgets for ${rows[0]!.period}, ${perCurrencyText(totals, money)} ${FIGURE_WORDS[ask]}: ${each}${more}.`;
  // Totals in several currencies are not added.
  return { text, value: totals.length === 1 ? totals[0]!.amount : null, rows };
}

async function budgetAnswer(pool: pg.Pool, named: Record<string, string>, viewer: Viewer, asOf: string, closed?: ClosedMonth, ask: BudgetAsk = 'status'): Promise<Outlook> {
  // A month already over is seen whole from the day after it: its spend is its forecast.
  const at = closed?.end ?? asOf;
  const all = (await budgetStatuses(pool, at, RUN_RATE_DAYS)).filter((s) => s.budget.amount !== null && visible(viewer, s.budget.scope) && within(s.budget.scope, named));
  if (all.length === 0 && closed) return { text: `No monthly budget is set${Object.keys(named).length > 0 ? ` for ${scopeName(named)}` : ''} (penny budget set adds one).`, value: null, rows: [] };
  if (all.length === 0) {
    const some = Object.keys(named).length > 0 ? ` for ${scopeName(named)}` : '';
    const f = await forecastAnswer(pool, named, viewer, asOf);
    return { ...f, text: `No monthly budget is set${some} (penny budget set adds one). ${f.text}` };
  }
  const rows = all.map(budgetRow).sort((a, b) => (b.forecast_share as number) - (a.forecast_share as number));
  if (ask !== 'status') return rows.length === 1 ? amountOrLeftText(rows[0]!, ask, closed !== undefined) : amountsOrLeftText(rows, ask);
  const over = rows.filter((r) => (r.over_by as number) > 0);
  // Overruns in several currencies have no one total.
  const overBy = sumsByCurrency(over.map((r) => ({ currency: r.currency as string, amount: r.over_by as number })));
  const total = overBy.length > 1 ? null : (overBy[0]?.amount ?? 0);
  if (closed) return { text: closedMonthText(rows, closed), value: rows.length === 1 ? (rows[0]!.spent_to_date as number) : total, rows };
  const label = rows[0]!.period;
  const m = (r: (typeof rows)[number], x: unknown) => money(x as number, r.currency as string);
  const line = (r: (typeof rows)[number]) => `${r.budget} forecast ${m(r, r.forecast)} against ${m(r, r.amount)} (${pct(r.forecast_share as number)}, ${m(r, r.spent_to_date)} spent so far)`;
  const head =
    over.length > 0
      ? `${over.length} of ${rows.length} budget${rows.length === 1 ? ' is' : over.length === 1 ? 's is' : 's are'} forecast to go over in ${label}: ${over
          .slice(0, NAMED)
          .map((r) => `${line(r)}, over by ${m(r, r.over_by)}`)
          .join('; ')}.`
      : `No budget is forecast to go over in ${label}; the closest is ${line(rows[0]!)}.`;
  const value = rows.length === 1 ? (rows[0]!.forecast as number) : total;
  return { text: `${head} Forecast: spend to date plus each remaining day at its weekday's average over the last ${RUN_RATE_DAYS} days.`, value, rows };
}

function findingRow(f: Finding): Record<string, string | number | null> {
  return { title: f.title, type: f.type, scope: formatScope(f.scope), impact_monthly: f.impactMonthly, currency: f.currency, status: f.status, last_seen: f.lastAsOf };
}

async function findingsAnswer(pool: pg.Pool, kind: 'waste' | 'anomaly', named: Record<string, string>, viewer: Viewer, waste?: WasteKind): Promise<Outlook> {
  const found = (await listFindings(pool, { kinds: [kind], statuses: ['open', 'acknowledged'] })).filter(
    (f) => visible(viewer, f.scope) && within(f.scope, named) && (!waste || waste.types.includes(f.type)),
  );
  const what = kind === 'waste' ? (waste ? `${waste.label} waste` : 'waste') : 'anomaly';
  const some = Object.keys(named).length > 0 ? ` for ${scopeName(named)}` : '';
  // No number: none stored may mean the scan has not run, and "how much would we save" has no $0 answer.
  if (found.length === 0) return { text: `No open ${what} findings${some} are stored; the ${kind} scan writes them (penny scan ${kind}).`, value: null, rows: [] };
  const totals = sumsByCurrency(found.map((f) => ({ currency: f.currency, amount: f.impactMonthly })));
  const items = found
    .slice(0, NAMED)
    .map((f) => `${f.title} (${money(f.impactMonthly, f.currency)}/month)`)
    .join('; ');
  const more = found.length > NAMED ? `; and ${found.length - NAMED} more` : '';
  const text = `${found.length} open ${what} finding${found.length === 1 ? '' : 's'}${some}, ${perCurrencyText(totals, money)} a month at stake: ${items}${more}. From the scans' latest runs, largest first.`;
  return { text, value: totals.length > 1 ? null : (totals[0]?.amount ?? 0), rows: found.map(findingRow) };
}

/** The answer to an outlook question over the slice of spend it names ({} for all of it). */
export async function answerOutlookKind(
  pool: pg.Pool,
  kind: OutlookKind,
  named: Record<string, string>,
  viewer: Viewer,
  asOf: string,
  budget: { closed?: ClosedMonth; ask?: BudgetAsk; waste?: WasteKind } = {},
): Promise<Outlook> {
  if (kind === 'waste' || kind === 'anomaly') return findingsAnswer(pool, kind, named, viewer, budget.waste);
  // A month already over is read whole, and a budget's amount needs no spend.
  const unarrived = budget.closed || budget.ask === 'amount' ? null : await unarrivedMonth(pool, asOf);
  if (unarrived) return { text: unarrived, value: null, rows: [] };
  if (kind === 'forecast') return forecastAnswer(pool, named, viewer, asOf);
  return budgetAnswer(pool, named, viewer, asOf, budget.closed, budget.ask);
}

/** The reading line of an outlook answer: what was looked at, as of when, and from where. */
export function outlookHow(kind: OutlookKind, named: Record<string, string>, asOf: string, wasteKind?: string): string {
  const scope =
    Object.entries(named)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'all spend';
  return `I read this as: ${wasteKind ? `${wasteKind} ` : ''}${kind} of ${scope}, as of ${asOf}, from the budget scan's forecast and the stored findings.`;
}
