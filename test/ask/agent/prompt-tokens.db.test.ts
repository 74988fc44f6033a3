/**
 * The agent path's prompt tokens per question (issue 17: a median of 3,000 at most; bench:ask
 * measures it on the 10M dataset): bench:ask's questions, on the demo company, through the real
 * graph against the scripted OpenAI-compatible server, which counts what the model reads (messages
 * and tool definitions) with o200k_base. The scripted model asks for the query the offline planner
 * builds, as bench:ask does. Token counts are deterministic, so the budget is a test; the figures
 * are printed. Both ways of writing the tools' schemas are counted: with the filter shape referred
 * to (OpenAI's hosts) and written out wherever used (PENNY_TOOL_SCHEMA=inline).
 */
import { expect, it } from 'vitest';
import { QUESTIONS } from '../../../bench/questions.ts';
import { answerWithAgent } from '../../../src/ask/agent/answer.ts';
import { loadCatalog } from '../../../src/ask/planner/catalog.ts';
import { planQuestion } from '../../../src/ask/planner/plan.ts';
import { admin, AS_OF, demoAgent } from './demo-agent.ts';

const agent = demoAgent();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** Prompt tokens per question (and of the first call) over bench:ask's questions the planner reads, with the tool schemas written as `setting` says. */
async function promptTokens(setting: 'refs' | 'inline') {
  const env = { ...agent.env, PENNY_TOOL_SCHEMA: setting } as const;
  const catalog = await loadCatalog(agent.t.pool, admin, AS_OF);
  const first: number[] = [];
  const total: number[] = [];
  for (const q of QUESTIONS) {
    const plan = planQuestion(q, { asOf: AS_OF, catalog });
    if (!plan.ok) continue;
    const before = agent.fake.promptTokens.length;
    agent.fake.script({ toolCalls: [{ name: 'run_cost_query', args: plan.query }] }, { text: 'Here is the answer.' });
    const a = await answerWithAgent(agent.t.pool, env, q, { viewer: admin, asOf: AS_OF });
    expect(a.llmCalls, q).toBe(2);
    first.push(agent.fake.promptTokens[before]!);
    total.push(a.promptTokens);
  }
  console.log(
    `prompt tokens (${setting}) over ${total.length} questions: first call median ${median(first)}, max ${Math.max(...first)}; per question median ${median(total)}, max ${Math.max(...total)}`,
  );
  expect(total.length).toBeGreaterThanOrEqual(20);
  return median(total);
}

it("bench:ask's questions take at most 2,700 prompt tokens each at the median, in two model calls", async () => {
  expect(await promptTokens('refs')).toBeLessThanOrEqual(2_700);
}, 180_000);

it('with the filter shape written out wherever used (servers that drop $defs), at most 3,000 at the median', async () => {
  expect(await promptTokens('inline')).toBeLessThanOrEqual(3_000);
  const choose = [...agent.fake.requests].reverse().find((r) => r.tools)!;
  const tools = JSON.stringify(choose.tools);
  expect(tools).not.toContain('$ref');
  expect(tools).not.toContain('$defs');
  expect(tools.match(/"const":"contains"/g)!.length).toBeGreaterThan(1);
}, 180_000);

it('the model reads each tool once, lean: the filter shape once, the metrics once, no validation-only keys', () => {
  const choose = agent.fake.requests.find((r) => r.tools)!;
  const tools = JSON.stringify(choose.tools);
  expect(tools.match(/"const":"contains"/g)).toHaveLength(1);
  expect(tools).toContain('"$ref":"#/$defs/Filter"');
  expect(tools.match(/"cost_per_successful_task"/g)).toHaveLength(1);
  expect(tools).not.toMatch(/"(?:maxLength|additionalProperties|\$schema)"/);
  const query = choose.tools!.find((t) => t.function.name === 'run_cost_query')!.function.parameters as { required: string[]; properties: Record<string, { description?: string }> };
  // Fields with a default may be left out; each FinOps reading is said on its field.
  expect(query.required).toEqual(['time']);
  expect(query.properties.measure!.description).toMatch(/negotiated_savings = list − contracted/);
});
