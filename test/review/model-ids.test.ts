/**
 * Model ids as real code writes them — a provider before a colon (LangChain's init_chat_model,
 * pydantic-ai), LiteLLM's provider/model, Bedrock model and cross-region inference-profile ids,
 * Azure OpenAI deployment names mapped in penny.yml — and output limits by their other names or set
 * from a constant, each reviewed from a real-shaped diff and priced at list price.
 */
import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { ConfigFileError, parseConfig } from '../../src/review/config.ts';
import { emptyHistory } from '../../src/review/history.ts';
import { renderComment } from '../../src/review/render.ts';
import { reviewDiff } from '../../src/review/review.ts';
import { diffOf } from '../support/diffs.ts';

const AS_OF = '2026-01-20';
const config = parseConfig(`
features:
  - feature: triage
    paths: ["app/triage/**"]
    usage: { calls_per_month: 50000, input_tokens_per_call: 1200, output_tokens_per_call: 300, model: gpt-4o-mini }
  - feature: claims
    paths: ["lambdas/claims/**"]
    usage: { calls_per_month: 40000, input_tokens_per_call: 2000, output_tokens_per_call: 400 }
deployments:
  chat-mini-prod: gpt-4o-mini
  chat-4o-prod: azure/gpt-4o
`);

/** USD per call at list price, straight from the price library. */
function perCall(model: string, input: number, output: number, providerId?: string): number {
  return calcPrice({ input_tokens: input, output_tokens: output }, model, { timestamp: new Date(`${AS_OF}T00:00:00Z`), ...(providerId ? { providerId } : {}) })!.total_price;
}

const review = (diff: string) => reviewDiff({ diff, config, history: emptyHistory(AS_OF), asOf: AS_OF });

describe('model ids with a provider, Bedrock ids and Azure deployments', () => {
  it('pydantic-ai `openai:gpt-4.1`', async () => {
    const r = await review(
      diffOf(
        'app/triage/agent.py',
        10,
        `
from pydantic_ai import Agent

-triage_agent = Agent('openai:gpt-4o-mini', output_type=Ticket, system_prompt=SYSTEM)
+triage_agent = Agent('openai:gpt-4.1', output_type=Ticket, system_prompt=SYSTEM)
`,
      ),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ kind: 'model', line: 12, before: 'openai:gpt-4o-mini', after: 'openai:gpt-4.1', basis: 'assumption', feature: 'triage' });
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(50_000 * (perCall('gpt-4.1', 1200, 300) - perCall('gpt-4o-mini', 1200, 300)), 2);
  });

  it("LangChain's init_chat_model `anthropic:claude-…`", async () => {
    const r = await review(
      diffOf(
        'app/triage/chain.py',
        4,
        `
from langchain.chat_models import init_chat_model

-llm = init_chat_model("anthropic:claude-3-5-haiku-latest", temperature=0)
+llm = init_chat_model("anthropic:claude-sonnet-4-5", temperature=0)
 chain = prompt | llm | parser
`,
      ),
    );
    expect(r.items.map((i) => [i.kind, i.before, i.after])).toEqual([['model', 'anthropic:claude-3-5-haiku-latest', 'anthropic:claude-sonnet-4-5']]);
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(50_000 * (perCall('claude-sonnet-4-5', 1200, 300, 'anthropic') - perCall('claude-3-5-haiku-latest', 1200, 300, 'anthropic')), 2);
  });

  it('LiteLLM `openai/gpt-4o` → `anthropic/claude-3-5-sonnet-20240620`', async () => {
    const r = await review(
      diffOf(
        'app/triage/llm.py',
        20,
        `
     response = litellm.completion(
-        model="openai/gpt-4o",
+        model="anthropic/claude-3-5-sonnet-20240620",
         messages=messages,
`,
      ),
    );
    expect(r.items[0]).toMatchObject({ kind: 'model', before: 'openai/gpt-4o', after: 'anthropic/claude-3-5-sonnet-20240620' });
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(50_000 * (perCall('claude-3-5-sonnet-20240620', 1200, 300, 'anthropic') - perCall('gpt-4o', 1200, 300, 'openai')), 2);
  });

  it('Bedrock Converse: a model id → a cross-region inference profile, at Bedrock prices', async () => {
    const r = await review(
      diffOf(
        'lambdas/claims/handler.py',
        31,
        `
     response = bedrock.converse(
-        modelId="anthropic.claude-3-haiku-20240307-v1:0",
+        modelId="us.anthropic.claude-3-5-sonnet-20241022-v2:0",
         messages=[{"role": "user", "content": [{"text": claim_text}]}],
         inferenceConfig={"temperature": 0.2},
     )
`,
      ),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      kind: 'model',
      line: 32,
      before: 'anthropic.claude-3-haiku-20240307-v1:0',
      after: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
      basis: 'assumption',
      feature: 'claims',
    });
    const expected = 40_000 * (perCall('us.anthropic.claude-3-5-sonnet-20241022-v2:0', 2000, 400, 'aws') - perCall('anthropic.claude-3-haiku-20240307-v1:0', 2000, 400, 'aws'));
    expect(expected).toBeGreaterThan(400);
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(expected, 2);
  });

  it('Azure OpenAI deployment names mapped in penny.yml, in code and in .env', async () => {
    const code = diffOf(
      'app/triage/azure_client.py',
      14,
      `
 client = AzureOpenAI(api_version="2024-10-21", azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"])
 resp = client.chat.completions.create(
-    model="chat-mini-prod",
+    model="chat-4o-prod",
     messages=messages,
`,
    );
    const env = diffOf(
      'app/triage/.env.production',
      1,
      `
 AZURE_OPENAI_ENDPOINT=https://acme-prod.openai.azure.com/
-AZURE_OPENAI_DEPLOYMENT=chat-mini-prod
+AZURE_OPENAI_DEPLOYMENT=chat-4o-prod
`,
    );
    const r = await review(code + env);
    const expected = 50_000 * (perCall('gpt-4o', 1200, 300, 'azure') - perCall('gpt-4o-mini', 1200, 300, 'openai'));
    expect(r.items.map((i) => [i.file, i.before, i.after])).toEqual([
      ['app/triage/.env.production', 'chat-mini-prod', 'chat-4o-prod'],
      ['app/triage/azure_client.py', 'chat-mini-prod', 'chat-4o-prod'],
    ]);
    for (const i of r.items) expect(i.monthlyDelta).toBeCloseTo(expected, 2);
    // Unmapped, a deployment name is no model and nothing is claimed.
    expect((await reviewDiff({ diff: code, config: parseConfig('features: []'), history: emptyHistory(AS_OF), asOf: AS_OF })).items).toEqual([]);
  });

  it('refuses a penny.yml deployment mapped to a model the price library does not know, naming its line', () => {
    expect(() => parseConfig('deployments:\n  chat-prod: gpt-4o\n  legacy: gtp-4\n')).toThrow(
      new ConfigFileError('penny.yml:3: deployments.legacy: "gtp-4" is not a model @pydantic/genai-prices knows (write its id, such as gpt-4o or azure/gpt-4o)'),
    );
  });
});

describe('output limits by other names, and set from a constant', () => {
  it.each([
    ['app/triage/summarise.py', 'max_completion_tokens=1024,', 'max_completion_tokens=4096,', 'max_completion_tokens'],
    ['app/triage/gemini.py', 'generation_config={"max_output_tokens": 1024},', 'generation_config={"max_output_tokens": 4096},', 'max_output_tokens'],
    ['app/triage/summarise.ts', 'maxTokens: 1024,', 'maxTokens: 4096,', 'max_tokens'],
    ['app/triage/legacy.py', 'max_tokens_to_sample=1024,', 'max_tokens_to_sample=4096,', 'max_tokens_to_sample'],
    ['app/triage/local.py', 'options={"num_predict": 1024},', 'options={"num_predict": 4096},', 'num_predict'],
    ['app/triage/titan.py', 'textGenerationConfig={"maxTokenCount": 1024},', 'textGenerationConfig={"maxTokenCount": 4096},', 'max_token_count'],
  ])('%s: %s → %s is an upper bound', async (file, before, after, key) => {
    const r = await review(
      diffOf(
        file,
        40,
        `
     result = call_model(
-        ${before}
+        ${after}
     )
`,
      ),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ kind: 'output-limit', before: `${key} 1024`, after: `${key} 4096`, basis: 'upper bound', feature: 'triage' });
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(50_000 * (perCall('gpt-4o-mini', 1200, 4096) - perCall('gpt-4o-mini', 1200, 300)), 2);
  });

  it("a constant passed as the limit, changed in the same file outside the call's hunk, read whole", async () => {
    const file = 'app/triage/planner.py';
    const now = [
      'import openai',
      '',
      'SMART_TOKEN_LIMIT = 8192',
      'FAST_TOKEN_LIMIT = 4000',
      '',
      ...Array.from({ length: 30 }, (_, k) => `# step ${k}`),
      'def plan(task):',
      '    return openai.chat.completions.create(',
      '        model="gpt-4o-mini",',
      '        messages=[{"role": "user", "content": task}],',
      '        max_tokens=SMART_TOKEN_LIMIT,',
      '    )',
      '',
    ].join('\n');
    const diff = diffOf(
      file,
      2,
      `

-SMART_TOKEN_LIMIT = 4096
+SMART_TOKEN_LIMIT = 8192
 FAST_TOKEN_LIMIT = 4000
`,
    );
    const r = await reviewDiff({ diff, config, history: emptyHistory(AS_OF), asOf: AS_OF, read: async (p) => (p === file ? now : undefined) });
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ kind: 'output-limit', line: 3, before: 'SMART_TOKEN_LIMIT 4096', after: 'SMART_TOKEN_LIMIT 8192', basis: 'upper bound' });
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(50_000 * (perCall('gpt-4o-mini', 1200, 8192) - perCall('gpt-4o-mini', 1200, 300)), 2);
    expect(renderComment(r)).toMatch(/\| `SMART_TOKEN_LIMIT 4096` → `SMART_TOKEN_LIMIT 8192` \| up to \+\$[\d,.]+ \| upper bound \|/);
  });

  it('an UPPER_CASE constant changed in one file and passed as max_tokens in another file of the diff', async () => {
    const constants = diffOf(
      'app/triage/settings.py',
      8,
      `
 DEFAULT_MODEL = "gpt-4o-mini"
-ANSWER_TOKEN_LIMIT: int = 512
+ANSWER_TOKEN_LIMIT: int = 2_048
 TIMEOUT_S = 30
`,
    );
    const caller = diffOf(
      'app/triage/answer.py',
      20,
      `
     resp = client.chat.completions.create(
         model=settings.DEFAULT_MODEL,
-        messages=build_messages(question),
+        messages=build_messages(question, context),
         max_tokens=settings.ANSWER_TOKEN_LIMIT,
     )
`,
    );
    const r = await review(constants + caller);
    const limits = r.items.filter((i) => i.kind === 'output-limit');
    expect(limits).toEqual([expect.objectContaining({ file: 'app/triage/settings.py', line: 9, before: 'ANSWER_TOKEN_LIMIT 512', after: 'ANSWER_TOKEN_LIMIT 2048', basis: 'upper bound' })]);
    expect(limits[0]!.monthlyDelta).toBeCloseTo(50_000 * (perCall('gpt-4o-mini', 1200, 2048) - perCall('gpt-4o-mini', 1200, 300)), 2);
    // The same constant, used for something else, is no limit.
    expect((await review(constants)).items).toEqual([]);
  });
});
