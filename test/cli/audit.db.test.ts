import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRemediationConfig } from '../../src/remediation/config.ts';
import { decide } from '../../src/remediation/decide.ts';
import { planFor } from '../../src/remediation/plan.ts';
import { createProposal } from '../../src/remediation/store.ts';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { OWNER, premiumModelDraft, seedFindings, seedOwners, STRANGER } from '../remediation/seed.ts';

let t: TestDb;
let proposalId: string;
const penny = (...args: string[]) => runPenny(args, { env: { DATABASE_URL: t.url } });

beforeAll(async () => {
  t = await createTestDb();
  await seedOwners(t.pool);
  const config = loadRemediationConfig({});
  const [finding] = await seedFindings(t.pool, [premiumModelDraft()]);
  proposalId = (await createProposal(t.pool, finding!, planFor(finding!, config), { requestedBy: null, expiryMs: config.expiryMs })).proposal.id;
  await decide(t.pool, config, proposalId, { id: STRANGER }, 'approve');
  await decide(t.pool, config, proposalId, { id: OWNER }, 'reject', 'not now');
});
afterAll(() => t.drop());

describe('penny audit', () => {
  it('--json prints every entry, oldest first, with refusals and their reasons', async () => {
    const r = await penny('audit', '--json');
    expect(r.code).toBe(0);
    const { entries } = JSON.parse(r.stdout) as { entries: Array<{ event: string; actor: string; proposalId: string; detail: Record<string, unknown> }> };
    expect(entries.map((e) => e.event)).toEqual(['proposed', 'click_refused', 'rejected']);
    expect(entries.every((e) => e.proposalId === proposalId)).toBe(true);
    expect(entries[1]).toMatchObject({ actor: STRANGER, detail: { why: expect.stringContaining('not an approver') } });
    expect(entries[2]).toMatchObject({ actor: OWNER, detail: { reason: 'not now' } });
  });

  it('--since filters by time and refuses what it cannot read', async () => {
    const future = await penny('audit', '--since', '2999-01-01', '--json');
    expect(JSON.parse(future.stdout)).toEqual({ entries: [] });
    const recent = await penny('audit', '--since', '1h');
    expect(recent.stdout).toContain('rejected');
    const bad = await penny('audit', '--since', 'yesterday-ish');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since must be/);
  });
});
