import path from 'node:path';
import fs from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { formatValue } from '../../src/ask/format.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { runScans } from '../../src/scans/run.ts';
import { parseWorkflowFile, type LoadedWorkflow } from '../../src/scheduler/load.ts';
import { serviceJobs } from '../../src/server/faces.ts';
import { runSlot } from '../../src/scheduler/run-slot.ts';
import { slackHarness, type SlackHarness } from './support/harness.ts';
import { blockKitProblems } from './support/limits.ts';

const END = '2026-11-22';
const AS_OF = '2026-11-23';
const WEEK = { from: '2026-11-16', to: AS_OF };
const WEEK_BEFORE = { from: '2026-11-09', to: '2026-11-16' };

let h: SlackHarness;
let workflow: LoadedWorkflow;

beforeAll(async () => {
  h = await slackHarness({
    seed: async (t) => {
      await seedDemo(t.pool, { endDate: END });
      await runScans(t.pool, { kinds: ['waste', 'budget'], asOf: AS_OF });
    },
  });
  const file = path.resolve(import.meta.dirname, '../../workflows/weekly-digest.yaml');
  const parsed = parseWorkflowFile('workflows/weekly-digest.yaml', await fs.readFile(file, 'utf8'), serviceJobs());
  expect(parsed.problems).toEqual([]);
  workflow = parsed.workflow!;
}, 180_000);
afterAll(() => h?.close());
beforeEach(() => {
  h.fake.reset();
  // The job builds its Slack client from the environment, as under `penny start`.
  vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test');
  vi.stubEnv('SLACK_API_URL', h.fake.url);
  vi.stubEnv('PENNY_FINOPS_CHANNEL', '');
});
afterEach(() => vi.unstubAllEnvs());

/** Spend per key over a date range, summed straight from the store (cloud effective cost + AI call cost). */
async function spend(range: { from: string; to: string }, key: { cloud: string; ai: string } | null): Promise<Map<string | null, number>> {
  const k = key ?? { cloud: 'null::text', ai: 'null::text' };
  const { rows } = await h.t.pool.query<{ k: string | null; cost: string }>(
    `select k, sum(cost)::text as cost from (
       select ${k.cloud} as k, effective_cost as cost from cost_lines where charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz
       union all
       select ${k.ai}, cost from llm_usage where ts >= $1::timestamptz and ts < $2::timestamptz and cost is not null
     ) x group by k`,
    [`${range.from}T00:00:00Z`, `${range.to}T00:00:00Z`],
  );
  return new Map(rows.map((r) => [r.k, Number(r.cost)]));
}

const usd = (x: number) => formatValue(x, 'USD');
const slot = (day: string) => new Date(`${day}T09:00:00Z`);
const blocksOf = (args: Record<string, unknown>) => args.blocks as Array<{ type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }>;

it('posts the week against the week before, by team and by provider, with movers, findings and a chart in its thread', { timeout: 60_000 }, async () => {
  const outcome = await runSlot(h.t.pool, serviceJobs(), workflow, slot(AS_OF), 'manual');
  expect(outcome).toMatchObject({ status: 'succeeded', counts: { posted: 1, charts: 1, failed: 0 } });

  const [post] = h.fake.ok('chat.postMessage');
  expect(post!.args.channel).toBe('#finops');
  const blocks = blocksOf(post!.args);
  const texts = blocks.map((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text)].join('\n')).join('\n');

  const total = (await spend(WEEK, null)).get(null)!;
  const before = (await spend(WEEK_BEFORE, null)).get(null)!;
  expect(total).toBeGreaterThan(0);
  expect(blocks[1]!.text!.text).toContain(`*${usd(total)}* spent in the last 7 days`);
  expect(blocks[1]!.text!.text).toContain(`(${usd(before)})`);
  expect(String(post!.args.text)).toMatch(/^Spend 2026-11-16 to 2026-11-22: \$/);

  const cloud = await spend(WEEK, { cloud: "'cloud'", ai: "'ai'" });
  expect(blocks[2]!.fields!.map((f) => f.text.split('\n')[1])).toEqual([usd(cloud.get('cloud')!), usd(cloud.get('ai')!)]);

  // Each team's and provider's line in the tables holds its figure this week and the week before.
  const lines = texts.split('\n');
  for (const [key, label] of [
    [{ cloud: 'team', ai: 'team' }, 'team'],
    [{ cloud: 'provider_name', ai: 'provider' }, 'provider'],
  ] as const) {
    const now = await spend(WEEK, key);
    const then = await spend(WEEK_BEFORE, key);
    expect(now.size, label).toBeGreaterThan(2);
    for (const [name, cost] of now) {
      const line = lines.find((l) => l.startsWith(`${name ?? '(none)'} `));
      expect(line, `${label} ${name}`).toBeDefined();
      expect(line).toContain(usd(cost));
      expect(line).toContain(usd(then.get(name) ?? 0));
    }
  }

  // The biggest mover: the cloud service or AI team × feature whose cost changed most.
  const { rows: movers } = await h.t.pool.query<{ label: string; delta: string }>(
    `with w as (
       select service_name as label, effective_cost as cost, charge_period_start >= $2::timestamptz as cur from cost_lines where charge_period_start >= $1::timestamptz and charge_period_start < $3::timestamptz
       union all
       select team || ' · ' || feature, cost, ts >= $2::timestamptz from llm_usage where ts >= $1::timestamptz and ts < $3::timestamptz and cost is not null and team is not null and feature is not null
     )
     select label, (sum(cost) filter (where cur) - coalesce(sum(cost) filter (where not cur), 0))::text as delta from w group by label order by abs(sum(cost) filter (where cur) - coalesce(sum(cost) filter (where not cur), 0)) desc nulls last limit 1`,
    [`${WEEK_BEFORE.from}T00:00:00Z`, `${WEEK.from}T00:00:00Z`, `${WEEK.to}T00:00:00Z`],
  );
  const movedText = blocks.find((b) => b.text?.text.startsWith('*Top movers*'))!.text!.text;
  const first = movedText.split('\n')[1]!;
  expect(first).toContain(`*${movers[0]!.label}*`);
  expect(first).toContain(usd(Math.abs(Number(movers[0]!.delta))));
  expect(movedText.split('\n')).toHaveLength(1 + 5);

  // Open findings, largest monthly impact first, as the store holds them.
  const { rows: open } = await h.t.pool.query<{ title: string; n: string }>(
    "select title, count(*) over ()::text as n from findings where status = 'open' order by impact_monthly desc, fingerprint limit 5",
  );
  expect(open.length).toBeGreaterThan(0);
  const findingsText = blocks.find((b) => b.text?.text.startsWith('*Open findings'))!.text!.text;
  expect(findingsText).toContain(`*Open findings: ${open[0]!.n},`);
  const shown = findingsText.split('\n').filter((l) => l.startsWith('• '));
  expect(
    shown.map((l) =>
      l
        .split(' · ')
        .slice(1)
        .join(' · ')
        .replace(/ _\(\w+\)_$/, ''),
    ),
  ).toEqual(open.map((f) => f.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));

  const upload = h.fake.ok('files.completeUploadExternal')[0]!;
  expect(upload.args).toMatchObject({ channel_id: '#finops', thread_ts: expect.any(String) });
  expect(h.fake.ok('upload')[0]!.args.bytes).toBeGreaterThan(1000);
  expect(blockKitProblems(h.fake.calls)).toEqual([]);

  // The slot has run: the scheduler does not post its digest again.
  expect(await runSlot(h.t.pool, serviceJobs(), workflow, slot(AS_OF), 'manual')).toMatchObject({ status: 'skipped', reason: 'taken' });
  expect(h.fake.ok('chat.postMessage')).toHaveLength(1);
});

it('without a bot token nothing is sent and the run says so; a channel Penny cannot post in fails the run with the reason', async () => {
  vi.stubEnv('SLACK_BOT_TOKEN', '');
  expect(await runSlot(h.t.pool, serviceJobs(), workflow, slot('2026-11-16'), 'manual')).toMatchObject({ status: 'succeeded', counts: { notConnected: 1 } });
  expect(h.fake.calls).toEqual([]);

  vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test');
  h.fake.notInChannel.add('#finops');
  try {
    const failed = await runSlot(h.t.pool, serviceJobs(), workflow, slot('2026-11-09'), 'manual');
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('#finops: not_in_channel') });
  } finally {
    h.fake.notInChannel.delete('#finops');
  }
});
