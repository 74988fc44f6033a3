import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/remediation/audit.ts';
import { loadRemediationConfig } from '../../src/remediation/config.ts';
import { Remediation } from '../../src/remediation/service.ts';
import { getProposal } from '../../src/remediation/store.ts';
import { slackNotifier } from '../../src/slack/approval-notifier.ts';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ADMIN, idleComputeDraft, OTHER_OWNER, OWNER, premiumModelDraft, seedFindings, seedOwners } from '../remediation/seed.ts';
import { FakeSlack } from '../slack/support/fake-slack.ts';

let t: TestDb;
let slack: FakeSlack;

beforeAll(async () => {
  t = await createTestDb();
  await seedOwners(t.pool);
  slack = new FakeSlack();
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
  await t.drop();
});

describe('penny propose', () => {
  it('proposes a fix for a finding and DMs the card to its owner; nothing executes', async () => {
    const [finding] = await seedFindings(t.pool, [premiumModelDraft()]);
    const env = { DATABASE_URL: t.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.url, PENNY_ADMINS: ADMIN, PENNY_REMEDIATION_REPO: 'acme/app', PENNY_REMEDIATION_FILE: 'models.yaml' };
    const r = await runPenny(['propose', finding!.fingerprint, '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { created, proposal } = JSON.parse(r.stdout) as { created: boolean; proposal: { id: string; status: string; executor: string; cardChannel: string } };
    expect(created).toBe(true);
    expect(proposal).toMatchObject({ status: 'pending', executor: 'github-pr', cardChannel: `D${OWNER.slice(1)}` });
    expect(slack.ok('conversations.open')[0]!.args.users).toBe(OWNER);
    expect(JSON.stringify(slack.ok('chat.postMessage')[0]!.args.blocks)).toContain(proposal.id);
    expect((await listAudit(t.pool, { proposalId: proposal.id })).map((e) => e.event)).toEqual(['proposed', 'card_sent']);

    const unknown = await runPenny(['propose', 'no-such-finding'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no finding "no-such-finding"/);
  });
});

describe('penny propose without Slack', () => {
  const offline = () => ({ DATABASE_URL: t.url, SLACK_BOT_TOKEN: undefined, PENNY_ADMINS: ADMIN, PENNY_REMEDIATION_WEBHOOK_URL: undefined, PENNY_REMEDIATION_REPO: undefined });
  const proposalsOf = async (fingerprint: string) => (await t.pool.query<{ id: string }>('select id from remediation_proposals where finding_fingerprint = $1', [fingerprint])).rows.map((r) => r.id);

  it('--dry-run shows the fix and where its card would go, and stores nothing', async () => {
    const [finding] = await seedFindings(t.pool, [idleComputeDraft({ scope: { resource_id: 'i-0dryrun' }, impactMonthly: 4000 })]);
    const calls = slack.calls.length;
    const r = await runPenny(['propose', finding!.fingerprint, '--dry-run', '--json'], { env: offline() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      stored: false,
      plan: { executor: 'manual', risk: 'high', action: { kind: 'manual', instructions: expect.stringContaining('PENNY_REMEDIATION_WEBHOOK_URL') } },
      card: { to: [OTHER_OWNER, ADMIN], sent: false },
    });
    expect(await proposalsOf(finding!.fingerprint)).toEqual([]);
    expect(slack.calls.length).toBe(calls);
  });

  it('stores the proposal, says where the card will go, and the running service posts it', async () => {
    const [finding] = await seedFindings(t.pool, [premiumModelDraft({ key: 'offline' })]);
    const r = await runPenny(['propose', finding!.fingerprint], { env: offline() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [id] = await proposalsOf(finding!.fingerprint);
    expect(r.stdout).toContain(`proposal ${id}`);
    expect(r.stdout).toMatch(new RegExp(`approval card: not sent yet; \`penny start\` with Slack connected sends it to ${OWNER}, lead@example.com, ${ADMIN}`));
    expect(await getProposal(t.pool, id!)).toMatchObject({ status: 'pending', cardTs: null, executor: 'manual', risk: 'medium' });
    expect((await listAudit(t.pool, { proposalId: id })).map((e) => e.event)).toEqual(['proposed']);

    // The service's sweep posts cards not yet sent (once they are a minute old; here at once).
    const service = await Remediation.create(t.pool, loadRemediationConfig({ PENNY_ADMINS: ADMIN }), slackNotifier(new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url })));
    expect((await service.sweep({ cardRetryAfterMs: 0 })).cardsRetried).toContain(id);
    expect(JSON.stringify(slack.ok('chat.postMessage').at(-1)!.args.blocks)).toContain(id);
    expect((await getProposal(t.pool, id!)).cardChannel).toBe(`D${OWNER.slice(1)}`);
    expect((await listAudit(t.pool, { proposalId: id })).map((e) => e.event)).toEqual(['proposed', 'card_sent']);
  });

  it('an unknown finding is a clear error with a non-zero exit, and nothing is stored', async () => {
    const before = (await t.pool.query('select count(*)::int as n from remediation_proposals')).rows[0].n;
    for (const args of [
      ['propose', 'no-such-finding'],
      ['propose', 'no-such-finding', '--dry-run'],
    ]) {
      const r = await runPenny(args, { env: offline() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^penny: no finding "no-such-finding"; see penny scan --json for fingerprints\n$/);
      expect(r.stdout).toBe('');
    }
    expect((await t.pool.query('select count(*)::int as n from remediation_proposals')).rows[0].n).toBe(before);
  });

  it('a finding nobody can approve is refused before anything is stored', async () => {
    const [finding] = await seedFindings(t.pool, [idleComputeDraft({ scope: { resource_id: 'i-0orphan' }, evidence: { team: 'nobody' } })]);
    const r = await runPenny(['propose', finding!.fingerprint], { env: { ...offline(), PENNY_ADMINS: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nobody could approve it/);
    expect(await proposalsOf(finding!.fingerprint)).toEqual([]);
  });
});
