/**
 * Remediation in Slack: the approval card's buttons (Approve; Reject → a modal asking why; Roll
 * back; Mark done) and the "Propose a fix" button of owner alerts; the cards themselves are sent
 * by approval-notifier.ts. Questions propose fixes through the same service (remediationOf).
 * Buttons carry only a proposal or finding id; every click goes to
 * the remediation service, which re-checks it in Postgres, and a refused click is answered to the
 * clicker alone with the reason. Signatures and stale timestamps are checked by the receiver
 * before anything here runs.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import type { SlackUser } from '../remediation/approvers.ts';
import { loadRemediationConfig, type RemediationConfig } from '../remediation/config.ts';
import type { Outcome } from '../remediation/decide.ts';
import type { Executors } from '../remediation/execute.ts';
import { FindingUnknown, Remediation } from '../remediation/service.ts';
import type { SlackMessage } from './answer-view.ts';
import { ACTIONS, REJECT_VIEW, rejectModal } from './approval-card.ts';
import { slackNotifier } from './approval-notifier.ts';
import { escapeText, fallback, section } from './blocks.ts';
import { refusalFor } from './finding-access.ts';
import { whoClicked } from './identity.ts';

/** What approvals need of the Slack app's dependencies (SlackDeps has it). */
export interface ApprovalDeps {
  pool: pg.Pool;
}

export interface ApprovalOptions {
  /** Defaults to the environment (src/remediation/config.ts). */
  config?: RemediationConfig;
  executors?: Executors;
}

// Each app's remediation service, for the other features that propose fixes (questions).
const services = new WeakMap<App, Promise<Remediation>>();

/** The remediation service registerApprovals started for `app`. */
export function remediationOf(app: App): Promise<Remediation> {
  const s = services.get(app);
  if (!s) throw new Error('remediation approvals are not registered on this Slack app');
  return s;
}

/** A short reply to the clicker: plain text, escaped. */
const notice = (text: string): SlackMessage => ({ text: fallback(text), blocks: [section(escapeText(text))] });

/**
 * At shutdown, after the app stopped taking clicks: stops the remediation sweep and waits (bounded)
 * for fixes under way to record their results.
 */
export async function stopApprovals(app: App): Promise<void> {
  const service = await services.get(app)?.catch(() => null);
  await service?.stop();
}

/** Proposes a fix for a finding on `userId`'s request, and says where its approval card waits. */
export async function proposeFix(s: Remediation, findingId: string, userId: string): Promise<SlackMessage> {
  try {
    const { proposal, created } = await s.propose(findingId, userId);
    const said = (title: string, where: string) =>
      created ? `Proposed: ${title}. The approval card is${where} waiting for an owner or a FinOps admin.` : `A fix for this is already waiting for approval${where}.`;
    return { text: fallback(said(proposal.title, '')), blocks: [section(said(escapeText(proposal.title), proposal.cardChannel ? ` in <#${proposal.cardChannel}>` : ''))] };
  } catch (err) {
    if (err instanceof FindingUnknown) return notice('That finding no longer exists, so there is nothing to fix.');
    throw err;
  }
}

export function registerApprovals(app: App, deps: ApprovalDeps, options: ApprovalOptions = {}): void {
  const config = options.config ?? loadRemediationConfig();
  const ready = Remediation.create(deps.pool, config, slackNotifier(app.client), options.executors);
  ready.catch((err: Error) => logger.error({ err: err.message }, 'remediation could not start; approval buttons will fail'));
  services.set(app, ready);

  // Expires overdue proposals (their cards say so), finishes runs a restart cut off, sends unsent cards.
  void ready.then(
    (s) => s.startSweeping(),
    () => undefined,
  );

  const refused = (o: Outcome) => (o.accepted ? null : notice(`Nothing was done: ${o.why}.`));

  /** A button of the card: acknowledged at once, then handled; a refusal is told to the clicker only. */
  function onButton(actionId: string, handle: (s: Remediation, id: string, user: SlackUser) => Promise<SlackMessage | null>) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const user = await whoClicked(client, body.user.id);
      const reply = await handle(await ready, action.value ?? '', user);
      if (reply) await respond({ response_type: 'ephemeral', replace_original: false, ...reply });
    });
  }

  onButton(ACTIONS.approve, async (s, id, user) => refused(await s.decide(id, user, 'approve')));
  onButton(ACTIONS.rollback, async (s, id, user) => refused(await s.rollBack(id, user)));
  onButton(ACTIONS.markDone, async (s, id, user) => refused(await s.markDone(id, user)));
  // A finding's button: only its owners and the admins may propose a fix for it.
  onButton(ACTIONS.proposeFix, async (s, findingId, user) => {
    const refusal = await refusalFor(deps.pool, config.admins, user, findingId, ACTIONS.proposeFix);
    return refusal ? notice(refusal) : proposeFix(s, findingId, user.id);
  });

  // Reject opens a modal; the decision is made when it is submitted, re-checked like any click.
  app.action<BlockAction<ButtonAction>>(ACTIONS.reject, async ({ ack, body, action, client }) => {
    await ack();
    const p = await (await ready).find(action.value ?? '');
    await client.views.open({ trigger_id: body.trigger_id, view: rejectModal(p ?? { id: action.value ?? '', title: 'this proposal' }) });
  });

  app.view(REJECT_VIEW, async ({ ack, body, view, client }) => {
    const reason = view.state.values.reason?.reason?.value ?? '';
    const s = await ready;
    const outcome = await s.record(view.private_metadata, await whoClicked(client, body.user.id), 'reject', reason);
    if (!outcome.accepted) {
      await ack({ response_action: 'errors', errors: { reason: `Not rejected: ${outcome.why}.` } });
      return;
    }
    await ack();
    await s.resume(outcome.proposal.id);
  });
}
