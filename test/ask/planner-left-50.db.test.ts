/**
 * The classes issue #17's last stop left, each with a near miss that keeps its old reading:
 * what a commitment saved (list minus effective cost over the usage its discount covered, not its
 * purchases' list cost nor its unused part); a daily average over the days of its period the data
 * holds (not days after the data ends or before it starts), said in the how-line; "non-prod" as the
 * stored environments other than production, one filter named in the how-line; the share of LLM calls
 * with a cache hit (of calls, not of tokens); AI spend beside one slice of cloud spend ("AI vs
 * compute"), with the difference; input beside output tokens, a column each; "cheapest model per 1k
 * output tokens" declined saying why (a cost per kind of token is not recorded). Truths are hand-written SQL over the raw tables.
 */
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/ask/answer/format.ts';
import { demoCompany } from './support/demo-company.ts';
import { answered, close, declined, realFocus } from './support/real-focus.ts';

const demo = demoCompany();
const focus = realFocus();

const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
/** What the commitments matching `where` saved in May: list minus effective cost over the usage they covered. */
const commitmentSaved = (where: string) => `select sum(list_cost - effective_cost) v from cost_lines where ${where} and charge_category = 'Usage' and commitment_discount_status = 'Used' and ${MAY}`;

describe('what a commitment saved', () => {
  it('"how much did our savings plans save us" is list minus effective cost over the usage they covered, not their purchases ($12.48 before)', async () => {
    const want = await focus.sql(commitmentSaved("commitment_discount_type = 'Savings Plan'"));
    for (const q of ['how much did our savings plans save us last month?', 'how much did our savings plans save us vs on-demand in May?']) {
      const a = await focus.ask(q);
      expect(a.value, `${q}: ${a.answer}`).toBeCloseTo(want, 6);
      expect(a.how).toContain('its purchases and unused commitment are not savings');
    }
    const aws = await focus.ask('savings from savings plans on aws in may');
    expect(aws.value, aws.answer).toBeCloseTo(await focus.sql(commitmentSaved("provider_name = 'AWS' and commitment_discount_type = 'Savings Plan'")), 6);
    const all = await focus.ask('how much did commitment discounts save us in may');
    expect(all.value, all.answer).toBeCloseTo(await focus.sql(commitmentSaved('commitment_discount_id is not null')), 6);
  });

  it("per provider, each row is the covered usage's savings", async () => {
    const a = await focus.ask('how much did reservations save us in may by provider');
    const want = await focus.rowsOf(
      `select provider_name k, sum(list_cost - effective_cost) v from cost_lines where commitment_discount_type in ('Reserved Instance', 'Reservation') and charge_category = 'Usage' and commitment_discount_status = 'Used' and ${MAY} group by 1`,
    );
    expect(answered(a, (r) => String(r.provider))).toEqual(close(want));
  });

  it('near miss: savings against list price with no commitment named keep every row, and unused commitment stays its cost', async () => {
    const google = await focus.ask('How much did we save off list price on Google in May?');
    expect(google.value, google.answer).toBeCloseTo(await focus.sql(`select sum(list_cost - effective_cost) v from cost_lines where provider_name = 'Google Cloud' and ${MAY}`), 6);
    const unused = await focus.ask('unused azure savings plan $ last month');
    expect(unused.value, unused.answer).toBeCloseTo(
      await focus.sql(
        `select sum(effective_cost) v from cost_lines where provider_name = 'Microsoft Azure' and commitment_discount_type = 'Savings Plan' and commitment_discount_status = 'Unused' and ${MAY}`,
      ),
      6,
    );
    expect(declined(await focus.ask('how much did sustained use discounts save us?'))).toBe(true);
  });
});

/** Cloud lines and AI calls over [from, to), each summed on its own first (Citus). */
const demoSpend = (from: string, to: string) =>
  `with c as materialized (select coalesce(sum(effective_cost), 0) s from cost_lines where charge_period_start >= '${from}' and charge_period_start < '${to}'),
        a as materialized (select coalesce(sum(cost), 0) s from llm_usage where ts >= '${from}' and ts < '${to}')
   select c.s + a.s v from c, a`;

describe('a daily average divides by the days the data holds', () => {
  it('May on the FOCUS exports (billed through May 28) is over 28 days, not 31, in total and per provider, and says so', async () => {
    const gcp = await focus.ask('avg daily gcp cost in may');
    expect(gcp.value, gcp.answer).toBeCloseTo((await focus.sql(`select sum(effective_cost) v from cost_lines where provider_name = 'Google Cloud' and ${MAY}`)) / 28, 6);
    expect(gcp.how).toContain('divides by the 28 days the data holds, 2026-05-01 to 2026-05-28');
    const per = await focus.ask("what's our average daily spend per provider in may");
    const want = await focus.rowsOf(`select provider_name || '|' || billing_currency k, sum(effective_cost) / 28 v from cost_lines where ${MAY} group by 1`);
    expect(answered(per, (r) => `${r.provider}|${r.currency}`)).toEqual(close(want));
  });

  it('a period the data does not reach has no daily average, not $0.00 a day', async () => {
    const june = await focus.ask('average daily spend this month');
    expect(june.value, june.answer).toBeNull();
    expect(june.answer).toContain('no daily average');
  });

  it('a period before the data starts divides by the days from its start (demo data starts 2026-07-26)', async () => {
    const q3 = await demo.ask('average daily spend in Q3');
    expect(q3.value, q3.answer).toBeCloseTo((await demo.sql(demoSpend('2026-07-01', '2026-10-01'))) / 67, 6);
  });

  it('near miss: a month the data holds whole, and this month so far, keep their days', async () => {
    const oct = await demo.ask("what's our daily average spend in october");
    expect(oct.value, oct.answer).toBeCloseTo((await demo.sql(demoSpend('2026-10-01', '2026-11-01'))) / 31, 6);
    expect(oct.how).toContain('divides by the 31 days of 2026-10-01 to 2026-10-31');
    const nov = await demo.ask('average daily spend this month');
    expect(nov.value, nov.answer).toBeCloseTo((await demo.sql(demoSpend('2026-11-01', '2026-11-23'))) / 22, 6);
  });
});

describe('"non-prod" is the environments other than production', () => {
  const OCT = "charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'";
  it('on the demo, staging alone: spend with no environment is not non-production ($814.44 before, $494 of it untagged)', async () => {
    const want = await demo.sql(
      `with c as materialized (select coalesce(sum(effective_cost), 0) s from cost_lines where environment is not null and environment <> 'prod' and ${OCT}),
            a as materialized (select coalesce(sum(cost), 0) s from llm_usage where environment is not null and environment <> 'prod' and ts >= '2026-10-01' and ts < '2026-11-01')
       select c.s + a.s v from c, a`,
    );
    for (const q of ['non-prod spend last month', 'non-production (staging + dev) spend last month', 'non-prod spend last month (staging + dev)']) {
      const a = await demo.ask(q);
      expect(a.value, `${q}: ${a.answer}`).toBeCloseTo(want, 6);
      expect(a.how).toContain('non-production read as the environment staging');
    }
    expect((await demo.ask('non-production (staging + dev) spend last month')).how).toContain('dev is not a stored environment');
  });

  it('on the FOCUS exports, dev and staging together, in total and per provider', async () => {
    const a = await focus.ask('how much did non-production environments cost on aws in may?');
    expect(a.value, a.answer).toBeCloseTo(await focus.sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and environment in ('dev', 'staging') and ${MAY}`), 6);
    const per = await focus.ask('nonprod spend by provider in may');
    const want = await focus.rowsOf(`select provider_name || '|' || billing_currency k, sum(effective_cost) v from cost_lines where environment in ('dev', 'staging') and ${MAY} group by 1`);
    expect(answered(per, (r) => `${r.provider}|${r.currency}`)).toEqual(close(want));
  });

  it('near miss: "excluding prod" keeps all spend but prod\'s, untagged included, and "non-amortized" is still billed cost', async () => {
    const a = await demo.ask('cloud spend excluding prod last month');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(`select sum(effective_cost) v from cost_lines where environment is distinct from 'prod' and ${OCT}`), 6);
    const billed = await focus.ask('non-amortized aws cost in may');
    expect(billed.value, billed.answer).toBeCloseTo(await focus.sql(`select sum(billed_cost) v from cost_lines where provider_name = 'AWS' and ${MAY}`), 6);
  });
});

describe('the share of LLM calls with a cache hit', () => {
  const OCT_CALLS = "requests = 1 and ts >= '2026-10-01' and ts < '2026-11-01'";
  it('is the calls that read from the cache over the calls made one a row, in all and per model (each was declined)', async () => {
    const want = await demo.sql(`select count(*) filter (where cache_read_tokens > 0)::numeric / count(*) v from llm_usage where ${OCT_CALLS}`);
    for (const q of ['share of calls with cache hits last month', 'what % of calls hit the cache last month', 'what share of llm calls were cache hits last month']) {
      const a = await demo.ask(q);
      expect(a.value, `${q}: ${a.answer}`).toBeCloseTo(want, 6);
    }
    const per = await demo.ask('share of calls with cache hits by model last month');
    const rows = Object.fromEntries(await demo.byKey(`select model k, count(*) filter (where cache_read_tokens > 0)::numeric / count(*) v from llm_usage where ${OCT_CALLS} group by 1`));
    expect(Object.fromEntries(per.rows.map((r) => [String(r.model), Number(r[per.column!])]))).toEqual(close(rows));
  });

  it('near miss: "how many calls hit the cache" stays a count, and the cache hit rate a share of input tokens', async () => {
    const n = await demo.ask('how many calls hit the cache last month');
    expect(n.value, n.answer).toBe(await demo.sql(`select count(*) v from llm_usage where cache_read_tokens > 0 and ${OCT_CALLS}`));
    const rate = await demo.ask('cache hit rate last month');
    expect(rate.value, rate.answer).toBeCloseTo(
      100 * (await demo.sql("select sum(cache_read_tokens)::numeric / sum(input_tokens) v from llm_usage where ts >= '2026-10-01' and ts < '2026-11-01'")),
      6,
    );
  });
});

describe('AI spend beside a slice of cloud spend', () => {
  const OCT = "charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'";
  const OCT_AI = "ts >= '2026-10-01' and ts < '2026-11-01'";
  const sides = (a: Awaited<ReturnType<typeof demo.ask>>) => Object.fromEntries(a.rows.map((r) => [String(r.side), Number(r[a.column!])]));

  it('"AI vs compute", "storage vs AI spend", "how does AI compare to compute": both totals and the difference (each was declined)', async () => {
    const ai = await demo.sql(`select sum(cost) v from llm_usage where ${OCT_AI}`);
    const compute = await demo.sql(`select sum(effective_cost) v from cost_lines where service_category = 'Compute' and ${OCT}`);
    for (const q of ['AI vs compute last month', 'how does AI compare to compute last month']) {
      const a = await demo.ask(q);
      expect(sides(a), `${q}: ${a.answer}`).toEqual(close({ AI: ai, Compute: compute }));
      expect(a.answer).toContain(`Compute is ${formatValue(compute - ai, 'USD')}`);
    }
    const storage = await demo.ask('storage vs ai spend in october');
    expect(sides(storage), storage.answer).toEqual(close({ AI: ai, Storage: await demo.sql(`select sum(effective_cost) v from cost_lines where service_category = 'Storage' and ${OCT}`) }));
  });

  it("a team's AI beside its compute keeps the team on both sides", async () => {
    const a = await demo.ask("search team's AI vs compute spend last month");
    expect(sides(a), a.answer).toEqual(
      close({
        AI: await demo.sql(`select sum(cost) v from llm_usage where team = 'search' and ${OCT_AI}`),
        Compute: await demo.sql(`select sum(effective_cost) v from cost_lines where tags->>'team' = 'search' and service_category = 'Compute' and ${OCT}`),
      }),
    );
  });

  it('near miss: "AI vs cloud" stays the two datasets, and "compute vs storage" two categories', async () => {
    const a = await demo.ask('AI vs cloud last month');
    expect(a.query?.groupBy).toEqual(['dataset']);
    const b = await demo.ask('compute vs storage last month');
    expect(b.query?.groupBy).toEqual(['ServiceCategory']);
  });
});

describe('input beside output tokens', () => {
  const OCT_AI = "ts >= '2026-10-01' and ts < '2026-11-01'";
  it('"input vs output tokens by model" gives both, a column each, per model (it was declined)', async () => {
    const a = await demo.ask('input vs output tokens by model last month');
    const input = Object.fromEntries(await demo.byKey(`select model k, sum(input_tokens) v from llm_usage where ${OCT_AI} group by 1`));
    const output = Object.fromEntries(await demo.byKey(`select model k, sum(output_tokens) v from llm_usage where ${OCT_AI} group by 1`));
    expect(Object.fromEntries(a.rows.map((r) => [String(r.model), Number(r.input_tokens)])), a.answer).toEqual(input);
    expect(Object.fromEntries(a.rows.map((r) => [String(r.model), Number(r.output_tokens)]))).toEqual(output);
  });

  it('"input and output tokens side by side" and "output vs input tokens" in total', async () => {
    for (const q of ['input and output tokens side by side last month', 'output vs input tokens last month']) {
      const a = await demo.ask(q);
      expect(a.rows[0]?.input_tokens, `${q}: ${a.answer}`).toBe(await demo.sql(`select sum(input_tokens) v from llm_usage where ${OCT_AI}`));
      expect(a.rows[0]?.output_tokens).toBe(await demo.sql(`select sum(output_tokens) v from llm_usage where ${OCT_AI}`));
    }
  });

  it('near miss: summed in words it stays the total, and the cache hit rate by model keeps its rates', async () => {
    const sum = await demo.ask('input and output tokens combined last month');
    expect(sum.value, sum.answer).toBe(await demo.sql(`select sum(input_tokens + output_tokens) v from llm_usage where ${OCT_AI}`));
    const rate = await demo.ask('cache hit rate by model last month');
    const want = Object.fromEntries(await demo.byKey(`select model k, 100.0 * sum(cache_read_tokens) / sum(input_tokens) v from llm_usage where ${OCT_AI} group by 1`));
    expect(Object.fromEntries(rate.rows.map((r) => [String(r.model), Number(r[rate.column!])]))).toEqual(close(want));
  });
});

describe('the cheapest model per kind of token', () => {
  it('is declined saying a cost per kind of token is not recorded (it was declined on "1k")', async () => {
    for (const q of ['cheapest model per 1k output tokens last month', 'which model is most expensive per output token']) {
      const a = await demo.ask(q);
      expect(declined(a), `${q}: ${a.answer}`).toBe(true);
      expect(a.answer).toContain('not a cost per kind of token');
    }
  });

  it("near miss: per 1k tokens of every kind is still each model's cost over its tokens", async () => {
    const a = await demo.ask('cheapest model per 1k tokens last month');
    const want = Object.fromEntries(
      await demo.byKey("select model k, sum(cost) * 1000 / sum(input_tokens + output_tokens) v from llm_usage where ts >= '2026-10-01' and ts < '2026-11-01' group by 1"),
    );
    expect(Object.fromEntries(a.rows.map((r) => [String(r.model), Number(r[a.query!.metric])])), a.answer).toEqual(close(want));
  });
});
