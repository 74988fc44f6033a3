/**
 * The agent over a company billed in USD and EUR: the model is given each currency's rows and the
 * list of currencies (never a mixed sum), and a question asked in one currency is converted with
 * the loaded rates whatever query the model filled. "In euros" asked of the model is converted as
 * the offline planner converts it: each day at its rate, the rates and their dates said, and
 * declined when a currency has no rate.
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/ask/agent/answer.ts';
import { answerOffline } from '../../../src/ask/answer/answer.ts';
import { formatValue } from '../../../src/ask/answer/format.ts';
import { loadEnv, type Env } from '../../../src/config/env.ts';
import { loadRatesFile } from '../../../src/ingest/rates/load.ts';
import { fileDb } from '../../support/file-db.ts';
import { startFakeOpenAI, type ChatRequest, type FakeOpenAI } from '../../support/openai-server.ts';
import { AS_OF, loadTwoCurrencyCompany, PER_DAY } from '../../support/two-currency-company.ts';

const f = fileDb();
let fake: FakeOpenAI;
let env: Env;
const admin = { admin: true, teams: [] };

beforeAll(async () => {
  await loadTwoCurrencyCompany(f.t.pool, f.dir);
  const rates = path.join(f.dir, 'rates.csv');
  await fs.writeFile(rates, 'date,from,to,rate\n2026-08-31,EUR,USD,1.2\n2026-08-31,USD,EUR,0.8\n2026-09-15,USD,EUR,0.85\n');
  await loadRatesFile(f.t.pool, rates);
  fake = await startFakeOpenAI();
  env = loadEnv({ DATABASE_URL: f.t.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, PENNY_MODEL: 'gpt-4o-mini' });
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

/** The tool result the answer step was given, as the model reads it. */
const toolResult = (req: ChatRequest) =>
  JSON.parse(
    String(req.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '')
      .split('Results:\n')[1]!
      .split('\n')[0]!,
  );
const LAST_MONTH = { time: { period: 'last_month' } };

it('gives the model one row per currency, the currencies, and no mixed total', async () => {
  let seen: { unit: string; currencies: string[]; rows: unknown[]; summary: string } | undefined;
  fake.script({ toolCalls: [{ name: 'run_cost_query', args: LAST_MONTH }] }, (req) => {
    seen = toolResult(req);
    return { text: 'Per currency.' };
  });
  const a = await answerQuestion(f.t.pool, env, 'what did we spend last month?', { viewer: admin, asOf: AS_OF });
  expect(seen!.unit).toBe('mixed');
  expect(seen!.currencies).toEqual(['EUR', 'USD']);
  expect(seen!.rows).toEqual([
    { currency: 'EUR', effective_cost: PER_DAY.EUR * 30 },
    { currency: 'USD', effective_cost: PER_DAY.USD * 30 },
  ]);
  expect(seen!.summary).toContain('not added');
  expect(a.unit).toBe('mixed');
  expect(a.value).toBeNull();
});

it('converts into the currency the asker chose, whatever query the model filled', async () => {
  fake.script({ toolCalls: [{ name: 'run_cost_query', args: LAST_MONTH }] }, { text: 'In dollars.' });
  const a = await answerQuestion(f.t.pool, env, 'what did we spend last month?', { viewer: admin, asOf: AS_OF, currency: 'USD' });
  expect(a.query?.currency).toBe('USD');
  expect(a.unit).toBe('USD');
  expect(a.rows).toHaveLength(1);
  expect(a.rows[0]!.effective_cost).toBeCloseTo(PER_DAY.EUR * 30 * 1.2 + PER_DAY.USD * 30, 6);
  expect(a.how).toContain('converted to USD with the loaded exchange rates');
});

/**
 * September's spend in EUR as hand-written SQL: each USD day at the latest USD→EUR rate on or before
 * it. The days are summed first, as Citus joins its distributed rows to the local rates table only so.
 */
async function septemberInEuros(): Promise<number> {
  const { rows } = await f.t.pool.query(
    `with days as materialized (
       select charge_period_start::date as day, billing_currency, sum(effective_cost) as cost from cost_lines
        where charge_period_start >= '2026-09-01' and charge_period_start < '2026-10-01' group by 1, 2)
     select sum(d.cost * case when d.billing_currency = 'EUR' then 1 else
              (select r.rate from exchange_rates r where r.from_currency = d.billing_currency and r.to_currency = 'EUR' and r.day <= d.day order by r.day desc limit 1) end) as v
       from days d`,
  );
  return Number(rows[0].v);
}

it('"in euros": the model asks for EUR; Penny converts each day at its rate and says the rates and their dates, as the planner does', async () => {
  fake.script({ toolCalls: [{ name: 'run_cost_query', args: { ...LAST_MONTH, currency: 'EUR' } }] }, { text: 'All of it in euros.' });
  const a = await answerQuestion(f.t.pool, env, 'what did we spend last month in euros?', { viewer: admin, asOf: AS_OF });
  const expected = await septemberInEuros();
  // Two USD rates in the month: a single rate for all of it would give another number.
  expect(expected).not.toBeCloseTo(PER_DAY.EUR * 30 + PER_DAY.USD * 30 * 0.85, 2);
  expect(a.unit).toBe('EUR');
  expect(a.value).toBeCloseTo(expected, 6);
  const [headline, commentary] = a.answer.split('\n');
  expect(headline).toContain(formatValue(expected, 'EUR'));
  expect(headline).toContain('Latest rates used: 1 USD = 0.85 EUR on 2026-09-15.');
  expect(commentary).toBe('All of it in euros.');
  expect(a.how).toMatch(/^I read this as: effective cost, charged 2026-09-01 to 2026-09-30, cloud and AI\. How: .*converted to EUR with the loaded exchange rates/);
  const offline = await answerOffline(f.t.pool, 'what did we spend last month in euros?', { viewer: admin, asOf: AS_OF });
  expect(offline.value).toBeCloseTo(a.value!, 6);
  expect(offline.answer).toContain('Latest rates used: 1 USD = 0.85 EUR on 2026-09-15.');
});

it("a currency with no loaded rate is declined with why, and the model's own figures are not shown", async () => {
  fake.script({ toolCalls: [{ name: 'run_cost_query', args: { ...LAST_MONTH, currency: 'GBP' } }] }, { text: 'That is about £9,999. Load GBP rates first.' });
  const a = await answerQuestion(f.t.pool, env, 'what did we spend last month in pounds?', { viewer: admin, asOf: AS_OF });
  expect(a.query).toBeNull();
  expect(a.value).toBeNull();
  expect(a.answer).toBe(
    "I can't give this in GBP: no exchange rate from EUR and USD to GBP is loaded from 2026-09-01 on (load rates with penny ingest rates <file>, columns date,from,to,rate). I won't add amounts in different currencies.\nLoad GBP rates first.",
  );
});
