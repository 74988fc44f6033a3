import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../../src/remediation/audit.ts';
import { getProposal, listProposals } from '../../src/remediation/store.ts';
import { startFakeRepo, type FakeRepo } from '../remediation/fake-github-repo.ts';
import { ADMIN, OWNER, premiumModelDraft, seedFindings, seedOwners, STRANGER } from '../remediation/seed.ts';
import { blockActions, eventBody, interactionBody, signedPost } from './support/fake-slack.ts';
import { blockKitProblems } from './support/limits.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';

let h: SlackHarness;
let repo: FakeRepo;
let seq = 0;
const FORM = { contentType: 'application/x-www-form-urlencoded' };
const MODELS = 'features:\n  query-classifier:\n    model: gpt-4o\n  ranker:\n    model: gpt-4o\n  tagger:\n    model: gpt-4o\n';

beforeAll(async () => {
  repo = await startFakeRepo('acme', 'app', { 'config/models.yaml': MODELS });
  // The app registers approvals itself (REGISTRARS), configured from the environment.
  const env = {
    PENNY_ADMINS: ADMIN,
    PENNY_APPROVALS_CHANNEL: 'C0APPROVAL',
    GITHUB_API_URL: repo.url,
    PENNY_REMEDIATION_REPO: 'acme/app',
    PENNY_REMEDIATION_FILE: 'config/models.yaml',
    PENNY_REMEDIATION_SWEEP_SECONDS: '0',
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  h = await slackHarness({ env });
  await seedOwners(h.t.pool);
  for (const id of [OWNER, ADMIN, STRANGER]) h.fake.addUser(id);
  h.fake.addUser('U0LEAD0001', 'Lead@Example.com');
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await repo?.close();
  await h?.close();
});

const prs = () => repo.pulls.length;

function click(user: string, actionId: string, value: string) {
  const n = ++seq;
  return interactionBody(blockActions({ user, actionId, value, channel: 'C0APPROVAL', responseUrl: h.fake.responseUrl(`click-${n}`), triggerId: `trig.${n}`, actionTs: `${n}.0` }));
}

const post = (body: string, options = {}) => signedPost(h.eventsUrl, SECRET, body, { ...FORM, ...options });
const replies = () => h.fake.calls.filter((c) => c.method === 'response_url').map((c) => String(c.args.text));

/** Proposes a fix for a fresh finding through the "Propose a fix" button and returns the proposal id. */
async function proposeByButton(feature: string): Promise<string> {
  const [finding] = await seedFindings(h.t.pool, [premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature } })]);
  const before = h.fake.ok('chat.postMessage').length;
  expect((await post(click(OWNER, 'penny_propose_fix', finding!.fingerprint))).status).toBe(200);
  await h.fake.waitFor(() => h.fake.ok('chat.postMessage').length > before && replies().some((r) => r.includes(feature)));
  const proposal = (await listProposals(h.t.pool)).find((p) => p.findingFingerprint === finding!.fingerprint)!;
  return proposal.id;
}

describe('approval cards in Slack', () => {
  it('Propose a fix → card in the approvals channel → a stranger is refused → the owner approves → one pull request, card updated, result in the thread', async () => {
    const id = await proposeByButton('query-classifier');
    const card = h.fake.ok('chat.postMessage').at(-1)!;
    expect(card.args.channel).toBe('C0APPROVAL');
    const blocks = JSON.stringify(card.args.blocks);
    expect(blocks).toContain('penny_approve');
    expect(blocks).toContain(`"value":"${id}"`);
    expect(blocks).toMatch(/Estimated savings.*\$1,235\/month/);
    expect(blocks).toContain('Rollback');

    await post(click(STRANGER, 'penny_approve', id));
    await h.fake.waitFor(() => replies().some((r) => r.includes('not an approver')));
    expect(prs()).toBe(0);

    await post(click(OWNER, 'penny_approve', id));
    const { cardTs } = await getProposal(h.t.pool, id);
    await h.fake.waitFor(() => h.fake.ok('chat.postMessage', (a) => a.thread_ts === cardTs).length > 0);
    expect(prs()).toBe(1);
    expect((await getProposal(h.t.pool, id)).status).toBe('executed');
    const update = h.fake.ok('chat.update').at(-1)!;
    expect(JSON.stringify(update.args.blocks)).toContain(`Approved by <@${OWNER}>`);
    expect(JSON.stringify(update.args.blocks)).not.toContain('penny_approve');
    const thread = h.fake.ok('chat.postMessage').at(-1)!;
    expect(thread.args.text).toContain('Opened acme/app#1');
    expect(blockKitProblems(h.fake.calls)).toEqual([]);
  });

  it('a forged signature, a stale timestamp, a replayed request and a double click execute nothing more', async () => {
    const id = await proposeByButton('ranker');
    const body = click(OWNER, 'penny_approve', id);
    expect((await signedPost(h.eventsUrl, 'not-the-secret', body, FORM)).status).toBe(401);
    expect((await post(body, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect((await getProposal(h.t.pool, id)).status).toBe('pending');

    const ts = Math.floor(Date.now() / 1000);
    const before = prs();
    const [first, second] = await Promise.all([post(body, { timestamp: ts }), post(click(ADMIN, 'penny_approve', id))]);
    expect([first.status, second.status]).toEqual([200, 200]);
    // The same signed request again, as an attacker who captured it would send it.
    expect((await post(body, { timestamp: ts })).status).toBe(200);
    await h.fake.waitFor(() => replies().filter((r) => r.includes('already approved')).length >= 2);
    const { cardTs } = await getProposal(h.t.pool, id);
    await h.fake.waitFor(() => h.fake.ok('chat.postMessage', (a) => a.thread_ts === cardTs).length > 0);
    expect((await getProposal(h.t.pool, id)).status).toBe('executed');
    expect(prs()).toBe(before + 1);
    const audit = await listAudit(h.t.pool, { proposalId: id });
    expect(audit.filter((e) => e.event === 'approved')).toHaveLength(1);
    expect(audit.filter((e) => e.event === 'click_refused')).toHaveLength(2);
  });

  it('Reject opens a modal; its submission by an owner rejects with the reason, by a stranger it is refused', async () => {
    const id = await proposeByButton('tagger');
    await post(click(OWNER, 'penny_reject', id));
    await h.fake.waitFor(() => h.fake.calls.some((c) => c.method === 'views.open'));
    const opened = h.fake.calls.find((c) => c.method === 'views.open')!;
    expect(opened.args.view).toMatchObject({ callback_id: 'penny_reject_reason', private_metadata: id });

    const submit = (user: string, reason: string) =>
      post(
        interactionBody({
          type: 'view_submission',
          user: { id: user },
          team: { id: 'T0NORTHWND' },
          api_app_id: 'A0PENNY',
          view: { id: 'V1', type: 'modal', callback_id: 'penny_reject_reason', private_metadata: id, state: { values: { reason: { reason: { type: 'plain_text_input', value: reason } } } } },
        }),
      );
    const bad = await submit(STRANGER, 'no');
    expect(await bad.json()).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('not an approver') } });
    const ok = await submit('U0LEAD0001', 'accuracy drops on tagging');
    expect(ok.status).toBe(200);
    await h.fake.waitFor(() => h.fake.ok('chat.update').some((c) => JSON.stringify(c.args.blocks).includes('accuracy drops on tagging')));
    expect(await getProposal(h.t.pool, id)).toMatchObject({ status: 'rejected', decidedBy: 'U0LEAD0001', decisionReason: 'accuracy drops on tagging' });
    const before = prs();
    await post(click(OWNER, 'penny_approve', id));
    await h.fake.waitFor(() => replies().some((r) => r.includes('already rejected')));
    expect(prs()).toBe(before);
  });

  it('a fix asked for in a DM proposes it for the finding the words name, or offers the matches to pick from', async () => {
    const [summarizer, translator] = await seedFindings(h.t.pool, [
      premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: 'summarizer' }, title: 'summarizer uses gpt-4o for short calls' }),
      premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: 'translator' }, title: 'translator uses gpt-4o for short calls' }),
    ]);
    const dm = (text: string) =>
      post(eventBody({ type: 'message', channel_type: 'im', user: OWNER, text, ts: `${++seq}.5`, channel: 'DOWNER0001', event_ts: `${seq}.5` }, `EvFix${seq}`), { contentType: 'application/json' });
    const answers = () => h.fake.ok('chat.update').filter((c) => c.args.channel === 'DOWNER0001' && !JSON.stringify(c.args.blocks).includes('Working on it'));

    await dm('Can you propose a fix for the summarizer?');
    await h.fake.waitFor(() => answers().length === 1);
    expect(String(answers()[0]!.args.text)).toMatch(/^Proposed: Switch summarizer from gpt-4o to gpt-4o-mini/);
    const proposal = (await listProposals(h.t.pool)).find((p) => p.findingFingerprint === summarizer!.fingerprint);
    expect(proposal).toMatchObject({ status: 'pending', requestedBy: OWNER, cardChannel: 'C0APPROVAL' });
    expect((await listProposals(h.t.pool)).some((p) => p.findingFingerprint === translator!.fingerprint)).toBe(false);

    await dm('fix gpt-4o');
    await h.fake.waitFor(() => answers().length === 2);
    const choice = JSON.stringify(answers()[1]!.args.blocks);
    expect(choice).toContain('Which one?');
    for (const f of [summarizer!, translator!]) expect(choice).toContain(`"action_id":"penny_propose_fix","value":"${f.fingerprint}"`);
    expect((await listProposals(h.t.pool)).some((p) => p.findingFingerprint === translator!.fingerprint)).toBe(false);
    expect(blockKitProblems(h.fake.calls)).toEqual([]);
  });

  it('finding text cannot mention @channel or forge links on the card', async () => {
    const [finding] = await seedFindings(h.t.pool, [premiumModelDraft({ key: 'escape', remediation: 'Approve now <!channel> <https://evil.example|click>' })]);
    const before = replies().length;
    await post(click(OWNER, 'penny_propose_fix', finding!.fingerprint));
    await h.fake.waitFor(() => replies().length > before);
    const blocks = JSON.stringify(h.fake.ok('chat.postMessage').at(-1)!.args.blocks);
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).toContain('&lt;!channel&gt;');
  });
});
