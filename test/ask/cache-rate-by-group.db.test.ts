/**
 * The cache hit rate per group ("cache hit rate by model", "which feature has the lowest cache hit
 * rate"), over the demo company: cached input tokens over all input tokens per group, checked
 * against SQL over llm_usage written here by hand.
 */
import { describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const NOVEMBER = "ts >= '2026-11-01' and ts < '2026-11-23'";

describe('cache hit rate per group', () => {
  it('"cache hit rate by model" is a rate per model (it was declined)', async () => {
    const a = await demo.ask("what's our cache hit rate by model this month");
    const truth = await demo.byKey(`select model k, sum(cache_read_tokens) * 100.0 / nullif(sum(input_tokens), 0) v from llm_usage where ${NOVEMBER} group by 1`);
    expect(a.column).toBe('cache_hit_rate');
    expect(a.rows.length).toBe(truth.size);
    for (const r of a.rows) expect(Number(r.cache_hit_rate), String(r.model)).toBeCloseTo(truth.get(String(r.model))!, 6);
    expect(a.rows.map((r) => Number(r.cache_hit_rate))).toEqual([...a.rows.map((r) => Number(r.cache_hit_rate))].sort((x, y) => y - x));
  });

  it('"which feature has the lowest cache hit rate" ranks features lowest first, calls with no feature left out', async () => {
    const a = await demo.ask('which feature has the lowest cache hit rate this month');
    const truth = await demo.byKey(`select feature k, sum(cache_read_tokens) * 100.0 / nullif(sum(input_tokens), 0) v from llm_usage where feature is not null and ${NOVEMBER} group by 1`);
    const lowest = Math.min(...truth.values());
    expect(Number(a.rows[0]!.cache_hit_rate)).toBeCloseTo(lowest, 6);
    expect(a.rows.every((r) => r.feature !== null)).toBe(true);
  });

  it('near miss: the cache hit rate in total is still one number', async () => {
    const a = await demo.ask('cache hit rate this month');
    expect(a.value).toBeCloseTo(await demo.sql(`select sum(cache_read_tokens) * 100.0 / sum(input_tokens) v from llm_usage where ${NOVEMBER}`), 6);
  });
});
