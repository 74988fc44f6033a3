/**
 * The proposal row as the one state machine: whatever a process did to a row before it stopped,
 * the next sweep (on any replica, several at once) takes the step that follows, once. Real
 * Postgres; the channel is a recording notifier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/remediation/audit.ts';
import { loadRemediationConfig } from '../../src/remediation/config.ts';
import { decide } from '../../src/remediation/decide.ts';
import { Remediation } from '../../src/remediation/service.ts';
import { getProposal } from '../../src/remediation/store.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { RecordingNotifier } from './recording-notifier.ts';
import { ADMIN, OWNER, premiumModelDraft, seedFindings, seedOwners } from './seed.ts';

let t: TestDb;
const config = loadRemediationConfig({ PENNY_ADMINS: ADMIN });

const fingerprintOf = async (key: string) => (await seedFindings(t.pool, [premiumModelDraft({ key })]))[0]!.fingerprint;
const replicas = (n: number, sendDelayMs = 0) =>
  Promise.all(
    Array.from({ length: n }, async () => {
      const notifier = new RecordingNotifier(sendDelayMs);
      return { notifier, service: await Remediation.create(t.pool, config, notifier, {}) };
    }),
  );

beforeAll(async () => {
  t = await createTestDb();
  await seedOwners(t.pool);
});
afterAll(() => t.drop());

describe('the proposal row as the state machine', () => {
  it('a rejection recorded by a process that stopped before telling: the next sweeps update the card and tell the thread once', async () => {
    const [first, ...others] = await replicas(3);
    const { proposal } = await first!.service.propose(await fingerprintOf('rejected-untold'), null);
    // What a Slack modal's process leaves when it stops between recording and telling.
    expect((await decide(t.pool, config, proposal.id, { id: OWNER }, 'reject', 'not this quarter')).accepted).toBe(true);

    const swept = await Promise.all(others.map((r) => r.service.sweep()));
    expect(swept.flatMap((s) => s.resumed).filter((id) => id === proposal.id)).toHaveLength(1);
    const told = others.flatMap((r) => r.notifier.thread).filter((m) => m.id === proposal.id);
    expect(told).toEqual([{ id: proposal.id, text: `Rejected by ${OWNER}: not this quarter. Nothing was executed.` }]);
    expect(others.flatMap((r) => r.notifier.updates)).toEqual([{ id: proposal.id, status: 'rejected' }]);
    expect((await first!.service.sweep()).resumed).not.toContain(proposal.id);
    expect(first!.notifier.thread).toEqual([]);
  });

  it('a click after the expiry expires the proposal; the sweep then brings its card up to date', async () => {
    const [r] = await replicas(1);
    const short = await Remediation.create(t.pool, { ...config, expiryMs: 30 }, r!.notifier, {});
    const { proposal } = await short.propose(await fingerprintOf('expired-by-click'), null);
    await new Promise((done) => setTimeout(done, 60));
    expect(await short.decide(proposal.id, { id: OWNER }, 'approve')).toMatchObject({ accepted: false, why: expect.stringContaining('expired') });
    expect(r!.notifier.updates).toEqual([]);

    const swept = await short.sweep();
    expect(swept.expired).not.toContain(proposal.id);
    expect(swept.resumed).toContain(proposal.id);
    expect(r!.notifier.thread).toEqual([{ id: proposal.id, text: 'Expired without a decision. Nothing was executed.' }]);
    expect((await listAudit(t.pool, { proposalId: proposal.id })).map((e) => e.event)).toEqual(['proposed', 'card_sent', 'expired', 'click_refused']);
  });

  it('two processes proposing the same fix at once send one card', async () => {
    const pair = await replicas(2, 150);
    const fp = await fingerprintOf('proposed-twice');
    const [a, b] = await Promise.all(pair.map((r) => r.service.propose(fp, OWNER)));
    expect(a!.proposal.id).toBe(b!.proposal.id);
    expect(pair.flatMap((r) => r.notifier.cards)).toHaveLength(1);
    expect((await getProposal(t.pool, a!.proposal.id)).cardTs).not.toBeNull();
    expect((await listAudit(t.pool, { proposalId: a!.proposal.id })).map((e) => e.event)).toEqual(['proposed', 'card_sent']);
  });
});
