/**
 * Spot read as PricingCategory "Dynamic", over the real-world FOCUS exports with the AWS EC2 rows
 * at standard prices set to Dynamic: the exports hold no Dynamic rows (the one sample that does,
 * excel_resaved_focus_sample.csv, fails its Excel round trip), and a test needs some. Truths are
 * hand-written SQL over cost_lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { realFocus } from './support/real-focus.ts';

const { f, ask, sql } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";

beforeAll(async () => {
  const { rowCount } = await f.t.pool.query("update cost_lines set pricing_category = 'Dynamic' where service_name in ('AmazonEC2', 'Amazon EC2') and pricing_category = 'Standard'");
  expect(rowCount).toBeGreaterThan(0);
});

describe('spot spend is spend at Dynamic pricing, said', () => {
  it.each(['how much did we spend on spot instances on aws in may', 'spot spend on aws for may', 'aws preemptible vms cost in may'])('"%s"', async (q) => {
    const a = await ask(q);
    expect(a.value, a.answer).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and pricing_category = 'Dynamic' and ${MAY}`), 6);
    expect(a.how).toContain('read as PricingCategory "Dynamic"');
  });

  it('spot spend by service is a row per service at Dynamic pricing', async () => {
    const a = await ask('spot spend by service in may');
    const want = (await f.t.pool.query(`select service_name k, sum(effective_cost) v from cost_lines where pricing_category = 'Dynamic' and ${MAY} group by 1`)).rows;
    expect(Object.fromEntries(a.rows.map((r) => [r.ServiceName, Number(r.effective_cost)]))).toEqual(Object.fromEntries(want.map((r) => [r.k, expect.closeTo(Number(r.v), 6)])));
  });

  it('near miss: "spot" as a verb is no spot pricing', async () => {
    for (const q of ['spot check aws spend for may', 'can you spot anything odd in aws spend for may']) {
      const a = await ask(q);
      expect(a.query?.filters.some((x) => x.dimension === 'PricingCategory') ?? false, q).toBe(false);
    }
  });
});
