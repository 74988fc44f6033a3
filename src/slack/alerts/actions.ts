/**
 * The buttons of owner alerts: Acknowledge, Snooze 7 days, and the feedback buttons Not an anomaly,
 * Expected and Planned (feedback also teaches the anomaly detector, src/scans/feedback.ts). A
 * feedback button opens a modal asking why (feedback-modal.ts); its submission records the
 * feedback with the person and the reason. A change to the finding in Postgres is followed by a
 * redraw of the original message from slack_alerts with chat.update, so everyone who sees it sees
 * who acted; a finding that no longer exists is said so to the clicker alone. Only the finding's
 * owners and the FinOps admins may act (finding-access.ts), checked on the click and again on the
 * submission; anyone else is told so alone, and the finding is left as it was.
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { Feedback } from '../../findings/finding.ts';
import { FindingNotFound, listFindings, setStatus } from '../../findings/store.ts';
import { logger } from '../../log/logger.ts';
import { recordFeedback } from '../../scans/feedback.ts';
import type { SlackDeps } from '../deps.ts';
import { refusalFor } from '../finding-access.ts';
import { whoClicked } from '../identity.ts';
import { countSlackError } from '../metrics.ts';
import { FEEDBACK_VIEW, FeedbackMetadata, feedbackModal } from './feedback-modal.ts';
import { fingerprintsInMessage } from '../../notifications/store.ts';
import { alertMessage } from '../../notifications/message.ts';
import { ALERT_ACTIONS, alertView } from './view.ts';

const SNOOZE_DAYS = 7;
const GONE = 'That finding no longer exists (the scan that found it has been reset).';

const FEEDBACK_BUTTONS: Record<string, Feedback> = {
  [ALERT_ACTIONS.notAnomaly]: 'not_an_anomaly',
  [ALERT_ACTIONS.expected]: 'expected',
  [ALERT_ACTIONS.planned]: 'planned',
};

/** Redraws the alert message at channel/ts with its findings as they now are. */
async function redraw(deps: SlackDeps, client: webApi.WebClient, channel: string, ts: string, fingerprint: string, user: string): Promise<void> {
  const fingerprints = await fingerprintsInMessage(deps.pool, channel, ts);
  const findings = await listFindings(deps.pool, { fingerprints: fingerprints.length ? fingerprints : [fingerprint] });
  const order = new Map(fingerprints.map((fp, i) => [fp, i]));
  findings.sort((a, b) => (order.get(a.fingerprint) ?? 0) - (order.get(b.fingerprint) ?? 0));
  try {
    await client.chat.update({ channel, ts, ...alertView(alertMessage(findings), { actedBy: new Map([[fingerprint, user]]) }) });
  } catch (err) {
    countSlackError('chat.update', err);
    logger.warn({ err, channel, ts }, 'could not update the alert message after a click');
  }
}

export function registerAlertActions(app: App, deps: SlackDeps): void {
  const { pool } = deps;
  const refusal = async (client: webApi.WebClient, user: string, fingerprint: string, actionId: string) =>
    refusalFor(pool, deps.env.PENNY_ADMINS, await whoClicked(client, user), fingerprint, actionId);

  const apply: Record<string, (fp: string) => Promise<unknown>> = {
    [ALERT_ACTIONS.acknowledge]: (fp) => setStatus(pool, fp, 'acknowledged'),
    [ALERT_ACTIONS.snooze]: (fp) => setStatus(pool, fp, 'snoozed', new Date((deps.now?.() ?? new Date()).getTime() + SNOOZE_DAYS * 86_400_000)),
  };
  for (const [actionId, act] of Object.entries(apply)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const fingerprint = action.value ?? '';
      const refused = await refusal(client, body.user.id, fingerprint, actionId);
      if (refused) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: refused });
        return;
      }
      try {
        await act(fingerprint);
      } catch (err) {
        if (!(err instanceof FindingNotFound)) throw err;
        await respond({ response_type: 'ephemeral', replace_original: false, text: GONE });
        return;
      }
      if (body.channel?.id && body.message?.ts) await redraw(deps, client, body.channel.id, body.message.ts, fingerprint, body.user.id);
    });
  }

  for (const [actionId, feedback] of Object.entries(FEEDBACK_BUTTONS)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const fingerprint = action.value ?? '';
      const refused = await refusal(client, body.user.id, fingerprint, actionId);
      const [finding] = refused ? [] : await listFindings(pool, { fingerprints: [fingerprint] });
      if (refused || !finding) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: refused ?? GONE });
        return;
      }
      const view = feedbackModal({ fingerprint, feedback, channel: body.channel?.id, ts: body.message?.ts }, finding.title);
      await client.views.open({ trigger_id: body.trigger_id, view });
    });
  }

  app.view(FEEDBACK_VIEW, async ({ ack, body, view, client }) => {
    const meta = FeedbackMetadata.safeParse(
      (() => {
        try {
          return JSON.parse(view.private_metadata);
        } catch {
          return null;
        }
      })(),
    );
    const reason = (view.state.values.reason?.reason?.value ?? '').trim();
    if (!meta.success) {
      await ack({ response_action: 'errors', errors: { reason: 'This form is out of date: click the button on the alert again.' } });
      return;
    }
    if (reason.length < 3) {
      await ack({ response_action: 'errors', errors: { reason: 'Say why in a few words.' } });
      return;
    }
    const { fingerprint, feedback, channel, ts } = meta.data;
    const refused = await refusal(client, body.user.id, fingerprint, FEEDBACK_VIEW);
    if (refused) {
      await ack({ response_action: 'errors', errors: { reason: refused } });
      return;
    }
    try {
      await recordFeedback(pool, fingerprint, feedback, { by: body.user.id, note: reason });
    } catch (err) {
      if (!(err instanceof FindingNotFound)) throw err;
      await ack({ response_action: 'errors', errors: { reason: GONE } });
      return;
    }
    await ack();
    if (channel && ts) await redraw(deps, client, channel, ts, fingerprint, body.user.id);
  });
}
