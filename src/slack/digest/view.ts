/**
 * The weekly digest as a Slack message: the week's total against the week before (and its cloud
 * and AI parts), tables of spend by team and by provider with their change, the top movers, the
 * open findings with the most money at stake, the anomalies open and silenced by feedback (with a
 * button that lists what feedback silenced, suppressed/action.ts), and how the figures were computed. The chart (spend
 * by team, this week beside last) goes into the message's thread as a PNG. Every amount is in its
 * own currency; with several, each total is given per currency.
 */
import { formatDelta, formatValue, howText, rangeText } from '../../ask/answer/format.ts';
import { formatTable } from '../../ask/answer/table.ts';
import { currencyList, perCurrencyText } from '../../costs/currency.ts';
import { money } from '../../scans/format.ts';
import { button, codeBlock, context, escapeText, fallback, fields, fitBlocks, header, section, type KnownBlock } from '../blocks.ts';
import { SUPPRESSED_ACTION } from '../suppressed/action.ts';
import type { SlackMessage } from '../answer-view.ts';
import type { Change, Digest } from '../../reports/digest.ts';

/** Rows in the team and provider tables; the rest are summed into the total above them. */
const TABLE_ROWS = 15;

const amount = (c: Change, x = c.current) => formatValue(x, c.currency);
const change = (c: Change) => formatDelta(c.delta, c.deltaPct, c.currency);
/** One text per currency, joined: a single currency reads as before. */
const each = (changes: Change[], text: (c: Change) => string, sep = '; ') => changes.map(text).join(sep);

function arrow(delta: number): string {
  return delta > 0 ? ':small_red_triangle:' : ':small_red_triangle_down:';
}

function moversBlock(d: Digest): KnownBlock {
  if (d.movers.length === 0) return section('*Top movers*\nNothing moved compared with the week before.');
  const lines = d.movers.map((m) => `${arrow(m.delta)} *${escapeText(m.label)}* (${m.kind}): ${change(m)} to ${amount(m)}`);
  return section(`*Top movers*\n${lines.join('\n')}`);
}

function findingsBlocks(d: Digest): KnownBlock[] {
  if (d.openFindings === 0) return [section('*Open findings*\nNone: the scans found nothing that needs attention.')];
  const lines = d.findings.map((f) => `• *${money(f.impactMonthly, f.currency)}/month* · ${escapeText(f.title)} _(${f.kind})_`);
  const rest = d.openFindings - d.findings.length;
  if (rest > 0) lines.push(`…and ${rest} more: see them in Penny's App Home or with \`penny scan --json\`.`);
  const stake = perCurrencyText(d.openMonthly, (x, c) => `${money(x, c)}/month`);
  return [section(`*Open findings: ${d.openFindings}, ${stake} at stake*\n${lines.join('\n')}`)];
}

/** Open anomalies and what feedback silenced this week; the button lists the silenced ones to whoever presses it, as they may see them. */
function anomaliesBlock(d: Digest): KnownBlock {
  const { open, suppressed, suppressedMonthly } = d.anomalies;
  const silenced =
    suppressed === 0
      ? 'Feedback silenced no anomaly this week.'
      : `Feedback silenced ${suppressed} ${suppressed === 1 ? 'anomaly' : 'anomalies'} this week: ${perCurrencyText(suppressedMonthly, (x, c) => `${money(x, c)}/month`)} had ${suppressed === 1 ? 'it' : 'they'} been real.`;
  return {
    ...section(`*Anomalies*\n${open} open ${open === 1 ? 'anomaly' : 'anomalies'}. ${silenced}`),
    accessory: button('What feedback silenced', SUPPRESSED_ACTION, 'digest'),
  };
}

export function digestView(d: Digest): SlackMessage {
  const week = rangeText(d.range);
  const headline = `Spend ${week}: ${each(d.total, (c) => `${amount(c)}, ${change(c)}`)} on ${rangeText(d.previous)}`;
  const perCurrency = d.total.length > 1 ? ` Amounts are per currency (${currencyList(d.total.map((c) => c.currency))}), not added.` : '';
  const blocks: KnownBlock[] = [
    header(`Weekly spend digest · ${week}`),
    section(
      `${each(d.total, (c) => `*${amount(c)}*`, ' and ')} spent in the last 7 days, ${each(d.total, change, ' and ')} on the 7 days before (${each(d.total, (c) => amount(c, c.previous), ' and ')}).${perCurrency}`,
    ),
    fields([
      ['Cloud', each(d.cloud, (c) => `${amount(c)}\n${change(c)}`, '\n')],
      ['AI', each(d.ai, (c) => `${amount(c)}\n${change(c)}`, '\n')],
    ]),
    { type: 'divider' },
  ];
  for (const [title, result] of [
    ['By team', d.byTeam],
    ['By provider', d.byProvider],
  ] as const) {
    const table = formatTable(result, TABLE_ROWS);
    if (table) blocks.push(section(`*${title}*`), codeBlock(table));
  }
  blocks.push(moversBlock(d), { type: 'divider' }, ...findingsBlocks(d), anomaliesBlock(d), context([escapeText(howText({ ...d.byTeam, dataThrough: d.dataThrough }))]));
  return { text: fallback(headline), blocks: fitBlocks(blocks) };
}
