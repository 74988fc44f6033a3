/**
 * Test data for remediation: findings written through the findings store (recordRun) and owner
 * rules through the owner map store, the same paths the scans and `penny owners import` use.
 */
import type pg from 'pg';
import type { Finding, FindingDraft } from '../../src/findings/finding.ts';
import { recordRun } from '../../src/findings/store.ts';
import { saveOwnerMap } from '../../src/owners/store.ts';

export const OWNER = 'UOWNER0001';
export const OTHER_OWNER = 'UOWNER0002';
export const ADMIN = 'UADMIN0001';
export const STRANGER = 'USTRANGER1';

export function premiumModelDraft(over: Partial<FindingDraft> = {}): FindingDraft {
  return {
    type: 'premium_model',
    scope: { model: 'gpt-4o', team: 'search', feature: 'query-classifier' },
    title: 'query-classifier uses gpt-4o for short calls (~4 output tokens); gpt-4o-mini would cost 6 % as much',
    expected: 0.00002,
    actual: 0.0004,
    unit: 'USD/call',
    impactMonthly: 1234.5,
    currency: 'USD',
    evidence: { provider: 'openai', calls: 120000, alternative: 'gpt-4o-mini', basis: 'genai-prices list prices' },
    remediation: 'Evaluate gpt-4o-mini on a sample of these calls; if accuracy holds, switch the feature model.',
    ...over,
  };
}

export function idleComputeDraft(over: Partial<FindingDraft> = {}): FindingDraft {
  return {
    type: 'idle_compute',
    scope: { resource_id: 'i-0abc123def4567890' },
    title: 'Idle GPU instance i-0abc123def4567890 (p4d.24xlarge): busiest metric under 2 % while costing $23,000/month',
    expected: 5,
    actual: 1.2,
    unit: 'percent utilisation (p95)',
    impactMonthly: 23000,
    currency: 'USD',
    evidence: { service: 'Amazon EC2', team: 'ml', windowCost: 22000 },
    remediation: 'Stop or terminate it (snapshot its volumes first).',
    ...over,
  };
}

let runDay = 0;

/** Writes findings as one waste run and returns them in the order given. */
export async function seedFindings(pool: pg.Pool, drafts: FindingDraft[]): Promise<Finding[]> {
  const asOf = `2024-10-${String(1 + (runDay++ % 28)).padStart(2, '0')}`;
  const { findings } = await recordRun(
    pool,
    { kind: 'waste', asOf, startedAt: new Date() },
    drafts.map((d) => ({ ...d, ownerHint: null })),
  );
  return findings;
}

export async function seedOwners(pool: pg.Pool): Promise<void> {
  await saveOwnerMap(
    pool,
    [
      { key: 'team', value: 'search', owners: [OWNER, 'lead@example.com'], escalation: null, file: 'owners.yaml', line: 2 },
      { key: 'team', value: 'ml', owners: [OTHER_OWNER], escalation: null, file: 'owners.yaml', line: 5 },
    ],
    { replace: true, defaultChannel: null },
  );
}
