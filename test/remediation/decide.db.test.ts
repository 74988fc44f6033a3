import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/remediation/audit.ts';
import { loadRemediationConfig } from '../../src/remediation/config.ts';
import { decide, expireDue } from '../../src/remediation/decide.ts';
import { planFor } from '../../src/remediation/plan.ts';
import { createProposal, getProposal } from '../../src/remediation/store.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ADMIN, idleComputeDraft, OTHER_OWNER, OWNER, premiumModelDraft, seedFindings, seedOwners, STRANGER } from './seed.ts';

let t: TestDb;
const config = loadRemediationConfig({
  PENNY_ADMINS: `${ADMIN}, FinOps@Example.com`,
  PENNY_REMEDIATION_REPO: 'acme/app',
  PENNY_REMEDIATION_FILE: 'config/models.yaml',
  PENNY_REMEDIATION_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
  PENNY_REMEDIATION_WEBHOOK_SECRET: 'a-secret-of-enough-length',
});

async function propose(draft = premiumModelDraft(), requestedBy: string | null = null, expiryMs = config.expiryMs) {
  const [finding] = await seedFindings(t.pool, [draft]);
  return (await createProposal(t.pool, finding!, planFor(finding!, config), { requestedBy, expiryMs })).proposal;
}

beforeAll(async () => {
  t = await createTestDb();
  await seedOwners(t.pool);
});
afterAll(() => t.drop());

describe('decide', () => {
  it('an owner approves once; a second click, a stranger and a rejection after it are refused and audited', async () => {
    const p = await propose();
    expect(p.status).toBe('pending');
    const stranger = await decide(t.pool, config, p.id, { id: STRANGER }, 'approve');
    expect(stranger).toMatchObject({ accepted: false, why: expect.stringContaining('not an approver') });
    expect((await getProposal(t.pool, p.id)).status).toBe('pending');

    const first = await decide(t.pool, config, p.id, { id: OWNER }, 'approve');
    expect(first.accepted).toBe(true);
    const again = await decide(t.pool, config, p.id, { id: OWNER }, 'approve');
    expect(again).toMatchObject({ accepted: false, why: expect.stringContaining(`already approved by ${OWNER}`) });
    const late = await decide(t.pool, config, p.id, { id: ADMIN }, 'reject', 'changed my mind');
    expect(late.accepted).toBe(false);

    const stored = await getProposal(t.pool, p.id);
    expect(stored).toMatchObject({ status: 'approved', decidedBy: OWNER, decisionReason: null });
    const events = (await listAudit(t.pool, { proposalId: p.id })).map((e) => [e.event, e.actor]);
    expect(events).toEqual([
      ['proposed', 'penny'],
      ['click_refused', STRANGER],
      ['approved', OWNER],
      ['click_refused', OWNER],
      ['click_refused', ADMIN],
    ]);
  });

  it('owners listed by email and admins match by the email Slack reports; concurrent clicks decide once', async () => {
    const p = await propose(premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: 'ranker' } }));
    const outcomes = await Promise.all([
      decide(t.pool, config, p.id, { id: 'ULEAD00001', email: 'Lead@Example.com' }, 'approve'),
      decide(t.pool, config, p.id, { id: 'UFINOPS001', email: 'finops@example.com' }, 'approve'),
      decide(t.pool, config, p.id, { id: OWNER }, 'approve'),
    ]);
    expect(outcomes.filter((o) => o.accepted)).toHaveLength(1);
    expect((await listAudit(t.pool, { proposalId: p.id })).filter((e) => e.event === 'approved')).toHaveLength(1);
  });

  it('a rejection needs a reason, and the reason is stored', async () => {
    const p = await propose(premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: 'summariser' } }));
    expect(await decide(t.pool, config, p.id, { id: OWNER }, 'reject', '   ')).toMatchObject({ accepted: false, why: 'a rejection needs a reason' });
    expect((await decide(t.pool, config, p.id, { id: OWNER }, 'reject', 'quality drops on long queries')).accepted).toBe(true);
    expect(await getProposal(t.pool, p.id)).toMatchObject({ status: 'rejected', decisionReason: 'quality drops on long queries' });
  });

  it('the owner of another scope is not an approver; the team named in the evidence is', async () => {
    const p = await propose(idleComputeDraft());
    expect(p).toMatchObject({ executor: 'webhook', risk: 'high', action: { kind: 'stop_instance', resourceId: 'i-0abc123def4567890' } });
    expect((await decide(t.pool, config, p.id, { id: OWNER }, 'approve')).accepted).toBe(false);
    expect((await decide(t.pool, config, p.id, { id: OTHER_OWNER }, 'approve')).accepted).toBe(true);
  });

  it('four-eyes: whoever asked for a high-risk fix cannot approve it; another approver can', async () => {
    const p = await propose(idleComputeDraft({ scope: { resource_id: 'i-0fff' } }), OTHER_OWNER);
    expect(await decide(t.pool, config, p.id, { id: OTHER_OWNER }, 'approve')).toMatchObject({ accepted: false, why: expect.stringContaining('four-eyes') });
    expect((await decide(t.pool, config, p.id, { id: ADMIN }, 'approve')).accepted).toBe(true);
    // The requester of a medium-risk fix may approve it under the default rule.
    const medium = await propose(premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: 'tagger' } }), OWNER);
    expect((await decide(t.pool, config, medium.id, { id: OWNER }, 'approve')).accepted).toBe(true);
  });

  it('an expired proposal refuses every click and the sweep expires overdue ones', async () => {
    const p = await propose(premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: 'expiring' } }), null, 50);
    await new Promise((r) => setTimeout(r, 80));
    expect(await decide(t.pool, config, p.id, { id: OWNER }, 'approve')).toMatchObject({ accepted: false, why: expect.stringContaining('expired') });
    expect((await getProposal(t.pool, p.id)).status).toBe('expired');
    const q = await propose(premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: 'swept' } }), null, 50);
    await new Promise((r) => setTimeout(r, 80));
    expect(await expireDue(t.pool)).toEqual([q.id]);
    expect((await decide(t.pool, config, q.id, { id: ADMIN }, 'approve')).accepted).toBe(false);
  });

  it('a click on an unknown or malformed id is refused and audited', async () => {
    expect(await decide(t.pool, config, '00000000-0000-4000-8000-000000000000', { id: OWNER }, 'approve')).toMatchObject({ accepted: false, why: 'there is no such proposal' });
    expect((await decide(t.pool, config, "1' or '1'='1", { id: OWNER }, 'approve')).accepted).toBe(false);
  });

  it('asking twice for a fix of the same finding returns the pending proposal', async () => {
    const [finding] = await seedFindings(t.pool, [premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: 'twice' } })]);
    const plan = planFor(finding!, config);
    const [a, b] = await Promise.all([
      createProposal(t.pool, finding!, plan, { requestedBy: null, expiryMs: config.expiryMs }),
      createProposal(t.pool, finding!, plan, { requestedBy: OWNER, expiryMs: config.expiryMs }),
    ]);
    expect(a.proposal.id).toBe(b.proposal.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });

  it('the audit table refuses UPDATE, DELETE and TRUNCATE', async () => {
    expect(Number((await t.pool.query('select count(*) as n from remediation_audit')).rows[0].n)).toBeGreaterThan(0);
    await expect(t.pool.query("update remediation_audit set actor = 'someone-else'")).rejects.toThrow(/append-only/);
    await expect(t.pool.query('delete from remediation_audit')).rejects.toThrow(/append-only/);
    await expect(t.pool.query('truncate remediation_audit')).rejects.toThrow(/append-only/);
    expect(Number((await t.pool.query("select count(*) as n from remediation_audit where actor = 'someone-else'")).rows[0].n)).toBe(0);
  });
});
