/**
 * A company whose LLM gateway bills in EUR (LiteLLM spend logs loaded with `--currency EUR`) and
 * whose cloud bills in USD (AWS FOCUS): no answer, anomaly, waste finding, budget or digest adds the
 * two. The AI spend of team search is €20 a day (two calls of €10, the second of which fails) for 60
 * days; on LAST it makes twelve calls.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { setBudget } from '../../src/budgets/store.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { loadUsageFile } from '../../src/ingest/usage/load.ts';
import { buildDigest } from '../../src/reports/digest.ts';
import { addDays } from '../../src/schema/days.ts';
import { runScans } from '../../src/scans/run.ts';
import { digestView } from '../../src/slack/digest/view.ts';
import { fileDb } from '../support/file-db.ts';
import { AS_OF, DAYS, LAST, LINES, loadTwoCurrencyCompany, PER_DAY } from '../support/two-currency-company.ts';

const f = fileDb();
const CALL_EUR = 10;
const CALLS_PER_DAY = 2;
const CALLS_ON_LAST = 12;
/** September 2026: 30 whole days of each. */
const SEPTEMBER = { EUR: CALL_EUR * CALLS_PER_DAY * 30, USD: PER_DAY.USD * 30 };
let findings: Finding[];

/** A LiteLLM_SpendLogs export: team search's gpt-4o calls, `spend` with no currency as LiteLLM writes it. */
async function gatewayLog(): Promise<string> {
  const lines: string[] = [];
  for (let n = DAYS - 1; n >= 0; n--) {
    const day = addDays(LAST, -n);
    for (let i = 0; i < (n === 0 ? CALLS_ON_LAST : CALLS_PER_DAY); i++) {
      lines.push(
        JSON.stringify({
          request_id: `chatcmpl-${day}-${i}`,
          startTime: `${day}T${String(8 + i).padStart(2, '0')}:00:00+00:00`,
          model: 'gpt-4o',
          custom_llm_provider: 'openai',
          team_id: 'search',
          spend: CALL_EUR,
          prompt_tokens: 1000,
          completion_tokens: 200,
          cache_hit: 'None',
          status: i === 1 ? 'failure' : 'success',
        }),
      );
    }
  }
  const file = path.join(f.dir, 'litellm-spend-logs.jsonl');
  await fs.writeFile(file, lines.join('\n'));
  return file;
}

beforeAll(async () => {
  await loadTwoCurrencyCompany(
    f.t.pool,
    f.dir,
    LINES.filter((l) => l[1] === 'USD'),
    [],
  );
  expect(await loadUsageFile(f.t.pool, await gatewayLog(), { currency: 'EUR' })).toMatchObject({ status: 'loaded', rejected: 0 });
  await setBudget(f.t.pool, { scope: { team: 'search' }, amount: '500', currency: 'EUR' });
  await setBudget(f.t.pool, { scope: { model: 'gpt-4o' }, amount: '100' });
  ({ findings } = await runScans(f.t.pool, { kinds: ['anomaly', 'waste', 'budget'], asOf: AS_OF, params: { anomaly: { hourly: [] } } }));
}, 120_000);

const ask = (q: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf: AS_OF });

describe('answers', () => {
  it('a total is one figure per currency: the AI spend in EUR, the cloud in USD, never their sum', async () => {
    const a = await ask('what did we spend last month?');
    expect(a.unit).toBe('mixed');
    expect(a.rows).toEqual([
      { currency: 'EUR', effective_cost: SEPTEMBER.EUR },
      { currency: 'USD', effective_cost: SEPTEMBER.USD },
    ]);
    expect(a.answer).toContain('In EUR: Cost, last month (2026-09-01 to 2026-09-30): €600.00. In USD: Cost, last month (2026-09-01 to 2026-09-30): $7,500.00.');
    expect(a.answer).not.toContain((SEPTEMBER.EUR + SEPTEMBER.USD).toLocaleString('en-US'));
  });

  it('AI spend by model is in EUR', async () => {
    const a = await ask('AI spend by model last month');
    expect(a.unit).toBe('EUR');
    expect(a.answer).toBe('Cost by model, last month (2026-09-01 to 2026-09-30) (total €600.00): gpt-4o €600.00 (100%).');
  });

  it("a team's spend is given per currency", async () => {
    const a = await ask('spend by team last month');
    expect(a.rows).toEqual([
      { team: 'search', currency: 'EUR', effective_cost: SEPTEMBER.EUR },
      { team: 'search', currency: 'USD', effective_cost: SEPTEMBER.USD },
    ]);
  });
});

describe('scans', () => {
  it("the gateway's spike is found in EUR, with EUR amounts only", () => {
    const spikes = findings.filter((x) => x.kind === 'anomaly' && x.evidence.start === LAST);
    expect(spikes.map((s) => [s.scope, s.currency, s.actual, s.title])).toEqual([[{ team: 'search' }, 'EUR', CALL_EUR * CALLS_ON_LAST, 'search: €120/day on 2026-10-30 vs €20.00 expected (+500 %)']]);
  });

  it('a budget counts spend in its own currency only and says what it left out', () => {
    const budgets = findings.filter((x) => x.kind === 'budget');
    // October 1–30: 29 days of €20 and the €120 day; the team's $7,500 of AWS is not in it
    const october = CALL_EUR * (CALLS_PER_DAY * 29 + CALLS_ON_LAST);
    const team = budgets.find((b) => b.scope.team === 'search' && b.evidence.threshold === 100)!;
    expect(team.currency).toBe('EUR');
    expect(team.actual).toBe(october);
    expect(team.evidence.leftOut).toEqual([{ currency: 'USD', actualToDate: PER_DAY.USD * 30 }]);
    // A USD budget over calls billed in EUR has nothing of its currency to count
    expect(budgets.filter((b) => b.scope.model === 'gpt-4o')).toEqual([]);
  });

  it('spend on failed calls is in EUR, the currency the calls were billed in', () => {
    const failed = findings.filter((x) => x.type === 'failed_calls');
    expect(failed.map((x) => [x.scope, x.currency])).toEqual([[{ provider_name: 'openai', model: 'gpt-4o', team: 'search' }, 'EUR']]);
    expect(failed[0]!.title).toMatch(/cost €[\d,.]+\/month$/);
    expect(failed[0]!.evidence.basis).toContain('€');
  });
});

describe('the weekly digest', () => {
  it('gives the AI total in EUR and the cloud total in USD, the overall total per currency', async () => {
    const d = await buildDigest(f.t.pool, { asOf: AS_OF, movers: 5, findings: 5 });
    const aiWeek = CALL_EUR * (CALLS_PER_DAY * 6 + CALLS_ON_LAST);
    expect(d.ai.map((c) => [c.currency, c.current])).toEqual([['EUR', aiWeek]]);
    expect(d.cloud.map((c) => [c.currency, c.current])).toEqual([['USD', PER_DAY.USD * 7]]);
    expect(d.total.map((c) => [c.currency, c.current])).toEqual([
      ['EUR', aiWeek],
      ['USD', PER_DAY.USD * 7],
    ]);
    const text = JSON.stringify(digestView(d).blocks);
    expect(text).toContain('Amounts are per currency (EUR and USD), not added.');
    expect(text).not.toContain((aiWeek + PER_DAY.USD * 7).toLocaleString('en-US'));
  });
});
