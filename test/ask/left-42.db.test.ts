/**
 * The question classes session 41 left: a median or percentile per LLM call (cloud rows still
 * declined), each group's share as percentages, a ranking or list saying what it leaves out for
 * having no value (regions), Azure resource group names as filters, and two named periods not next
 * to each other compared. Over the demo company
 * (asked as of 2026-11-23) and the real FOCUS exports (as of 2026-06-15). Each with a near miss;
 * truths are hand-written SQL over cost_lines and llm_usage.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/ask/answer/answer.ts';
import { demoCompany } from './support/demo-company.ts';
import { close, declined, realFocus } from './support/real-focus.ts';

const demo = demoCompany();
const focus = realFocus();
const OCTOBER = "ts >= '2026-10-01' and ts < '2026-11-01'";
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const figures = (a: Answer, key: string) => Object.fromEntries(a.rows.map((r) => [String(r[key]), Number(r[a.column!])]));

describe('a median or percentile per LLM call', () => {
  it('"what\'s the median cost per llm call in october?" is the median over single calls (it was declined)', async () => {
    const a = await demo.ask("what's the median cost per llm call in october?");
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(`select percentile_disc(0.5) within group (order by cost) v from llm_usage where cost > 0 and requests = 1 and ${OCTOBER}`), 12);
    expect(a.statistic).toBe('median');
    expect(a.rows[0]?.calls).toBe(await demo.sql(`select count(*) v from llm_usage where cost > 0 and requests = 1 and ${OCTOBER}`));
    expect(a.answer).toMatch(/^Median cost per call, October 2026 .*over [\d,]+ calls\./);
  });

  it('"p95 cost per request by model last month" is a p95 per model, and "the 90th percentile of tokens per call" ranks tokens', async () => {
    const a = await demo.ask('p95 cost per request by model last month');
    expect(a.column, a.answer).toBe('p95');
    const want = await demo.byKey(`select model k, percentile_disc(0.95) within group (order by cost) v from llm_usage where cost > 0 and requests = 1 and ${OCTOBER} group by 1`);
    expect(figures(a, 'model')).toEqual(close(Object.fromEntries(want)));
    const t = await demo.ask("what's the 90th percentile of tokens per call in october");
    expect(t.unit, t.answer).toBe('tokens');
    expect(t.value).toBeCloseTo(await demo.sql(`select percentile_disc(0.9) within group (order by input_tokens + output_tokens) v from llm_usage where requests = 1 and ${OCTOBER}`), 6);
  });

  it('near miss: a percentile of cloud cost per row stays declined, saying a cloud row is no unit, and per day in two currencies saying so; the average per call is still an average', async () => {
    const row = await focus.ask('p95 cost per row last month');
    expect(declined(row), row.answer).toBe(true);
    expect(row.answer).toContain('not one unit of anything');
    // A day's total is a unit (planner-round-52.db.test.ts), but May's cloud spend is in USD and EUR: no day has one total.
    const daily = await focus.ask('median daily cloud spend last month');
    expect(declined(daily), daily.answer).toBe(true);
    expect(daily.answer).toContain('several currencies');
    const avg = await demo.ask('average cost per call in october');
    expect(avg.statistic).toBeUndefined();
    expect(avg.value).toBeCloseTo(await demo.sql(`select sum(cost) / sum(requests) v from llm_usage where ${OCTOBER}`), 12);
  });
});

describe("each group's share, as percentages", () => {
  it('"share of spend by provider last month, as percentages" gives every provider\'s share of the total (it was declined)', async () => {
    const a = await demo.ask('share of spend by provider last month, as percentages');
    expect(a.column, a.answer).toBe('share');
    const want =
      await demo.byKey(`with c as materialized (select provider_name k, sum(effective_cost) v from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' group by 1),
      ai as materialized (select provider k, sum(cost) v from llm_usage where ${OCTOBER} group by 1), u as (select * from c union all select * from ai)
      select k, v / (select sum(v) from u) v from u`);
    expect(figures(a, 'provider')).toEqual(close(Object.fromEntries(want)));
    expect(a.answer).toMatch(/^Share of cost by provider, last month .*: AWS \d+\.\d%/);
  });

  it('"what percent of cloud cost is each service" shares each service, every one listed in the rows', async () => {
    const a = await focus.ask('what percent of cloud cost is each service in may');
    const usd = a.rows.filter((r) => r.currency === 'USD');
    const want = await focus.rowsOf(
      `with s as materialized (select service_name k, sum(effective_cost) c from cost_lines where billing_currency = 'USD' and ${MAY} group by 1) select k, c / (select sum(c) from s) v from s`,
    );
    expect(Object.fromEntries(usd.map((r) => [String(r.ServiceName ?? 'null'), Number(r.share)])), a.answer).toEqual(close(want));
  });

  it('near miss: "what % of AWS spend last month was compute" stays one share of one slice', async () => {
    const a = await demo.ask('what % of AWS spend last month was compute');
    expect(a.unit, a.answer).toBe('ratio');
    expect(a.rows).toHaveLength(1);
    expect(a.column).toBeUndefined();
  });
});

describe('a ranking or list says what it leaves out for having no value', () => {
  it('"which regions did we have spend in" says the amount and rows with no region (it left them out silently)', async () => {
    const a = await focus.ask('which regions did we have spend in may');
    const [usd, rows] = [
      await focus.sql(`select sum(effective_cost) v from cost_lines where region_id is null and billing_currency = 'USD' and ${MAY}`),
      await focus.sql(`select count(*) v from cost_lines where region_id is null and ${MAY}`),
    ];
    expect(rows).toBeGreaterThan(0);
    expect(a.answer).toContain(`Left out for having no region: $${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    expect(a.answer).toContain(`over ${rows} rows.`);
  });

  it('near miss: where every row has a region, nothing is said', async () => {
    const a = await demo.ask('which regions did we have spend in last month');
    expect(await demo.sql("select count(*) v from cost_lines where region_id is null and charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'")).toBe(0);
    expect(a.answer).not.toContain('Left out for having no');
  });
});

describe('Azure resource group names as filters', () => {
  const GROUP = "coalesce(nullif(extra->>'x_ResourceGroupName', ''), substring(resource_id from '(?i)/resourcegroups/([^/]+)'))";

  it('"what did the rg-prod-platform resource group cost in may" and "spend in resource group RG-DATA-ANALYTICS in may" filter by the group (they were declined)', async () => {
    for (const [q, group] of [
      ['what did the rg-prod-platform resource group cost in may', 'rg-prod-platform'],
      ['spend in resource group RG-DATA-ANALYTICS in may', 'rg-data-analytics'],
    ]) {
      const a = await focus.ask(q!);
      expect(a.query?.filters, a.answer).toEqual([{ dimension: 'ResourceGroup', op: 'eq', value: group }]);
      expect(a.value).toBeCloseTo(await focus.sql(`select sum(effective_cost) v from cost_lines where lower(${GROUP}) = '${group}' and ${MAY}`), 6);
    }
  });

  it('a name stored nowhere is declined, offering the stored names that contain it, never $0', async () => {
    const part = await focus.ask('what did the rg-prod resource group cost in may');
    expect(declined(part), part.answer).toBe(true);
    expect(part.answer).toContain('did you mean "rg-prod-platform"');
    const none = await focus.ask('spend in resource group foo in may');
    expect(declined(none), none.answer).toBe(true);
  });

  it('near miss: "cost by resource group last month" is still a breakdown', async () => {
    const a = await focus.ask('cost by resource group last month');
    expect(a.query?.groupBy, a.answer).toEqual(['ResourceGroup']);
    expect(a.query?.filters).toEqual([]);
  });
});

describe('two named periods not next to each other', () => {
  const total = (from: string, to: string) =>
    demo.sql(`select (select coalesce(sum(effective_cost), 0) from cost_lines where charge_period_start >= '${from}' and charge_period_start < '${to}')
                   + (select coalesce(sum(cost), 0) from llm_usage where ts >= '${from}' and ts < '${to}') v`);

  it('"compare August and October" is October against August, the how-line naming both (it compared nothing: declined)', async () => {
    const a = await demo.ask('compare August and October');
    expect(a.query?.time, a.answer).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(a.query?.compareTo).toEqual({ from: '2026-08-01', to: '2026-09-01' });
    expect(a.value).toBeCloseTo(await total('2026-10-01', '2026-11-01'), 6);
    expect(Number(a.rows[0]?.previous)).toBeCloseTo(await total('2026-08-01', '2026-09-01'), 6);
    expect(a.how).toContain('October 2026 compared with August 2026, the periods named');
  });

  it('"August 2026 vs October 2026 ai spend" and "Q1 vs Q3 AI spend": either order, quarters too, the earlier one out of the data said', async () => {
    const a = await demo.ask('August 2026 vs October 2026 ai spend');
    expect(a.query?.compareTo, a.answer).toEqual({ from: '2026-08-01', to: '2026-09-01' });
    expect(Number(a.rows[0]?.previous)).toBeCloseTo(await demo.sql("select sum(cost) v from llm_usage where ts >= '2026-08-01' and ts < '2026-09-01'"), 6);
    const q = await demo.ask('Q1 vs Q3 AI spend');
    expect(q.query?.time, q.answer).toEqual({ from: '2026-07-01', to: '2026-10-01' });
    expect(q.query?.compareTo).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(q.answer).toContain('so the period compared with is not covered');
  });

  it('near miss: adjacent months stay the month before, and "from August to October" stays one range', async () => {
    const a = await demo.ask('compare September and October');
    expect(a.query?.compareTo, a.answer).toBeUndefined();
    expect(a.query?.compare).toBe('previous_period');
    const range = await demo.ask('spend from August to October');
    expect(range.query?.compare, range.answer).toBeUndefined();
    expect(range.value).toBeCloseTo(await total('2026-08-01', '2026-11-01'), 6);
  });
});

describe('calls left out of a percentile are counted (last: it adds calls)', () => {
  it('a call with no cost and a usage bucket standing for 5 requests are left out and said', async () => {
    await demo.pool.query(`insert into llm_usage (load_id, event_id, ts, source_format, provider, model, cost, cost_source, requests)
      select load_id, e, '2026-11-22T10:00:00Z', source_format, 'openai', 'gpt-4o', c, 'priced', n from (select load_id, source_format from llm_usage limit 1) x,
      (values ('left42-zero', 0::numeric, 1), ('left42-bucket', 3::numeric, 5)) v(e, c, n)`);
    const a = await demo.ask('median cost per call for gpt-4o yesterday');
    const where = "model = 'gpt-4o' and ts >= '2026-11-22' and ts < '2026-11-23'";
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(`select percentile_disc(0.5) within group (order by cost) v from llm_usage where cost > 0 and requests = 1 and ${where}`), 12);
    expect(a.answer).toContain('Left out: 1 call with no cost and 1 row that is not one call');
  });
});
