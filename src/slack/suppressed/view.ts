/**
 * The Slack face of `penny scan anomaly --suppressed`: the anomalies feedback has kept quiet,
 * latest first, each with what it would have cost, the feedback behind it (which kind, who, why)
 * and how many scan runs it silenced, under a line counting them by kind. A FinOps lead reads it
 * to check that "not an anomaly" given months ago is not hiding a real problem today.
 */
import { perCurrencyText } from '../../costs/currency.ts';
import { EVERY_CURRENCY_NOTE, type SuppressedListing } from '../../scans/anomaly/suppressed.ts';
import { money, scopeText } from '../../scans/format.ts';
import type { SlackMessage } from '../answer-view.ts';
import { context, escapeText, fallback, fitBlocks, header, section, type KnownBlock } from '../blocks.ts';

/** Suppressed anomalies listed at most; the CLI's `--json` has them all. */
const SHOWN = 15;

const kindText = (feedback: string) => feedback.replace(/_/g, ' ');

/** A Slack user id as a mention; anyone else (feedback given from the CLI) by name. */
const person = (by: string | null) => (by === null ? 'someone' : /^[UW][A-Z0-9]{2,}$/.test(by) ? `<@${by}>` : escapeText(by));

function item(s: SuppressedListing): KnownBlock {
  const why = s.reason ? `: “${escapeText(s.reason)}”` : '';
  const runs = s.runs === 1 ? 'once' : `${s.runs} times`;
  const seen = s.firstAsOf === s.lastAsOf ? `on ${s.firstAsOf}` : `${s.firstAsOf} to ${s.lastAsOf}`;
  return section(
    `*${money(s.impactMonthly, s.currency)}/month* · ${escapeText(scopeText(s.scope))} · ${s.direction} from ${escapeText(s.start)}\n` +
      `:mute: ${kindText(s.feedback)} by ${person(s.by)}${why} · silenced ${runs} (${seen})${s.feedbackCurrency === null ? ` · ${EVERY_CURRENCY_NOTE}` : ''}`,
  );
}

export function suppressedMessage(list: readonly SuppressedListing[], everyone: boolean): SlackMessage {
  if (list.length === 0) {
    const text = everyone ? 'No anomaly has been suppressed by feedback.' : 'No anomaly of your teams has been suppressed by feedback.';
    return { text, blocks: [section(text)] };
  }
  const total = perCurrencyText(
    list.map((x) => ({ currency: x.currency, amount: x.impactMonthly })),
    (x, c) => `${money(x, c)}/month`,
  );
  const byKind = new Map<string, number>();
  for (const s of list) byKind.set(s.feedback, (byKind.get(s.feedback) ?? 0) + 1);
  const kinds = [...byKind]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${n} ${kindText(k)}`)
    .join(', ');
  const summary = `${list.length} ${list.length === 1 ? 'anomaly' : 'anomalies'} suppressed by feedback (${kinds}): ${total} had they been real.`;
  const more = list.length > SHOWN ? [context([`…and ${list.length - SHOWN} more`])] : [];
  const blocks: KnownBlock[] = [
    header(everyone ? 'What feedback has silenced' : 'What feedback has silenced on your teams'),
    section(escapeText(summary)),
    ...list.slice(0, SHOWN).map(item),
    ...more,
    context(['Feedback comes from the Not an anomaly, Expected and Planned buttons on alerts, or `penny feedback`; `penny scan anomaly --suppressed --json` has the full list.']),
  ];
  return { text: fallback(summary), blocks: fitBlocks(blocks) };
}
