/**
 * List cost set against effective cost ("list cost vs effective cost by provider", "difference
 * between list and effective cost"), over the real-world FOCUS exports: the saving between them,
 * with both beside it (planner/derived.ts). Truths are hand-written SQL over cost_lines.
 */
import { describe, expect, it } from 'vitest';
import { realFocus } from './support/real-focus.ts';

const { ask, sql, rowsOf } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";

describe('list cost against effective cost', () => {
  it('"difference between list and effective cost for aws" is list minus effective (it was declined)', async () => {
    const a = await ask('difference between list and effective cost for aws in may');
    expect(a.value).toBeCloseTo(await sql(`select sum(list_cost) - sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${MAY}`), 6);
  });

  it('"list cost vs effective cost by provider" is a saving per provider (it was declined)', async () => {
    const a = await ask('list cost vs effective cost by provider in may');
    const truth = await rowsOf(`select provider_name || '|' || billing_currency k, sum(list_cost) - sum(effective_cost) v from cost_lines where ${MAY} group by provider_name, billing_currency`);
    const got = Object.fromEntries(a.rows.map((r) => [`${String(r.provider)}|${String(r.currency ?? 'USD')}`, Number(r[a.column!])]));
    for (const [k, v] of Object.entries(got)) expect(v, k).toBeCloseTo(truth[k]!, 6);
    expect(Object.keys(got).length).toBeGreaterThan(1);
  });

  it('near miss: "list cost" alone is list cost, not a saving', async () => {
    const a = await ask('list cost for aws in may');
    expect(a.query?.metric).toBe('list_cost');
    expect(a.value).toBeCloseTo(await sql(`select sum(list_cost) v from cost_lines where provider_name = 'AWS' and ${MAY}`), 6);
  });
});
