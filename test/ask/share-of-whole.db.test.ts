/**
 * A share asked of a whole, over the demo company (issue #17, round 30): the share of the whole the
 * question named (all AI spend, all of EC2) with the part's amount, each checked against SQL over
 * the raw tables written here. Untagged spend keeps its amount, with its share of all spend.
 */
import { describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const WINDOW = (col: string) => `${col} >= '2026-10-24' and ${col} < '2026-11-23'`;
const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;

describe('a share of a whole', () => {
  it('"share of AI spend going to the report builder" is of all AI spend', async () => {
    const part = await demo.sql(`select sum(cost) v from llm_usage where feature = 'report-builder' and ${WINDOW('ts')}`);
    const whole = await demo.sql(`select sum(cost) v from llm_usage where ${WINDOW('ts')}`);
    const a = await demo.ask('share of AI spend going to the report builder');
    expect(a.value).toBeCloseTo(part / whole, 9);
    expect(a.answer).toContain(`${pct(part, whole)} ($`);
  });

  it('"what percent of ec2 is the ml team" is of all EC2 spend', async () => {
    const ec2 = `service_name = 'Amazon Elastic Compute Cloud' and ${WINDOW('charge_period_start')}`;
    const part = await demo.sql(`select sum(effective_cost) v from cost_lines where ${ec2} and tags->>'team' = 'ml'`);
    const whole = await demo.sql(`select sum(effective_cost) v from cost_lines where ${ec2}`);
    const a = await demo.ask('what percent of ec2 is the ml team');
    expect(a.value).toBeCloseTo(part / whole, 9);
    expect(a.answer).toContain('service Amazon Elastic Compute Cloud');
    expect(a.answer).toContain(`${pct(part, whole)} ($`);
  });

  it('near miss: untagged spend is a share of all spend', async () => {
    const cloud = await demo.sql(`select sum(effective_cost) v from cost_lines where ${WINDOW('charge_period_start')}`);
    const ai = await demo.sql(`select sum(cost) v from llm_usage where ${WINDOW('ts')}`);
    const untagged = await demo.sql(`select sum(effective_cost) v from cost_lines where coalesce(tags->>'team', '') = '' and ${WINDOW('charge_period_start')}`);
    const a = await demo.ask('what share of spend is untagged');
    expect(a.value).toBeCloseTo(untagged, 6);
    expect(a.answer).toContain(`${pct(untagged, cloud + ai)} of all spend $`);
  });
});
