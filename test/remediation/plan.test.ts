import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.ts';
import { loadRemediationConfig } from '../../src/remediation/config.ts';
import { ConfigEditError, keyPath, setModel } from '../../src/remediation/executors/config-edit.ts';
import { planFor } from '../../src/remediation/plan.ts';
import { idleComputeDraft, premiumModelDraft } from './seed.ts';

const finding = (d: ReturnType<typeof premiumModelDraft>): Finding => ({
  ...d,
  fingerprint: 'f'.repeat(32),
  kind: 'waste',
  status: 'open',
  snoozedUntil: null,
  feedback: null,
  feedbackNote: null,
  feedbackBy: null,
  ownerHint: null,
  firstSeen: '',
  lastSeen: '',
  firstAsOf: '',
  lastAsOf: '',
  resolvedAt: null,
});
const full = loadRemediationConfig({
  PENNY_REMEDIATION_REPO: 'acme/app',
  PENNY_REMEDIATION_FILE: 'models.json',
  PENNY_REMEDIATION_WEBHOOK_URL: 'https://hooks.example/penny',
  PENNY_REMEDIATION_WEBHOOK_SECRET: '0123456789abcdef',
});

describe('remediation config', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadRemediationConfig({ PENNY_REMEDIATION_WEBHOOK_URL: 'https://x.example' })).toThrow(/PENNY_REMEDIATION_WEBHOOK_SECRET: .* go together/);
    expect(() => loadRemediationConfig({ PENNY_REMEDIATION_REPO: 'acme', PENNY_REMEDIATION_FILE: 'a.yaml' })).toThrow(/PENNY_REMEDIATION_REPO: owner\/name/);
    expect(() => loadRemediationConfig({ PENNY_FOUR_EYES: 'sometimes' })).toThrow(/PENNY_FOUR_EYES/);
    expect(loadRemediationConfig({ PENNY_ADMINS: 'Fin@Example.com U0ADMIN001' }).admins).toEqual(['fin@example.com', 'U0ADMIN001']);
  });
});

describe('planFor', () => {
  it('chooses the action from the finding type and data, manual when no executor is configured', () => {
    expect(planFor(finding(premiumModelDraft()), full)).toMatchObject({ executor: 'github-pr', risk: 'medium', rollback: { kind: 'switch_model', from: 'gpt-4o-mini', to: 'gpt-4o' } });
    expect(planFor(finding(idleComputeDraft()), full)).toMatchObject({ executor: 'webhook', risk: 'high', rollback: { kind: 'start_instance' } });
    const nonprod = planFor(finding(idleComputeDraft({ type: 'nonprod_always_on', expected: 60 })), full);
    expect(nonprod).toMatchObject({ executor: 'webhook', action: { kind: 'schedule_instance', hoursPerWeek: 60 }, rollback: { kind: 'unschedule_instance' } });
    const bare = loadRemediationConfig({});
    expect(planFor(finding(premiumModelDraft()), bare)).toMatchObject({ executor: 'manual', action: { instructions: expect.stringContaining('PENNY_REMEDIATION_REPO') } });
    expect(planFor(finding(idleComputeDraft({ scope: { resource_id: 'i-1 && shutdown -h now' } })), full).executor).toBe('manual');
    expect(planFor(finding(premiumModelDraft({ type: 'budget_threshold' })), full).executor).toBe('manual');
  });
});

describe('risk', () => {
  const bare = loadRemediationConfig({});
  const gpu = (impactMonthly: number) => finding(idleComputeDraft({ impactMonthly }));

  it('follows the action and the money it moves, not whether an executor is configured', () => {
    // Stopping a $4k/month GPU instance is high risk, by webhook or by hand.
    expect(planFor(gpu(4000), full)).toMatchObject({ executor: 'webhook', risk: 'high' });
    expect(planFor(gpu(4000), bare)).toMatchObject({ executor: 'manual', risk: 'high' });
    // Stopping a small instance is still an outage if it was in use.
    expect(planFor(gpu(40), bare)).toMatchObject({ executor: 'manual', risk: 'medium' });
    // A small config edit, reviewed in its pull request, is low; one moving more than the threshold is not.
    expect(planFor(finding(premiumModelDraft({ impactMonthly: 80 })), full)).toMatchObject({ executor: 'github-pr', risk: 'low' });
    expect(planFor(finding(premiumModelDraft({ impactMonthly: 80 })), bare)).toMatchObject({ executor: 'manual', risk: 'low' });
    expect(planFor(finding(premiumModelDraft({ impactMonthly: 5000 })), bare)).toMatchObject({ executor: 'manual', risk: 'medium' });
    // Off-hours schedules for non-production; a fix with no automatic action goes by its stakes alone.
    expect(planFor(finding(idleComputeDraft({ type: 'nonprod_always_on', expected: 60, impactMonthly: 300 })), bare).risk).toBe('low');
    expect(planFor(finding(premiumModelDraft({ type: 'budget_threshold', impactMonthly: 300 })), full).risk).toBe('low');
    expect(planFor(finding(premiumModelDraft({ type: 'budget_threshold', impactMonthly: 30_000 })), full).risk).toBe('medium');
  });

  it('the threshold is a setting', () => {
    const strict = loadRemediationConfig({ PENNY_REMEDIATION_HIGH_STAKES_MONTHLY: '50' });
    expect(planFor(finding(premiumModelDraft({ impactMonthly: 80 })), strict).risk).toBe('medium');
    expect(planFor(gpu(40), strict).risk).toBe('medium');
    expect(() => loadRemediationConfig({ PENNY_REMEDIATION_HIGH_STAKES_MONTHLY: '-1' })).toThrow(/PENNY_REMEDIATION_HIGH_STAKES_MONTHLY/);
  });
});

describe('setModel', () => {
  it('edits one key of a JSON file, keeps its indentation, and refuses a file that changed', () => {
    const json = '{\n    "features": {\n        "a.b": { "model": "gpt-4o" },\n        "c": { "model": "gpt-4o" }\n    }\n}\n';
    const out = setModel('models.json', json, keyPath('features.{feature}.model', 'a.b'), 'gpt-4o', 'gpt-4o-mini');
    expect(JSON.parse(out)).toEqual({ features: { 'a.b': { model: 'gpt-4o-mini' }, c: { model: 'gpt-4o' } } });
    expect(out).toMatch(/^ {4}"features"/m);
    expect(() => setModel('models.json', json, ['features', 'missing', 'model'], 'gpt-4o', 'x')).toThrow(ConfigEditError);
    expect(() => setModel('m.yaml', 'features: [unclosed', ['features'], 'a', 'b')).toThrow(/not valid YAML|cannot read/);
  });
});
