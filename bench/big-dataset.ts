/**
 * A large deterministic dataset for the query and scan benchmarks: 10 million cloud cost rows and
 * 10 million LLM calls (BENCH_BIG_ROWS each) over the 365 days before BENCH_AS_OF, with task
 * outcomes, generated inside PostgreSQL with generate_series (the ingest path has its own
 * benchmarks; here only the stored data matters). Kept between runs: in the database named by the
 * caller or DATABASE_URL, else an embedded server under bench/out/big (bench/out/big-ROWS for other
 * sizes, so a quick run keeps the full dataset); made again only when the size changes.
 */
import path from 'node:path';
import { loadEnv } from '../src/config/env.ts';
import { LOADS_SIGNATURE_SQL, refreshRollups } from '../src/costs/rollups.ts';
import { openDb, type Db } from '../src/db/pool.ts';
import { rebuildTaskDays } from '../src/ingest/usage/task-days.ts';
import { addDays } from '../src/schema/days.ts';

export const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS ?? 10_000_000);
export const BIG_AS_OF = process.env.BENCH_AS_OF ?? '2026-11-23';
const DAYS = 365;
/** About 1,100 resources billed hourly make 10M rows a year; they share 300 attribute profiles. */
const RESOURCES = Math.max(1, Math.round(BIG_ROWS / (DAYS * 24)));
const PROFILES = 300;
const MARK = `bench://big/v3/${BIG_ROWS}/${BIG_AS_OF}`;

const SERVICES = [
  ['AWS', 'Amazon Elastic Compute Cloud', 'Compute'],
  ['AWS', 'Amazon Simple Storage Service', 'Storage'],
  ['AWS', 'Amazon Relational Database Service', 'Databases'],
  ['AWS', 'AWS Lambda', 'Compute'],
  ['AWS', 'Amazon CloudFront', 'Networking'],
  ['AWS', 'Amazon DynamoDB', 'Databases'],
  ['AWS', 'Amazon SageMaker', 'AI and Machine Learning'],
  ['AWS', 'Amazon CloudWatch', 'Management and Governance'],
  ['Google Cloud', 'Compute Engine', 'Compute'],
  ['Google Cloud', 'BigQuery', 'Analytics'],
  ['Google Cloud', 'Cloud Storage', 'Storage'],
  ['Microsoft', 'Virtual Machines', 'Compute'],
  ['Microsoft', 'Azure Cosmos DB', 'Databases'],
  ['Microsoft', 'Storage', 'Storage'],
];
const TEAMS = ['search', 'checkout', 'support', 'data', 'platform', 'ml', 'growth', 'identity'];
const MODELS = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-haiku-4-5'],
  ['gcp.gemini', 'gemini-2.0-flash'],
];
const FEATURES = ['query-rewrite', 'answer-synthesis', 'support-agent', 'fraud-triage', 'report-builder', 'log-summarizer', 'autocomplete', 'email-draft'];

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;
/** A deterministic pseudo-random integer in [0, n) from the row number and a salt. */
const pick = (n: number, salt: number) => `(abs(hashint8(g + ${salt})) % ${n})`;

async function fill(db: Db): Promise<void> {
  const pool = db.pool;
  const start = `${addDays(BIG_AS_OF, -DAYS)}T00:00:00.000Z`;
  const perDay = BIG_ROWS / DAYS;
  const { rows } = await pool.query<{ id: string }>("insert into ingest_loads (kind, file_path, status, rows) values ('focus', $1, 'loaded', $2) returning id", [MARK, BIG_ROWS]);
  const load = rows[0]!.id;
  for (let m = 0; m <= 13; m++)
    await pool.query('select ensure_cost_partition($1::timestamptz + make_interval(months => $2)), ensure_month_partition($3, $4, $1::timestamptz + make_interval(months => $2))', [
      start,
      m,
      'llm_usage',
      'ts',
    ]);
  // Attributes follow the resource (cloud: service, account, region, team and environment from
  // one of 300 profiles) and the feature (AI), as in real data, so the daily rollup is far smaller
  // than the raw rows, as it is on real exports.
  const services = arr(SERVICES.map((x) => x.join('|')));
  const models = arr(MODELS.map((x) => x.join('|')));
  // One month per statement: progress shows, and each statement stays a few hundred MB of WAL.
  for (let month = 0; month < 13; month++) {
    const lo = Math.floor((month * BIG_ROWS) / 13) + 1;
    const hi = Math.floor(((month + 1) * BIG_ROWS) / 13);
    const t0 = Date.now();
    await pool.query(
      `insert into cost_lines (load_id, billing_account_id, billing_currency, billing_period_start, billing_period_end, charge_category, charge_period_start, charge_period_end,
         provider_name, service_name, service_category, sub_account_id, region_id, resource_id, billed_cost, effective_cost, list_cost, tags, team, environment)
       select $1, 'bench-account', 'USD', date_trunc('month', t), date_trunc('month', t) + interval '1 month', 'Usage', t, t + interval '1 hour',
         split_part(s, '|', 1), split_part(s, '|', 2), split_part(s, '|', 3), 'acct-' || (r % 8) * 2 + (r / 8) % 2,
         (array['us-east-1','us-west-2','eu-west-1','us-central1','eastus'])[1 + (r / 7) % 5], 'res-' || res, c, round(c * 0.9, 6), round(c * 1.2, 6),
         case when tm is null then '{}'::jsonb else jsonb_build_object('team', tm, 'environment', env) end, tm, case when tm is null then null else env end
       from (select t, r, res, c, (${services})[1 + (r / 3) % ${SERVICES.length}] as s,
                    case when r % 20 = 0 then null else (${arr(TEAMS)})[1 + r % ${TEAMS.length}] end as tm, (array['prod','staging','dev'])[1 + (r / 11) % 3] as env
               from (select $2::timestamptz + make_interval(secs => floor((g - 1) / $3::float8 * 86400)) as t, ${pick(RESOURCES, 5)} % ${PROFILES} as r, ${pick(RESOURCES, 5)} as res,
                            round((${pick(10_000, 8)} + 1) / 1000.0, 6) as c
                       from generate_series($4::bigint, $5::bigint) g) y) x`,
      [load, start, perDay, lo, hi],
    );
    const u0 = Date.now();
    await pool.query(
      `insert into llm_usage (load_id, event_id, ts, source_format, provider, model, input_tokens, output_tokens, cache_read_tokens, cost, cost_source, team, feature, customer, environment, task_id, status)
       select $1, 'big-' || g, t, 'otel', split_part(m, '|', 1), split_part(m, '|', 2), i, o, case when f % 4 = 0 then i / 2 else 0 end,
         round((i * 2.5 + o * 10) / 1000000.0, 10), 'priced', (${arr(TEAMS)})[1 + f % ${TEAMS.length}], (${arr(FEATURES)})[1 + f],
         case when f < 2 then 'cust-' || ${pick(300, 13)} end, 'prod', case when f in (2, 4) then 'task-' || (g / 5) end, case when ${pick(50, 15)} = 0 then 'error' else 'ok' end
       from (select g, f, $2::timestamptz + make_interval(secs => floor((g - 1) / $3::float8 * 86400)) as t,
                    (${models})[1 + (f + case when ${pick(10, 10)} = 0 then 1 else 0 end) % ${MODELS.length}] as m, 200 + ${pick(4000, 16)} as i, 10 + ${pick(600, 17)} as o
               from (select g, ${pick(FEATURES.length, 12)} as f from generate_series($4::bigint, $5::bigint) g) y) x`,
      [load, start, perDay, lo, hi],
    );
    process.stderr.write(`  month ${month + 1}/13: ${hi - lo + 1} cost rows in ${((u0 - t0) / 1000).toFixed(0)} s, as many LLM calls in ${((Date.now() - u0) / 1000).toFixed(0)} s\n`);
  }
  await pool.query(
    `insert into task_outcomes (load_id, task_id, status, ts, team, feature)
     select $1, task_id, case when abs(hashtext(task_id)) % 5 = 0 then 'failure' else 'success' end, max(ts), min(team), min(feature)
       from llm_usage where task_id is not null group by task_id`,
    [load],
  );
  // The rows above were written by hand, not by an ingest path: sum the tasks' calls as ingest would.
  await rebuildTaskDays(pool);
  await pool.query('analyze');
}

/**
 * Opens the big dataset in the database at `url` (default DATABASE_URL, else the embedded server),
 * generating it first when it is not there yet, with a fresh rollup.
 */
export async function openBigDataset(url = process.env.DATABASE_URL): Promise<Db> {
  const home = process.env.PENNY_HOME ?? path.resolve(import.meta.dirname, BIG_ROWS === 10_000_000 ? 'out/big' : `out/big-${BIG_ROWS}`);
  const env = loadEnv({ ...process.env, DATABASE_URL: url, PENNY_HOME: home, PENNY_LOG_LEVEL: 'warn' });
  const db = await openDb(env);
  const { rows } = await db.pool.query('select 1 from ingest_loads where file_path = $1', [MARK]);
  if (rows.length === 0) {
    process.stderr.write(`generating ${BIG_ROWS.toLocaleString('en-US')} cost rows and as many LLM calls (once; kept for later runs)…\n`);
    const t0 = Date.now();
    await db.pool.query('truncate cost_lines, llm_usage, task_outcomes, ingest_loads cascade');
    await fill(db);
    process.stderr.write(`generated in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const fresh = await db.pool.query(`select (select loads_signature from cost_rollup_state) = ${LOADS_SIGNATURE_SQL} as fresh`);
  if (fresh.rows[0]?.fresh !== true) await refreshRollups(db.pool);
  return db;
}
