/**
 * The weekly digest as a Slack message: the week's total against the week before (and its cloud
 * and AI parts), tables of spend by team and by provider with their change, the top movers, the
 * open findings with the most money at stake, and how the figures were computed. The chart (spend
 * by team, this week beside last) goes into the message's thread as a PNG.
 */
import { formatDelta, formatValue, howText, rangeText } from '../../ask/format.ts';
import { formatTable } from '../../ask/table.ts';
import { money } from '../../scans/format.ts';
import { codeBlock, context, escapeText, fallback, fields, fitBlocks, header, section, type KnownBlock } from '../blocks.ts';
import type { SlackMessage } from '../answer-view.ts';
import type { Change, Digest } from './build.ts';

/** Rows in the team and provider tables; the rest are summed into the total above them. */
const TABLE_ROWS = 15;

const usd = (x: number) => formatValue(x, 'USD');
const change = (c: Change) => formatDelta(c.delta, c.deltaPct, 'USD');

function arrow(delta: number): string {
  return delta > 0 ? ':small_red_triangle:' : ':small_red_triangle_down:';
}

function moversBlock(d: Digest): KnownBlock {
  if (d.movers.length === 0) return section('*Top movers*\nNothing moved compared with the week before.');
  const lines = d.movers.map((m) => `${arrow(m.delta)} *${escapeText(m.label)}* (${m.kind}): ${change(m)} to ${usd(m.current)}`);
  return section(`*Top movers*\n${lines.join('\n')}`);
}

function findingsBlocks(d: Digest): KnownBlock[] {
  if (d.openFindings === 0) return [section('*Open findings*\nNone: the scans found nothing that needs attention.')];
  const currency = d.findings[0]?.currency ?? 'USD';
  const lines = d.findings.map((f) => `• *${money(f.impactMonthly, f.currency)}/month* · ${escapeText(f.title)} _(${f.kind})_`);
  const rest = d.openFindings - d.findings.length;
  if (rest > 0) lines.push(`…and ${rest} more: see them in Penny's App Home or with \`penny scan --json\`.`);
  return [section(`*Open findings: ${d.openFindings}, ${money(d.openMonthly, currency)}/month at stake*\n${lines.join('\n')}`)];
}

export function digestMessage(d: Digest): SlackMessage {
  const week = rangeText(d.range);
  const headline = `Spend ${week}: ${usd(d.total.current)}, ${change(d.total)} on ${rangeText(d.previous)}`;
  const blocks: KnownBlock[] = [
    header(`Weekly spend digest · ${week}`),
    section(`*${usd(d.total.current)}* spent in the last 7 days, ${change(d.total)} on the 7 days before (${usd(d.total.previous)}).`),
    fields([
      ['Cloud', `${usd(d.cloud.current)}\n${change(d.cloud)}`],
      ['AI', `${usd(d.ai.current)}\n${change(d.ai)}`],
    ]),
    { type: 'divider' },
  ];
  for (const [title, result] of [['By team', d.byTeam], ['By provider', d.byProvider]] as const) {
    const table = formatTable(result, TABLE_ROWS);
    if (table) blocks.push(section(`*${title}*`), codeBlock(table));
  }
  blocks.push(moversBlock(d), { type: 'divider' }, ...findingsBlocks(d), context([escapeText(howText({ ...d.byTeam, dataThrough: d.dataThrough }))]));
  return { text: fallback(headline), blocks: fitBlocks(blocks) };
}
