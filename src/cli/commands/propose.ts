/**
 * `penny propose <finding> [--dry-run] [--json]`: proposes a fix for a finding (its fingerprint, as
 * `penny scan --json` prints it, or its numeric id). The finding is checked first, and a fix nobody
 * could approve is refused; nothing is stored then. `--dry-run` shows the fix and where its card
 * would go without storing it. With SLACK_BOT_TOKEN the approval card is sent now; without it the
 * proposal is stored and `penny start`, once it runs with Slack, sends the card (its sweep sends
 * cards not yet sent). Nothing executes here: the card's Approve button, handled by `penny start`,
 * decides.
 */
import { Command } from 'commander';
import type { Env } from '../../config/env.ts';
import type { Db } from '../../db/pool.ts';
import { loadRemediationConfig, type RemediationConfig } from '../../remediation/config.ts';
import { draftProposal, FindingUnknown, Remediation, type Draft } from '../../remediation/service.ts';
import { createProposal, type Proposal } from '../../remediation/store.ts';
import { approvalNotifier } from '../../server/faces.ts';
import { printJson, UserError, withDb } from '../context.ts';
import { formatMoney } from '../../schema/money.ts';

type Proposed = { stored: false; draft: Draft } | { stored: true; proposal: Proposal; created: boolean; draft: Draft };

/** Through the remediation service, which sends the card now when a channel is connected; else stored for `penny start` to send. */
async function store(env: Env, db: Db, config: RemediationConfig, ref: string, draft: Draft) {
  const notifier = await approvalNotifier(env);
  if (!notifier) return createProposal(db.pool, draft.finding, draft.plan, { requestedBy: null, expiryMs: config.expiryMs });
  return (await Remediation.create(db.pool, config, notifier)).propose(ref, null);
}

async function propose(env: Env, db: Db, config: RemediationConfig, ref: string, dryRun: boolean): Promise<Proposed> {
  let draft: Draft;
  try {
    draft = await draftProposal(db.pool, config, ref);
  } catch (err) {
    if (err instanceof FindingUnknown) throw new UserError(`${err.message}; see penny scan --json for fingerprints`);
    throw err;
  }
  if (dryRun) return { stored: false, draft };
  if (draft.recipients.length === 0) {
    throw new UserError('nobody could approve it: its scope has no owner in the owner map, and neither PENNY_ADMINS nor PENNY_APPROVALS_CHANNEL is set; nothing was stored');
  }
  return { stored: true, ...(await store(env, db, config, ref, draft)), draft };
}

/** Where the card is, or will go and when. */
function cardLine(o: Proposed, sweepOn: boolean): string {
  const to = o.draft.recipients.join(', ') || 'nobody (no owner, PENNY_ADMINS or PENNY_APPROVALS_CHANNEL)';
  if (!o.stored) return `would go to ${to}`;
  if (o.proposal.cardChannel) return `sent to ${o.proposal.cardChannel}`;
  return sweepOn
    ? `not sent yet; \`penny start\` with Slack connected sends it to ${to} (within a couple of minutes, or when it next starts)`
    : `not sent yet, and PENNY_REMEDIATION_SWEEP_SECONDS=0 stops \`penny start\` from sending it: run this again with SLACK_BOT_TOKEN set to send it to ${to}`;
}

export function proposeCommand(): Command {
  return new Command('propose')
    .argument('<finding>', 'the finding: its fingerprint (penny scan --json) or numeric id')
    .option('--dry-run', 'show the fix and where its card would go, without storing it')
    .option('--json', 'print one JSON document on stdout')
    .action(async (ref: string, opts: { json?: boolean; dryRun?: boolean }) => {
      const config = loadRemediationConfig();
      const out = await withDb(({ env, db }) => propose(env, db, config, ref, opts.dryRun === true));
      const card = { to: out.draft.recipients, sent: out.stored && out.proposal.cardChannel !== null, status: cardLine(out, config.sweepEveryMs > 0) };
      if (opts.json) {
        return printJson(out.stored ? { stored: true, created: out.created, proposal: out.proposal, card } : { stored: false, plan: out.draft.plan, card });
      }
      const { plan, finding } = out.draft;
      const fix = out.stored ? out.proposal : { ...plan, savingsMonthly: finding.impactMonthly, currency: finding.currency };
      const head = out.stored
        ? `${out.created ? 'Proposed' : 'Already pending'}: ${out.proposal.title}\n  proposal ${out.proposal.id} · expires ${out.proposal.expiresAt}`
        : `Would propose (not stored): ${plan.title}`;
      process.stdout.write(`${head}\n  ${fix.executor} · ${fix.risk} risk · ${formatMoney(fix.savingsMonthly, fix.currency)}/month\n  approval card: ${card.status}\n`);
    });
}
