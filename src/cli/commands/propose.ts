/**
 * `penny propose <finding> [--json]`: proposes a fix for a finding (its fingerprint, as `penny scan
 * --json` prints it, or its numeric id) and sends the approval card to Slack. Nothing executes
 * here: the card's Approve button, handled by `penny start`, decides. Needs SLACK_BOT_TOKEN.
 */
import { Command } from 'commander';
import { loadRemediationConfig } from '../../remediation/config.ts';
import { FindingUnknown, Remediation } from '../../remediation/service.ts';
import { slackNotifier } from '../../slack/approvals.ts';
import { slackClient } from '../../slack/client.ts';
import { printJson, UserError, withDb } from '../context.ts';

export function proposeCommand(): Command {
  return new Command('propose')
    .description('propose a fix for a finding and send its approval card to Slack')
    .argument('<finding>', 'the finding: its fingerprint (penny scan --json) or numeric id')
    .option('--json', 'print one JSON document on stdout')
    .action(async (ref: string, opts: { json?: boolean }) => {
      const config = loadRemediationConfig();
      const out = await withDb(async ({ env, db }) => {
        if (!env.SLACK_BOT_TOKEN) throw new UserError('SLACK_BOT_TOKEN is not set: the approval card is sent in Slack, and nothing runs without an approval there');
        const client = slackClient(env);
        const service = await Remediation.create(db.pool, config, slackNotifier(client));
        try {
          return await service.propose(ref, null);
        } catch (err) {
          if (err instanceof FindingUnknown) throw new UserError(`${err.message}; see penny scan --json for fingerprints`);
          throw err;
        }
      });
      const { proposal, created } = out;
      if (opts.json) return printJson({ created, proposal });
      process.stdout.write(
        `${created ? 'Proposed' : 'Already pending'}: ${proposal.title}\n  proposal ${proposal.id} · ${proposal.executor} · ${proposal.risk} risk · ` +
          `${proposal.savingsMonthly.toFixed(2)} ${proposal.currency}/month · card ${proposal.cardChannel ?? 'not sent'} · expires ${proposal.expiresAt}\n`,
      );
    });
}
