/**
 * The same Penny on Citus: a database spread over the cluster and a plain PostgreSQL database (on
 * the same server, without the extension) are loaded with the same files through Penny's own
 * commands only (`penny demo`, `penny ingest`), then every question and every scan kind must print
 * the same JSON on both. Runs on a Citus run (PENNY_TEST_CITUS_URL) only: elsewhere both sides
 * would be plain PostgreSQL.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, onCitus, type TestDb } from '../support/db.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const LOADS: string[][] = [
  ['demo'],
  ['ingest', 'focus', FOCUS_SAMPLE, path.join(FIXTURES, 'real-world/focus/tk_consolidated_multi_provider_1_3.csv'), path.join(FIXTURES, 'real-world/focus/tk_aws_1_2_cost_and_usage_rows25_seed7_credits.csv')],
  ['ingest', 'usage', ...['calls.otel.jsonl', 'calls.litellm.jsonl', 'calls.otlp.json'].map((f) => path.join(FIXTURES, 'usage', f))],
  ['ingest', 'tasks', path.join(FIXTURES, 'usage/tasks.jsonl')],
  ['ingest', 'metrics', path.join(FIXTURES, 'usage/metrics.jsonl')],
];

const QUESTIONS = [
  'What did we spend last month?',
  'total billed cost last month',
  'top 5 services last month',
  'spend by team this month',
  'what did the search team spend last week?',
  'daily cost for the last 30 days',
  'weekly spend over the last 12 weeks',
  'monthly cloud cost trend',
  'EC2 spend this month vs last month',
  'why did CloudWatch go up?',
  'biggest movers last week',
  'how much spend is untagged?',
  'AI spend by model last month',
  'how many tokens did we use yesterday?',
  'cost per request by feature this month',
  'cost per successful task for the support agent this month',
  'spend on gpt-4o in the last 30 days',
  'cost per 1k tokens by model',
  'spend by region last quarter',
  'which team spent the most last month?',
  'AWS spend excluding prod last month',
  'spend by provider year to date',
  'top 3 models by requests this month',
  'input tokens by team last week',
  'spend by customer this month',
  'AI spend per day over the last 14 days',
  'list cost by service last month',
  'what did we spend in 2024?',
];
const SCANS = ['anomaly', 'waste', 'budget', 'all'];

// When a finding was first and last seen is the wall clock of each run, not a result.
const normalise = (out: string) => JSON.stringify(JSON.parse(out), (k, v) => (k === 'firstSeen' || k === 'lastSeen' ? '(time)' : v));

describe.runIf(onCitus())('Penny on Citus answers as on plain PostgreSQL', () => {
  let citus: TestDb;
  let plain: TestDb;
  const asOf = new Date().toISOString().slice(0, 10);

  async function penny(t: TestDb, args: string[]): Promise<string> {
    const res = await runPenny(args, { env: { DATABASE_URL: t.url, OPENAI_API_KEY: undefined } });
    expect(res.code, `penny ${args.join(' ')}: ${res.stderr}`).toBe(0);
    return res.stdout;
  }
  const both = (args: string[]) => Promise.all([penny(citus, args), penny(plain, args)]);

  beforeAll(async () => {
    [citus, plain] = await Promise.all([createTestDb(), createTestDb({ plain: true })]);
    for (const load of LOADS) {
      const [a, b] = await both(load[0] === 'demo' ? load : [...load, '--json']);
      if (load[0] !== 'demo') expect(normalise(a)).toBe(normalise(b));
    }
  }, 600_000);
  afterAll(async () => {
    await Promise.all([citus?.drop(), plain?.drop()]);
  });

  it('loaded the cost and usage tables into shards (and the plain side has no Citus)', async () => {
    const { rows } = await citus.pool.query(`select count(*)::int as n from citus_tables where table_name::text in ('cost_lines', 'llm_usage')`);
    expect(rows[0].n).toBe(2);
    const { rows: ext } = await plain.pool.query(`select count(*)::int as n from pg_extension where extname = 'citus'`);
    expect(ext[0].n).toBe(0);
  });

  it.each(QUESTIONS)('penny ask %j', async (q) => {
    const [a, b] = await both(['ask', q, '--json', '--as-of', asOf]);
    expect(normalise(a)).toBe(normalise(b));
  });

  it.each(SCANS)('penny scan %s', async (kind) => {
    const [a, b] = await both(['scan', kind, '--json', '--as-of', asOf]);
    expect(JSON.parse(a).findings.length).toBeGreaterThan(0);
    expect(normalise(a)).toBe(normalise(b));
  });
});
