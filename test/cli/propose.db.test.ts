import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/remediation/audit.ts';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ADMIN, OWNER, premiumModelDraft, seedFindings, seedOwners } from '../remediation/seed.ts';
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
