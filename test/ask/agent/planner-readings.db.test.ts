/**
 * What the offline path reads from words, the agent's tool takes as typed fields and answers by the
 * planner's own code (issue 17): negotiated savings (list minus contracted cost), purchases alone
 * at billed cost with the planner's note, a part of the world as its stored regions (each said),
 * names of different kinds listed together, each a row with their total counting shared spend
 * once, and a tag key typed in another case than stored, read as stored. Data: the real-world FOCUS exports (May 2026, USD and EUR), asked as of 2026-06-15; the
 * model is the scripted OpenAI-compatible server on 127.0.0.1; truths are SQL written here by hand,
 * and readings are compared with the offline planner's answer to the same question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/ask/agent/answer.ts';
import { answerOffline } from '../../../src/ask/answer/answer.ts';
import { loadEnv, type Env } from '../../../src/config/env.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/openai-server.ts';
import { realFocus } from '../support/real-focus.ts';

const { f, sql } = realFocus();
const admin = { admin: true, teams: [] };
const AS_OF = '2026-06-15';
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const LAST_MONTH = { time: { period: 'last_month' } };
const AWS = { dimension: 'ProviderName', op: 'eq', value: 'AWS' };
let fake: FakeOpenAI;
let env: Env;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  env = loadEnv({ DATABASE_URL: f.t.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, PENNY_MODEL: 'gpt-4o-mini' });
});
afterAll(async () => {
  await fake?.close();
});

/** The agent's answer after the scripted model ran one cost query with these arguments. */
async function viaQuery(args: unknown, question: string) {
  fake.script({ toolCalls: [{ name: 'run_cost_query', args }] }, { text: 'Noted.' });
  return answerQuestion(f.t.pool, env, question, { viewer: admin, asOf: AS_OF });
}
const offline = (question: string) => answerOffline(f.t.pool, question, { viewer: admin, asOf: AS_OF });
/** Answered from the model's query, not handed to the offline planner. */
const byAgent = (a: { answer: string; llmCalls: number }) => {
  expect(a.answer).not.toContain('offline planner');
  expect(a.llmCalls).toBe(2);
};

describe('negotiated savings: list minus contracted cost', () => {
  it('"what is our negotiated discount on AWS" through the tool, on cloud billing whatever the dataset asked', async () => {
    const truth = await sql(`select sum(list_cost) - sum(contracted_cost) v from cost_lines where provider_name = 'AWS' and ${MAY}`);
    expect(truth).toBeGreaterThan(0);
    const a = await viaQuery({ filters: [AWS], measure: 'negotiated_savings', ...LAST_MONTH }, "what's our negotiated discount on aws last month");
    byAgent(a);
    expect(a.value).toBeCloseTo(truth, 6);
    expect(a.query?.dataset).toBe('cloud');
    expect(a.answer).toMatch(/^Negotiated savings \(list minus contracted cost\) for provider AWS/);
    expect((await offline("what's our negotiated discount on aws in may")).value).toBeCloseTo(a.value!, 6);
  });

  it('near miss: savings against list price stay list minus effective cost; negotiated savings of AI usage are declined', async () => {
    const a = await viaQuery({ filters: [AWS], measure: 'savings', ...LAST_MONTH }, 'how much did we save off list price on aws last month');
    expect(a.value).toBeCloseTo(await sql(`select sum(list_cost) - sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${MAY}`), 6);
    const ai = await viaQuery({ dataset: 'ai', measure: 'negotiated_savings', ...LAST_MONTH }, 'negotiated savings on our LLM calls last month');
    expect(ai.value).toBeNull();
    expect(ai.answer).toMatch(/Contracted cost is a FOCUS column of cloud billing/);
  });
});

describe('purchases alone are read at billed cost, and say so', () => {
  it('"what did AWS purchases cost last month": billed cost (their effective cost is $0, amortized), with the planner\'s note', async () => {
    const billed = await sql(`select sum(billed_cost) v from cost_lines where provider_name = 'AWS' and charge_category = 'Purchase' and ${MAY}`);
    expect(billed).toBeGreaterThan(0);
    const a = await viaQuery({ dataset: 'cloud', filters: [AWS, { dimension: 'ChargeCategory', op: 'eq', value: 'Purchase' }], ...LAST_MONTH }, 'what did AWS purchases cost us last month?');
    byAgent(a);
    expect(a.value).toBeCloseTo(billed, 6);
    expect(a.query?.metric).toBe('billed_cost');
    const note = 'purchases are read at billed cost: their effective cost is amortized into the usage a commitment covers';
    expect(a.how).toContain(note);
    expect((await offline('aws purchases in may')).how).toContain(note);
  });

  it('near miss: effective cost of purchases asked by name, and purchases beside usage, keep the metric asked', async () => {
    const purchase = { dimension: 'ChargeCategory', op: 'eq', value: 'Purchase' };
    const a = await viaQuery({ dataset: 'cloud', filters: [AWS, purchase], ...LAST_MONTH }, 'effective cost of AWS purchases last month');
    expect(a.query?.metric).toBe('effective_cost');
    expect(a.how).not.toContain('purchases are read at billed cost');
    const both = await viaQuery({ dataset: 'cloud', filters: [AWS, { dimension: 'ChargeCategory', op: 'in', values: ['Usage', 'Purchase'] }], ...LAST_MONTH }, 'AWS usage and purchases last month');
    expect(both.query?.metric).toBe('effective_cost');
  });
});

describe('a part of the world is its stored regions, each said', () => {
  it('"how much did we spend in Europe last month": the regions the planner places there, per currency', async () => {
    const planner = await offline('how much did we spend in Europe in May');
    const regions = planner.query!.filters.find((x) => x.dimension === 'RegionId');
    expect(regions?.op).toBe('in');
    const a = await viaQuery({ area: 'Europe', ...LAST_MONTH }, 'how much did we spend in Europe last month');
    byAgent(a);
    expect(a.query!.filters).toContainEqual(regions);
    const ids = regions?.op === 'in' ? regions.values : [];
    const usd = await sql(`select sum(effective_cost) v from cost_lines where region_id = any(array['${ids.join("','")}']) and billing_currency = 'USD' and ${MAY}`);
    expect(a.rows.find((r) => r.currency === 'USD')?.effective_cost).toBeCloseTo(usd, 6);
    expect(a.how).toContain(`"Europe" read as the regions ${ids.join(', ')}`);
  });

  it('near miss: a part of the world with no stored region is declined, not answered for everywhere', async () => {
    const a = await viaQuery({ area: 'Africa', ...LAST_MONTH }, 'what did we spend in Africa last month?');
    expect(a.value).toBeNull();
    expect(a.answer).toContain('No stored cloud region is in Africa');
  });
});

describe('names of different kinds listed together', () => {
  it('"AWS NAT gateways and VPC last month": a row each, and their total counts spend they share once', async () => {
    const each = (where: string) => sql(`select coalesce(sum(effective_cost), 0) v from cost_lines where provider_name = 'AWS' and ${where} and ${MAY}`);
    const nat = "resource_type = 'NAT Gateway'";
    const vpc = "service_name = 'AmazonVPC'";
    const list = [
      { dimension: 'ResourceType', values: ['NAT Gateway'] },
      { dimension: 'ServiceName', values: ['AmazonVPC'] },
    ];
    // Asked of all spend, as a model may leave the dataset: the names are all cloud billing's.
    const a = await viaQuery({ filters: [AWS], list, ...LAST_MONTH }, 'AWS NAT gateways and VPC last month');
    byAgent(a);
    const [both, natCost, vpcCost] = await Promise.all([each(`(${nat} or ${vpc})`), each(nat), each(vpc)]);
    expect(natCost).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(both, 6);
    const rows = new Map(a.rows.map((r) => [r.item, r.effective_cost as number]));
    expect(rows.get('NAT Gateway')).toBeCloseTo(natCost, 6);
    expect(rows.get('AmazonVPC')).toBeCloseTo(vpcCost, 6);
    expect(a.answer).toMatch(/overlap: spend under more than one is counted once/);
    expect(a.how).toContain('"NAT Gateway", "AmazonVPC" read as a list');
    for (const r of a.result!.rows) expect(r.ResourceType === 'NAT Gateway' || r.ServiceName === 'AmazonVPC').toBe(true);
  });

  it('near miss: a list over time, or across cloud and AI, is declined as the planner declines it; a name matching nothing is said, not $0', async () => {
    const list = [
      { dimension: 'ResourceType', values: ['NAT Gateway'] },
      { dimension: 'team', values: ['search'] },
    ];
    const mixedHomes = await viaQuery({ list, ...LAST_MONTH }, 'NAT gateways and the search team last month');
    expect(mixedHomes.value).toBeNull();
    expect(mixedHomes.answer).toMatch(/as a list of different kinds of thing/);
    const misspelt = await viaQuery(
      { dataset: 'cloud', filters: [AWS], list: [list[0], { dimension: 'ServiceName', values: ['Amazon VPC Lattice'] }], ...LAST_MONTH },
      'NAT gateways and VPC Lattice last month',
    );
    expect(misspelt.value).toBeNull();
    expect(misspelt.answer).toContain('I found no service "Amazon VPC Lattice" with spend in that period');
    // Names of one kind are no list: the tool refuses it, and the planner answers the question.
    fake.script({ toolCalls: [{ name: 'run_cost_query', args: { dataset: 'cloud', list: [list[0], { dimension: 'ResourceType', values: ['S3 Bucket'] }], ...LAST_MONTH } }] });
    const oneKind = await answerQuestion(f.t.pool, env, 'NAT gateways and S3 buckets in may', { viewer: admin, asOf: AS_OF });
    expect(oneKind.answer).toContain('names of one kind are a filter');
    expect(oneKind.llmCalls).toBe(1);
    const weekly = await viaQuery({ dataset: 'cloud', granularity: 'week', list: [list[0], { dimension: 'ServiceName', values: ['AmazonVPC'] }], ...LAST_MONTH }, 'NAT gateways and VPC per week');
    expect(weekly.answer).toMatch(/as a list of different kinds of thing/);
  });
});

describe('a tag key the model typed in another case than stored', () => {
  it('"tag:costcenter" is read as the stored key CostCenter, said (it found only "no tag")', async () => {
    const want = await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and tags->>'CostCenter' is not null and ${MAY}`);
    expect(want).toBeGreaterThan(0);
    const a = await viaQuery({ dataset: 'cloud', filters: [AWS], groupBy: ['tag:costcenter'], ...LAST_MONTH }, 'aws cost by costcenter tag last month');
    byAgent(a);
    expect(a.query?.groupBy).toEqual(['tag:CostCenter']);
    const tagged = a.rows.filter((r) => r['tag:CostCenter'] != null).reduce((s, r) => s + Number(r.effective_cost), 0);
    expect(tagged).toBeCloseTo(want, 6);
    expect(a.how).toContain('tag key "costcenter" read as the stored key CostCenter');
  });

  it('keys differing only in case: the one typed is read, the other said; a key stored nowhere is kept as typed', async () => {
    const a = await viaQuery({ dataset: 'cloud', filters: [{ dimension: 'tag:environment', op: 'eq', value: 'prod' }], ...LAST_MONTH }, 'cloud cost in the environment tag prod last month');
    expect(a.query?.filters).toContainEqual({ dimension: 'tag:environment', op: 'eq', value: 'prod' });
    expect(a.how).toContain('tag keys environment and Environment differ only in case: read environment, not Environment');
    const none = await viaQuery({ dataset: 'cloud', groupBy: ['tag:nosuchkey'], ...LAST_MONTH }, 'cloud cost by nosuchkey tag last month');
    expect(none.query?.groupBy).toEqual(['tag:nosuchkey']);
    expect(none.how ?? '').not.toContain('read as the stored key');
  });
});
