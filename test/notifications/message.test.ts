/**
 * What an alert says, decided before any channel renders it: how many findings are shown, what is
 * counted beyond them (money per currency, never one mixed sum), which actions each finding offers,
 * which charts go with it, and who a finding is routed to.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.ts';
import { alertMessage, escalationMessage, findingActions, SHOWN } from '../../src/notifications/message.ts';
import { recipientsOf } from '../../src/notifications/routing.ts';
import type { OwnerRule } from '../../src/owners/store.ts';
import { DAILY_TYPE } from '../../src/scans/anomaly/scan.ts';

let n = 0;
function finding(over: Partial<Finding> = {}): Finding {
  n++;
  return {
    fingerprint: `fp${n}`,
    kind: 'waste',
    type: 'idle_compute',
    scope: { resource_id: `i-${n}` },
    title: `Idle instance ${n}`,
    expected: 10,
    actual: 1,
    unit: 'percent',
    impactMonthly: 100,
    currency: 'USD',
    evidence: {},
    remediation: 'Stop it.',
    status: 'open',
    snoozedUntil: null,
    feedback: null,
    feedbackNote: null,
    feedbackBy: null,
    ownerHint: null,
    firstSeen: '2026-11-01',
    lastSeen: '2026-11-02',
    firstAsOf: '2026-11-01',
    lastAsOf: '2026-11-02',
    resolvedAt: null,
    ...over,
  };
}

describe('an alert message', () => {
  it('shows one finding by its title', () => {
    const f = finding();
    expect(alertMessage([f])).toMatchObject({ kind: 'alert', title: f.title, shown: [f], more: null, monthly: [{ currency: 'USD', amount: 100 }] });
  });

  it('shows the first findings and counts the rest with their money per currency', () => {
    const list = [...Array.from({ length: SHOWN }, () => finding({ impactMonthly: 300 })), finding({ impactMonthly: 40, currency: 'EUR' }), finding({ impactMonthly: 60 })];
    const m = alertMessage(list);
    expect(m.shown).toEqual(list.slice(0, SHOWN));
    expect(m.more).toEqual({
      count: 2,
      monthly: [
        { currency: 'EUR', amount: 40 },
        { currency: 'USD', amount: 60 },
      ],
    });
    expect(m.title).toBe(`${SHOWN + 2} findings need your attention — €40.00/month and $2,460/month at stake`);
  });

  it('offers feedback on anomalies only, and nothing once someone acted', () => {
    expect(findingActions(finding())).toEqual(['acknowledge', 'snooze', 'planned', 'propose_fix']);
    expect(findingActions(finding({ kind: 'anomaly', type: DAILY_TYPE }))).toEqual(['acknowledge', 'snooze', 'not_anomaly', 'expected', 'planned', 'propose_fix']);
    expect(findingActions(finding({ status: 'acknowledged' }))).toEqual([]);
  });

  it('carries the daily chart of its largest anomalies, three at most', () => {
    const series = Array.from({ length: 14 }, (_, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, cost: i === 13 ? 90 : 10 }));
    const anomalies = [1, 5, 3, 4, 2].map((x) => finding({ kind: 'anomaly', type: DAILY_TYPE, impactMonthly: x * 100, scope: { team: `t${x}` }, evidence: { series } }));
    const m = alertMessage([...anomalies, finding({ impactMonthly: 10_000 })]);
    expect(m.charts.map((c) => c.title)).toEqual(['t5: daily cost', 't4: daily cost', 't3: daily cost']);
    expect(alertMessage([finding({ kind: 'anomaly', type: DAILY_TYPE, evidence: { series: 'broken' } })]).charts).toEqual([]);
  });

  it('escalates with who did not respond', () => {
    const f = finding();
    expect(escalationMessage(f, ['U0OWNER001'], 24)).toEqual({ kind: 'escalation', title: `Unacknowledged for 24 h: ${f.title}`, finding: f, owners: ['U0OWNER001'], hours: 24 });
  });
});

describe('routing a finding', () => {
  const rules = [{ owners: ['U0SEARCH01', 'maya@example.com'] }] as unknown as OwnerRule[];
  it('goes to every owner of the rule naming its owner, a channel as is, or the fallback', () => {
    expect(recipientsOf(finding({ ownerHint: 'maya@example.com' }), rules, '#finops')).toEqual(['U0SEARCH01', 'maya@example.com']);
    expect(recipientsOf(finding({ ownerHint: 'U0OTHER001' }), rules, '#finops')).toEqual(['U0OTHER001']);
    expect(recipientsOf(finding({ ownerHint: '#team-search' }), rules, '#finops')).toEqual(['#team-search']);
    expect(recipientsOf(finding(), rules, '#finops')).toEqual(['#finops']);
    expect(recipientsOf(finding(), rules, null)).toEqual([]);
  });
});
