/**
 * The App Home tab: each of the person's teams with month-to-date spend against its budget and the
 * forecast for the month (a coloured dot says how it stands), their open findings with status, and
 * the proposals waiting for their approval with a link to each card. Someone the owner map does
 * not name for any team gets how to be added instead of figures. Within Slack's limits: the
 * lists are cut to a few items each, well inside 100 blocks.
 */
import type { Finding } from '../../findings/finding.ts';
import type { Proposal } from '../../remediation/store.ts';
import { perCurrencyText } from '../../costs/currency.ts';
import { money } from '../../scans/format.ts';
import { codeBlock, context, escapeText, fitBlocks, header, section, type KnownBlock } from '../blocks.ts';
import type { Home } from './data.ts';
import type { TeamBudget } from './team-budgets.ts';

/** Teams, findings and approvals listed at most: a Home tab is read at a glance. */
const SHOWN = { teams: 20, findings: 8, approvals: 8 } as const;

export interface HomeView {
  type: 'home';
  blocks: KnownBlock[];
}

// Floored, as the budget findings word it: 81.99 % has not reached 82 %.
const pct = (x: number, of: number) => `${Math.floor((x / of) * 100)} %`;

function teamLine(t: TeamBudget): string {
  const spent = money(t.actual, t.currency);
  const forecast = money(t.forecast, t.currency);
  if (t.budget === null) {
    return `:white_circle: ${spent} so far, forecast ${forecast}. No budget yet: \`penny budget set --scope team=${escapeText(t.team)} --monthly <amount>\``;
  }
  const dot = t.actual >= t.budget ? ':red_circle:' : t.forecast > t.budget ? ':large_orange_circle:' : t.actual >= t.budget * 0.75 ? ':large_yellow_circle:' : ':large_green_circle:';
  const verdict = t.forecast > t.budget ? `, *over by ${money(t.forecast - t.budget, t.currency)}*` : '';
  return `${dot} ${spent} of ${money(t.budget, t.currency)} (${pct(t.actual, t.budget)}) · forecast ${forecast} (${pct(t.forecast, t.budget)})${verdict}`;
}

function monthName(label: string): string {
  return new Date(`${label}-01T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

const STATUS: Record<string, string> = { open: ':new: open', acknowledged: ':white_check_mark: acknowledged', snoozed: ':zzz: snoozed' };

function findingBlock(f: Finding): KnownBlock {
  const until = f.status === 'snoozed' && f.snoozedUntil ? ` until ${f.snoozedUntil.slice(0, 10)}` : '';
  return section(`*${money(f.impactMonthly, f.currency)}/month* · ${escapeText(f.title)}\n${STATUS[f.status] ?? f.status}${until} · ${f.kind} · first seen ${f.firstAsOf}`);
}

function approvalBlock(p: Proposal): KnownBlock {
  const card = p.cardChannel && p.cardTs ? ` · <https://slack.com/archives/${p.cardChannel}/p${p.cardTs.replace('.', '')}|open the card>` : '';
  return section(`*${escapeText(p.title)}*\nsaves ${money(p.savingsMonthly, p.currency)}/month · ${p.risk} risk · expires ${p.expiresAt.slice(0, 10)}${card}`);
}

function listBlocks<T>(title: string, items: T[], max: number, block: (item: T) => KnownBlock, none: string | null): KnownBlock[] {
  if (items.length === 0) return none === null ? [] : [section(`*${title}*\n${none}`), { type: 'divider' }];
  const more = items.length > max ? [context([`…and ${items.length - max} more`])] : [];
  return [section(`*${title}*`), ...items.slice(0, max).map(block), ...more, { type: 'divider' }];
}

/** How to get into the owner map, for someone it does not name. */
function notMapped(email: string | null): KnownBlock[] {
  const you = email ?? 'you@example.com';
  return [
    section(`I show each person the cloud and AI spend of the teams they own, and the owner map does not name you (${escapeText(you)}) for any team yet.`),
    section('*How to get mapped*\nAsk a FinOps admin to add your Slack user id or email to the owner map, for example in `owners.yaml`:'),
    codeBlock(`owners:\n  - match: { team: search }\n    owners: [${you}]`),
    section('and to load it with `npx penny owners import owners.yaml`. FinOps admins (`PENNY_ADMINS`) see every team.'),
    { type: 'divider' },
  ];
}

export function homeView(home: Home): HomeView {
  const { who, budgets } = home;
  const mapped = who.admin || budgets.teams.length > 0;
  const blocks: KnownBlock[] = [header(who.admin ? 'Cloud and AI spend, all teams' : mapped ? 'Your cloud and AI spend' : 'Welcome to Penny')];
  if (mapped) {
    const through = budgets.dataThrough ? `data through ${budgets.dataThrough.slice(0, 16).replace('T', ' ')} UTC` : 'no data yet';
    blocks.push(
      context([`<@${who.userId}>${who.admin ? ' · FinOps admin' : ` · ${escapeText(budgets.teams.map((t) => t.team).join(', '))}`}`, `${monthName(budgets.period.label)} to date · ${through}`]),
    );
    blocks.push(
      ...listBlocks(
        'Month to date against budget',
        budgets.teams,
        SHOWN.teams,
        (t) => section(`*${escapeText(t.team)}*\n${teamLine(t)}`),
        'No team has a budget yet: `penny budget set --scope team=<team> --monthly <amount>`.',
      ),
    );
  } else {
    blocks.push(...notMapped(who.email));
  }
  const atStake = perCurrencyText(
    home.findings.map((f) => ({ currency: f.currency, amount: f.impactMonthly })),
    (x, c) => `${money(x, c)}/month`,
  );
  const findingsTitle = `${mapped ? 'Open findings' : 'Findings you own'}${home.findings.length ? `: ${home.findings.length}, ${atStake} at stake` : ''}`;
  blocks.push(...listBlocks(findingsTitle, home.findings, SHOWN.findings, findingBlock, mapped ? 'Nothing open: the scans found nothing of yours that needs attention.' : null));
  blocks.push(...listBlocks('Waiting for your approval', home.approvals, SHOWN.approvals, approvalBlock, mapped ? 'Nothing is waiting for you.' : null));
  blocks.push(context(['Ask me about spend: DM me, mention @Penny in a channel, or `/penny what did we spend last month by team?`', `as of ${home.asOf}`]));
  return { type: 'home', blocks: fitBlocks(blocks) };
}
