/**
 * `penny feedback <fingerprint> <expected|not-an-anomaly|planned> --reason <why> [--by <who>] [--json]`:
 * the CLI path for the feedback the Slack alert buttons give. The finding is dismissed with who
 * gave the feedback and why; on an anomaly the same pattern in the same scope stays quiet on later
 * runs (src/scans/feedback.ts), and what it silences is listed by `penny scan anomaly --suppressed`.
 */
import os from 'node:os';
import { Command } from 'commander';
import { FEEDBACK, type Feedback } from '../../findings/finding.ts';
import { FindingNotFound } from '../../findings/store.ts';
import { recordFeedback } from '../../scans/feedback.ts';
import { printJson, UserError, withDb } from '../context.ts';

const KINDS = FEEDBACK.map((f) => f.replace(/_/g, '-'));

export function feedbackCommand(): Command {
  return new Command('feedback')
    .argument('<fingerprint>', "the finding's fingerprint (penny scan --json)")
    .argument('<kind>', KINDS.join(', '))
    .requiredOption('--reason <why>', 'why: kept with the feedback and listed with what it silences')
    .option('--by <who>', 'who gives it (default: the login name)')
    .option('--json', 'print one JSON document on stdout')
    .action(async (fingerprint: string, kind: string, opts: { reason: string; by?: string; json?: boolean }) => {
      const feedback = kind.replace(/-/g, '_') as Feedback;
      if (!FEEDBACK.includes(feedback)) throw new UserError(`unknown feedback "${kind}"; use ${KINDS.join(', ')}`);
      const reason = opts.reason.trim();
      if (reason.length === 0) throw new UserError('--reason must say why');
      if (reason.length > 2000) throw new UserError('--reason is limited to 2,000 characters');
      const by = opts.by?.trim() || os.userInfo().username;
      const finding = await withDb(async ({ db }) => {
        try {
          return await recordFeedback(db.pool, fingerprint, feedback, { note: reason, by });
        } catch (err) {
          if (err instanceof FindingNotFound) throw new UserError(`no finding ${fingerprint}`);
          throw err;
        }
      });
      if (opts.json) return printJson({ fingerprint, status: finding.status, feedback, reason, by });
      process.stdout.write(`${finding.title}: dismissed as ${kind} by ${by} ("${reason}")\n`);
    });
}
