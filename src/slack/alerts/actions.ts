/**
 * The buttons of owner alerts: Acknowledge, Snooze 7 days, Not an anomaly and Planned (feedback
 * that also teaches the anomaly detector, src/scans/feedback.ts). A click changes the finding in
 * Postgres, then redraws the original message from slack_alerts with chat.update, so everyone
 * who sees it sees who acted; a finding that no longer exists is said so to the clicker alone.
 * Only the finding's owners and the FinOps admins may act (finding-access.ts); anyone else is told
 * so alone, and the finding is left as it was.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { FindingNotFound, listFindings, setStatus } from '../../findings/store.ts';
import { logger } from '../../log/logger.ts';
import { recordFeedback } from '../../scans/feedback.ts';
import type { SlackDeps } from '../deps.ts';
import { refusalFor } from '../finding-access.ts';
import { whoClicked } from '../identity.ts';
import { countSlackError } from '../metrics.ts';
import { fingerprintsInMessage } from './store.ts';
import { ALERT_ACTIONS, alertMessage } from './view.ts';

const SNOOZE_DAYS = 7;

export function registerAlertActions(app: App, deps: SlackDeps): void {
  const { pool } = deps;
  const apply: Record<string, (fp: string, user: string) => Promise<unknown>> = {
    [ALERT_ACTIONS.acknowledge]: (fp) => setStatus(pool, fp, 'acknowledged'),
    [ALERT_ACTIONS.snooze]: (fp) => setStatus(pool, fp, 'snoozed', new Date((deps.now?.() ?? new Date()).getTime() + SNOOZE_DAYS * 86_400_000)),
    [ALERT_ACTIONS.notAnomaly]: (fp, user) => recordFeedback(pool, fp, 'not_an_anomaly', { by: user }),
    [ALERT_ACTIONS.planned]: (fp, user) => recordFeedback(pool, fp, 'planned', { by: user }),
  };
  for (const [actionId, act] of Object.entries(apply)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const fingerprint = action.value ?? '';
      const refused = await refusalFor(pool, deps.env.PENNY_ADMINS, await whoClicked(client, body.user.id), fingerprint, actionId);
      if (refused) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: refused });
        return;
      }
      try {
        await act(fingerprint, body.user.id);
      } catch (err) {
        if (!(err instanceof FindingNotFound)) throw err;
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'That finding no longer exists (the scan that found it has been reset).' });
        return;
      }
      const channel = body.channel?.id;
      const ts = body.message?.ts;
      if (!channel || !ts) return;
      const fingerprints = await fingerprintsInMessage(pool, channel, ts);
      const findings = await listFindings(pool, { fingerprints: fingerprints.length ? fingerprints : [fingerprint] });
      const order = new Map(fingerprints.map((fp, i) => [fp, i]));
      findings.sort((a, b) => (order.get(a.fingerprint) ?? 0) - (order.get(b.fingerprint) ?? 0));
      const actedBy = new Map([[fingerprint, body.user.id]]);
      try {
        await client.chat.update({ channel, ts, ...alertMessage(findings, { actedBy }) });
      } catch (err) {
        countSlackError('chat.update', err);
        logger.warn({ err, channel, ts }, 'could not update the alert message after a click');
      }
    });
  }
}
