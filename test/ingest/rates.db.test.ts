/**
 * `penny ingest rates`: exchange rates from a CSV, all or nothing, exact decimals; and questions
 * asked in one currency (`penny ask --currency`) converted with them, day by day, saying so, while
 * a currency without a rate stays on its own.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { refreshRollups } from '../../src/costs/rollups.ts';
import { runCostQuery } from '../../src/costs/run.ts';
import { loadRatesFile } from '../../src/ingest/rates/load.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { AS_OF, LAST_DAY, loadTwoCurrencyCompany, PER_DAY } from '../support/two-currency-company.ts';

const f = fileDb();
const admin = { admin: true, teams: [] };
const write = async (name: string, text: string) => {
  const file = path.join(f.dir, name);
  await fs.writeFile(file, text);
  return file;
};
const stored = async () => (await f.t.pool.query('select day::text, from_currency, to_currency, rate::text from exchange_rates order by 2, 3, 1')).rows;

beforeAll(async () => {
  await loadTwoCurrencyCompany(f.t.pool, f.dir);
}, 120_000);

describe('loading rates', () => {
  it('refuses a file with any bad row, naming each, and stores nothing', async () => {
    const file = await write('bad.csv', 'date,from,to,rate\n2026-09-01,EUR,USD,1.1\n2026-09-31,EUR,USD,1.1\n2026-09-02,EURO,USD,1.1\n2026-09-03,EUR,USD,-1\n');
    await expect(loadRatesFile(f.t.pool, file)).rejects.toThrow(/^3 bad rows, nothing loaded: line 3: date: .*; line 4: from: .*; line 5: rate: /);
    expect(await stored()).toEqual([]);
    const header = await write('header.csv', 'day,from,to,rate\n2026-09-01,EUR,USD,1.1\n');
    await expect(loadRatesFile(f.t.pool, header)).rejects.toThrow('the header must be date,from,to,rate, got day,from,to,rate');
  });

  it('stores exact decimals, replaces a day loaded again, and the command says what it loaded', async () => {
    await loadRatesFile(f.t.pool, await write('first.csv', 'date,from,to,rate\n2026-08-01,EUR,USD,1.05\n'));
    const file = await write('rates.csv', 'Date,From,To,Rate\r\n2026-08-01,eur,usd,1.10\r\n2026-09-16,EUR,USD,1.123456789012\r\n');
    const out = await runPenny(['ingest', 'rates', file, '--json'], { env: { DATABASE_URL: f.t.url, PENNY_LOG_LEVEL: undefined } });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ rows: 2, pairs: [{ pair: 'EUR→USD', first: '2026-08-01', last: '2026-09-16' }] });
    expect(await stored()).toEqual([
      { day: '2026-08-01', from_currency: 'EUR', to_currency: 'USD', rate: '1.10' },
      { day: '2026-09-16', from_currency: 'EUR', to_currency: 'USD', rate: '1.123456789012' },
    ]);
  });
});

describe('a question in one currency', () => {
  const ask = (q: string, currency: string) => answerOffline(f.t.pool, q, { viewer: admin, asOf: AS_OF, currency });
  /** September: EUR days 1–15 at 1.10, 16–30 at the rate of the 16th, plus the USD spend as it is. */
  const september = PER_DAY.EUR * 15 * 1.1 + PER_DAY.EUR * 15 * 1.123456789012 + PER_DAY.USD * 30;

  it('converts each day at the latest rate on or before it, and says so', async () => {
    const a = await ask('what did we spend last month?', 'USD');
    expect(a.unit).toBe('USD');
    expect(a.rows).toHaveLength(1);
    expect(a.value).toBeCloseTo(september, 6);
    expect(a.answer).toContain('Converted to USD with the loaded exchange rates, each day at the latest rate on or before it.');
    expect(a.how).toContain('converted to USD with the loaded exchange rates');
  });

  it('answers a currency without a rate on its own', async () => {
    const a = await ask('spend by provider last month', 'EUR');
    expect(a.unit).toBe('mixed');
    expect(a.rows).toEqual([
      { provider: 'Microsoft', currency: 'EUR', effective_cost: PER_DAY.EUR * 30 },
      { provider: 'AWS', currency: 'USD', effective_cost: PER_DAY.USD * 30 },
    ]);
    expect(a.answer).toContain('USD had no rate and stays in its own currency.');
  });

  it('compares periods converted day by day, from the rollup as from the raw tables', async () => {
    // September 16 to October 30: every EUR day at the rate of the 16th
    const q = { groupBy: ['provider'], time: { last_n_days: 20 }, compare: 'previous_period', currency: 'USD' };
    const raw = await runCostQuery(f.t.pool, q, { viewer: admin, asOf: AS_OF, rollups: false });
    const rate = 1.123456789012;
    expect(raw.rows.find((r) => r.provider === 'Microsoft')).toMatchObject({
      currency: 'USD',
      effective_cost: expect.closeTo((PER_DAY.EUR * 19 + LAST_DAY.EUR) * rate, 6),
      previous: expect.closeTo(PER_DAY.EUR * 20 * rate, 6),
    });
    await refreshRollups(f.t.pool);
    const rolled = await runCostQuery(f.t.pool, q, { viewer: admin, asOf: AS_OF });
    expect(rolled.rollup).toBe(true);
    expect(rolled.rows).toEqual(raw.rows);
  });

  it('penny ask --currency answers in that currency, and refuses a code that is not one', async () => {
    const env = { env: { DATABASE_URL: f.t.url, PENNY_LOG_LEVEL: undefined, OPENAI_API_KEY: undefined } };
    const out = await runPenny(['ask', 'what did we spend last month?', '--as-of', AS_OF, '--currency', 'usd', '--no-chart', '--json'], env);
    const doc = JSON.parse(out.stdout);
    expect(doc.unit).toBe('USD');
    expect(doc.value).toBeCloseTo(september, 6);
    expect(doc.query.currency).toBe('USD');
    const bad = await runPenny(['ask', 'what did we spend last month?', '--currency', 'euro'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--currency: expected a three-letter currency code such as EUR, got euro');
  });

  it('refuses a currency for counts', async () => {
    await expect(runCostQuery(f.t.pool, { metric: 'requests', time: { period: 'last_month' }, currency: 'EUR' }, { viewer: admin, asOf: AS_OF })).rejects.toThrow(
      'requests is not converted with exchange rates',
    );
  });
});
