import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { listFindings } from '../../src/findings/store.ts';
import { loadRemediationConfig } from '../../src/remediation/config.ts';
import { planFor } from '../../src/remediation/plan.ts';
import { createProposal } from '../../src/remediation/store.ts';
import { money } from '../../src/scans/format.ts';
import { runScans } from '../../src/scans/run.ts';
import { eventBody, signedPost, type SlackCall } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';
import { blockKitProblems } from './support/limits.ts';

const END = '2026-11-22';
const AS_OF = '2026-11-23';

let h: SlackHarness;
let eventSeq = 0;
let proposalTitle: string;

beforeAll(async () => {
  h = await slackHarness({
    env: { PENNY_ADMINS: 'U0FINOPS01' },
    seed: async (t) => {
      await seedDemo(t.pool, { endDate: END });
      await runScans(t.pool, { kinds: ['waste', 'budget'], asOf: AS_OF });
    },
  });
  h.deps.asOf = () => AS_OF;
  h.fake.addUser('U0FINOPS01', 'fin@northwind.example');
  // Owns support in the demo's owner map by email only: found through users.info.
  h.fake.addUser('U0LENA0001', 'lena.fischer@northwind.example');
  h.fake.addUser('U0STRANGER', 'someone@northwind.example');
  // The support budget is past 75 %: a fix for that finding waits for support's owners.
  const [budget] = (await listFindings(h.t.pool, { statuses: ['open'] })).filter((f) => f.type === 'budget_threshold' && f.scope.team === 'support');
  const { proposal } = await createProposal(h.t.pool, budget!, planFor(budget!, loadRemediationConfig({ PENNY_ADMINS: 'U0FINOPS01' })), { requestedBy: 'U0FINOPS01', expiryMs: 86_400_000 });
  proposalTitle = proposal.title;
}, 180_000);
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

function opened(user: string, tab: 'home' | 'messages' = 'home') {
  return eventBody({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab, event_ts: `1700000000.${++eventSeq}` }, `EvHome${eventSeq}`);
}

async function homeOf(user: string): Promise<{ call: SlackCall; text: string }> {
  expect((await signedPost(h.eventsUrl, SECRET, opened(user))).status).toBe(200);
  await h.fake.waitFor(() => h.fake.ok('views.publish', (a) => a.user_id === user).length === 1);
  const call = h.fake.ok('views.publish', (a) => a.user_id === user)[0]!;
  const view = call.args.view as { type: string; blocks: Array<{ text?: { text: string }; elements?: Array<{ text: string }> }> };
  expect(view.type).toBe('home');
  return { call, text: view.blocks.map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)].join('\n')).join('\n') };
}

/** A team's spend over [from, to), summed straight from the store (cloud effective cost + AI call cost). */
async function teamSpend(team: string, from: string, to: string): Promise<number> {
  const { rows } = await h.t.pool.query<{ cost: string }>(
    `select coalesce(sum(cost), 0)::text as cost from (
       select effective_cost as cost from cost_lines where team = $1 and charge_period_start >= $2::timestamptz and charge_period_start < $3::timestamptz
       union all
       select cost from llm_usage where team = $1 and ts >= $2::timestamptz and ts < $3::timestamptz and cost is not null) x`,
    [team, `${from}T00:00:00Z`, `${to}T00:00:00Z`],
  );
  return Number(rows[0]!.cost);
}

it("an owner's Home shows their team's month to date against budget with forecast, their findings and what waits for their approval", async () => {
  const { text } = await homeOf('U0LENA0001');
  const actual = await teamSpend('support', '2026-11-01', AS_OF);
  const { rows } = await h.t.pool.query<{ amount: string }>(`select amount::text from budgets where scope = '{"team":"support"}'::jsonb`);
  const budget = Number(rows[0]!.amount);
  const line = text.split('\n')[text.split('\n').indexOf('*support*') + 1]!;
  expect(line).toContain(`${money(actual)} of ${money(budget)} (${Math.floor((actual / budget) * 100)} %)`);
  // The demo sets support's budget so that 82 % of it is spent: past the 75 % mark.
  expect(line).toMatch(/^:large_(yellow|orange)_circle: /);
  // The forecast for the whole month is above what is spent by the 22nd.
  const forecast = Number(/forecast \$([\d,]+)/.exec(line)![1]!.replace(/,/g, ''));
  expect(forecast).toBeGreaterThan(actual);
  expect(text).toContain('November 2026 to date');
  for (const other of ['*search*', '*checkout*', '*ml*']) expect(text).not.toContain(other);

  const theirs = (await listFindings(h.t.pool, { statuses: ['open'] })).filter((f) => f.scope.team === 'support');
  expect(theirs.length).toBeGreaterThan(0);
  for (const f of theirs.slice(0, 8)) expect(text).toContain(f.title);
  expect(text).toContain(':new: open');
  expect(text).not.toContain('Idle GPU');
  expect(text).toContain('*Waiting for your approval*');
  expect(text).toContain(`*${proposalTitle}*`);
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
});

it('someone the owner map does not name gets how to be mapped, and no figures', async () => {
  const { text } = await homeOf('U0STRANGER');
  expect(text).toContain('Welcome to Penny');
  expect(text).toContain('does not name you (someone@northwind.example)');
  expect(text).toContain('penny owners import');
  expect(text).not.toMatch(/\$\d/);
  expect(text).not.toContain('Waiting for your approval');
});

it('a FinOps admin sees every team with a budget and every pending approval; the Messages tab publishes nothing', async () => {
  const { text } = await homeOf('U0FINOPS01');
  for (const team of ['search', 'checkout', 'support', 'data', 'platform', 'ml']) expect(text).toContain(`*${team}*`);
  expect(text).toContain(`*${proposalTitle}*`);
  expect(blockKitProblems(h.fake.calls)).toEqual([]);

  h.fake.reset();
  await signedPost(h.eventsUrl, SECRET, opened('U0FINOPS01', 'messages'));
  await new Promise((r) => setTimeout(r, 300));
  expect(h.fake.ok('views.publish')).toEqual([]);
});

it('when the view cannot be built, the Home tab says so with a reference, never a stack trace', async () => {
  h.fake.addUser('U0BROKEN01', 'broken@northwind.example');
  h.fake.fail('users.info', 'fatal_error');
  const { text } = await homeOf('U0BROKEN01');
  expect(text).toMatch(/Sorry, I could not load your spend.*reference `[0-9a-f]{8}`/);
  expect(text).not.toMatch(/at .*\.ts:\d+|Error:/);
});
