/**
 * Workloads of FOCUS 1.3 split cost allocation (src/ask/planner/workloads.ts) over the real-world
 * FOCUS exports, whose AWS, Azure and Google 1.3 samples split shared costs among workloads
 * ("workload-checkout" in AllocatedResourceName, {"workload": "checkout"} in AllocatedTags). Truths
 * are hand-written SQL over cost_lines; the split lines' workload tag is the truth's key.
 */
import { describe, expect, it } from 'vitest';
import { answered, close, realFocus } from './support/real-focus.ts';
import { offlinePlanner } from './support/offline-planner.ts';

const { ask, sql, rowsOf } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const BY_WORKLOAD = `with w as materialized (select allocated_tags->>'workload' k, billing_currency c, sum(effective_cost) v from cost_lines where allocated_tags ? 'workload' and ${MAY} group by 1, 2)`;

describe('a workload named', () => {
  it('"cost allocated to the checkout workload" is its split lines (it was declined)', async () => {
    const a = await ask('cost allocated to the checkout workload in may (split cost allocation)');
    expect(a.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where allocated_tags->>'workload' = 'checkout' and ${MAY}`), 6);
  });

  it('"the search workload" is the workload, not a team or a tag called search', async () => {
    const a = await ask('what did the search workload cost in may');
    expect(a.query?.filters).toEqual([{ dimension: 'AllocatedResourceName', op: 'eq', value: 'workload-search' }]);
    expect(a.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where allocated_tags->>'workload' = 'search' and ${MAY}`), 6);
  });
});

describe('by workload', () => {
  it('"which workload cost the most" ranks the workloads, spend with no workload left out (it was declined)', async () => {
    const a = await ask('which workload cost the most in may');
    const truth = await rowsOf(`${BY_WORKLOAD} select 'workload-' || k k, v from w where c = 'USD'`);
    expect(answered(a, (r) => String(r.AllocatedResourceName))).toEqual(
      close(
        Object.fromEntries(
          Object.entries(truth)
            .sort(([, x], [, y]) => y - x)
            .slice(0, 5),
        ),
      ),
    );
    expect(a.how).toMatch(/spend with no workload is left out/);
  });

  it('"top 3 workloads" are three', async () => {
    const a = await ask('top 3 workloads by cost in may');
    expect(a.rows).toHaveLength(3);
  });

  it('near miss: "the AI workload" names no workload: the word stays a plain one', async () => {
    const a = await ask('what did the AI workload cost in may');
    expect(a.query?.filters ?? []).not.toContainEqual(expect.objectContaining({ dimension: 'AllocatedResourceName' }));
  });

  it('near miss: a workload that is not stored is not read as one', async () => {
    const a = await ask('what did the payroll workload cost in may');
    expect(a.query?.filters ?? []).not.toContainEqual(expect.objectContaining({ dimension: 'AllocatedResourceName' }));
  });
});

describe('data with no split cost allocation', () => {
  const { read } = offlinePlanner(new Map([['team', ['checkout', 'search']]]), '2026-11-23');

  it('"by workload" is still declined, saying what Penny can split by', () => {
    const p = read('spend by workload last month');
    expect(p.ok).toBe(false);
  });

  it('"the checkout workload" is still the team checkout', () => {
    const p = read('what did the checkout workload cost last month');
    expect(p.ok && p.query.filters).toEqual([{ dimension: 'team', op: 'eq', value: 'checkout' }]);
  });
});
