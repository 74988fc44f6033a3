/**
 * The agent over a company billed in USD and EUR: the model is given each currency's rows and the
 * list of currencies (never a mixed sum), and a question asked in one currency is converted with
 * the loaded rates whatever query the model filled.
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/ask/agent/answer.ts';
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
  await fs.writeFile(rates, 'date,from,to,rate\n2026-08-31,EUR,USD,1.2\n');
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
