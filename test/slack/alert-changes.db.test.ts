/**
 * An anomaly alert says what changed on its repositories (evidence.changes, src/changes) under the
 * finding's scope; a finding without it reads as before.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordRun, type DraftWithOwner } from '../../src/findings/store.ts';
import { deliverAlerts } from '../../src/notifications/owner-alerts.ts';
import { slackDeliverer } from '../../src/slack/deliverer.ts';
import { slackHarness, type SlackHarness } from './support/harness.ts';
import { blockKitProblems } from './support/limits.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await slackHarness({ env: { PENNY_FINOPS_CHANNEL: '#finops' } });
});
afterAll(() => h?.close());

const CHANGED = "support-agent cost ×3.8 since Tuesday; PR #412 'raise max_tokens to 4096' merged Tuesday 10:14 UTC, estimated +$61.69/month (upper bound)";

function anomaly(feature: string, changes?: { text: string }): DraftWithOwner {
  return {
    type: 'cost_anomaly',
    scope: { feature },
    key: '2026-11-03',
    title: `${feature}: $400/day on 2026-11-03 vs $105 expected (+281 %)`,
    expected: 105,
    actual: 400,
    unit: 'USD/day',
    impactMonthly: 8_900,
    currency: 'USD',
    evidence: { start: '2026-11-03', end: '2026-11-04', ...(changes ? { changes } : {}) },
    remediation: 'Look at the change.',
    ownerHint: null,
  };
}

it('shows what changed under the anomaly, and nothing for one without it', async () => {
  await recordRun(h.t.pool, { kind: 'anomaly', asOf: '2026-11-05', startedAt: new Date() }, [anomaly('support-agent', { text: CHANGED }), anomaly('search')]);
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 1, failed: 0 });
  const sections = h.fake
    .ok('chat.postMessage')
    .flatMap((c) => c.args.blocks as { type: string; text?: { text: string } }[])
    .flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
  expect(sections.find((s) => s.includes('support-agent:'))).toContain(`:twisted_rightwards_arrows: ${CHANGED.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`);
  expect(sections.find((s) => s.includes('search:'))).not.toContain(':twisted_rightwards_arrows:');
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
});
