/**
 * Prompts written in code, from real-shaped diffs: LangChain ChatPromptTemplate messages, an
 * OpenAI message with a system role in a template literal, a Python f-string and a `.format`
 * template assigned to prompt-named variables, and a Jinja prompt file. Each change is counted
 * with the tokenizer of the model the feature calls (cl100k_base for GPT-3.5/GPT-4, o200k_base for
 * newer OpenAI models, o200k_base said as an approximation for others) and priced with the
 * feature's call volume from history. A string that builds no prompt is not counted.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/review/config.ts';
import { emptyHistory, type ModelUsage, type UsageHistory } from '../../src/review/history.ts';
import { reviewDiff } from '../../src/review/review.ts';
import { tokenCounter } from '../../src/review/tokens.ts';
import { diffOf } from '../support/diffs.ts';

const AS_OF = '2026-01-20';
const config = parseConfig(`
features:
  - feature: support-bot
    paths: ["support/**"]
  - feature: triage
    paths: ["triage/**"]
  - feature: summaries
    paths: ["summaries/**", "prompts/summary.j2"]
`);
const usage = (model: string, calls: number): ModelUsage[] => [{ provider: 'openai', model, calls, inputTokens: calls * 900, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: calls * 150 }];
const history: UsageHistory = {
  ...emptyHistory(AS_OF),
  features: new Map([
    ['support-bot', usage('gpt-4o-mini', 120_000)],
    ['triage', usage('gpt-3.5-turbo', 40_000)],
    ['summaries', [{ ...usage('claude-3-5-haiku-latest', 9_000)[0]!, provider: 'anthropic' }]],
  ]),
};
const review = (diff: string) => reviewDiff({ diff, config, history, asOf: AS_OF });

const OLD_SYSTEM = 'You are a support assistant for Acme. Answer briefly.';
const NEW_SYSTEM =
  'You are a support assistant for Acme. Answer briefly, cite the help-centre article you used, never promise refunds, and escalate billing disputes to a human agent with a one-line summary.';

describe('prompts in code', () => {
  it('LangChain ChatPromptTemplate.from_messages: the system message grew, counted with gpt-4o-mini’s o200k_base and priced on its calls', async () => {
    const r = await review(
      diffOf(
        'support/chain.py',
        14,
        `
def build_chain(llm):
    prompt = ChatPromptTemplate.from_messages(
        [
-            ("system", "${OLD_SYSTEM}"),
+            ("system", "${NEW_SYSTEM}"),
            ("human", "{question}"),
        ]
    )
    return prompt | llm
`,
      ),
    );
    expect(r.items).toHaveLength(1);
    const o200k = await tokenCounter('o200k_base');
    const grow = o200k(NEW_SYSTEM) - o200k(OLD_SYSTEM);
    expect(grow).toBeGreaterThan(20);
    expect(r.items[0]).toMatchObject({ kind: 'prompt', file: 'support/chain.py', line: 17, feature: 'support-bot', basis: 'history' });
    expect(r.items[0]!.note).toMatch(new RegExp(`^\\+${grow} input tokens per call \\(o200k_base tokenizer\\), uncached, × 120,000 calls of support-bot`));
    // gpt-4o-mini input at $0.15 per million tokens.
    expect(r.items[0]!.monthlyDelta).toBeCloseTo((120_000 * grow * 0.15) / 1e6, 2);
  });

  it('a system message in a one-line template literal, counted with gpt-3.5-turbo’s cl100k_base', async () => {
    const r = await review(
      diffOf(
        'triage/classify.ts',
        20,
        `
  const res = await openai.chat.completions.create({
    model: 'gpt-3.5-turbo',
    messages: [
-      { role: 'system', content: \`Classify the ticket for \${team} as bug, question or request.\` },
+      { role: 'system', content: \`Classify the ticket for \${team} as bug, question, request or incident. Reply with the label only, in lower case, and nothing else.\` },
      { role: 'user', content: ticket.body },
    ],
  });
`,
      ),
    );
    expect(r.items).toHaveLength(1);
    const cl100k = await tokenCounter('cl100k_base');
    const grow =
      cl100k('Classify the ticket for ${team} as bug, question, request or incident. Reply with the label only, in lower case, and nothing else.') -
      cl100k('Classify the ticket for ${team} as bug, question or request.');
    expect(r.items[0]!.note).toMatch(new RegExp(`^\\+${grow} input tokens per call \\(cl100k_base tokenizer\\)`));
    expect(r.items[0]).toMatchObject({ feature: 'triage', basis: 'history', after: expect.stringMatching(/tokens$/) });
  });

  it('an f-string and a .format template assigned to prompt-named variables; a model without a public tokenizer is said to be approximated', async () => {
    const r = await review(
      diffOf(
        'summaries/prompts.py',
        3,
        `
-SUMMARY_PROMPT = f"Summarise the thread for {audience} in three bullet points."
+SUMMARY_PROMPT = f"Summarise the thread for {audience} in five bullet points, quoting the customer's own words where they state the problem, and end with the next step."
 TITLE_INSTRUCTION = "Write a title of at most {n} words for: {text}".format(n=8, text=thread)
`,
      ),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.note).toContain("o200k_base tokenizer, approximating claude-3-5-haiku-latest's, which has no public tokenizer");
    expect(r.items[0]!.monthlyDelta).toBeGreaterThan(0);
    const format = await review(
      diffOf(
        'summaries/prompts.py',
        3,
        `
 SUMMARY_PROMPT = f"Summarise the thread for {audience} in three bullet points."
-TITLE_INSTRUCTION = "Write a title of at most {n} words for: {text}".format(n=8, text=thread)
+TITLE_INSTRUCTION = "Write a short, specific title of at most {n} words, without the customer's name, for: {text}".format(n=8, text=thread)
`,
      ),
    );
    expect(format.items.map((i) => i.kind)).toEqual(['prompt']);
  });

  it('a Jinja prompt file is counted whole; a changed log message is no prompt', async () => {
    const jinja = await review(
      diffOf(
        'prompts/summary.j2',
        1,
        `
 You summarise support threads for {{ audience }}.
+{% for rule in rules %}
+- {{ rule }}
+{% endfor %}
 Thread:
 {{ thread }}
`,
      ),
    );
    expect(jinja.items).toEqual([expect.objectContaining({ kind: 'prompt', feature: 'summaries' })]);
    const log = await review(
      diffOf(
        'support/worker.py',
        40,
        `
-    logger.info("processed %d tickets for %s", count, team)
+    logger.info("processed %d tickets for %s in %.1f s", count, team, elapsed)
`,
      ),
    );
    expect(log.items).toEqual([]);
  });
});
