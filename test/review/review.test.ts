/**
 * Each kind of change in a fixture diff, reviewed against penny.yml assumptions (no history):
 * the direction and size of the estimate are checked against list prices computed here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { ConfigFileError, parseConfig } from '../../src/review/config.ts';
import { emptyHistory } from '../../src/review/history.ts';
import { priceTable } from '../../src/review/instance-prices.ts';
import { COMMENT_MARKER, money, renderComment } from '../../src/review/render.ts';
import { reviewDiff } from '../../src/review/review.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
const AS_OF = '2026-01-20';
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const config = parseConfig(`
features:
  - feature: query-rewrite
    team: search
    paths: ["services/search/rewrite/**", "prompts/rewrite.md"]
    usage: { calls_per_month: 100000, input_tokens_per_call: 800, output_tokens_per_call: 200, model: gpt-4o-mini }
  - feature: support-agent
    paths: ["services/support/**"]
    usage: { calls_per_month: 20000, input_tokens_per_call: 2500, output_tokens_per_call: 300, model: gpt-4o }
  - feature: report-summary
    paths: ["services/reports/**"]
    usage: { calls_per_month: 3000, input_tokens_per_call: 6000, output_tokens_per_call: 500 }
  - feature: digest
    paths: [".github/workflows/nightly-digest.yml"]
    usage: { calls_per_month: 900, input_tokens_per_call: 4000, output_tokens_per_call: 400, model: gpt-4o-mini }
`);

/** USD per call at list price, straight from the price library. */
const perCall = (model: string, input: number, output: number) => calcPrice({ input_tokens: input, output_tokens: output }, model, { timestamp: new Date(`${AS_OF}T00:00:00Z`) })!.total_price;

const review = (diff: string, c = config) => reviewDiff({ diff, config: c, history: emptyHistory(AS_OF), asOf: AS_OF });

describe('detectors and estimates from assumptions', () => {
  it('a docs-only diff costs 0 with no items', async () => {
    const r = await review(fixture('docs-only.diff'));
    expect(r).toMatchObject({ monthlyDelta: 0, currency: 'USD', items: [] });
  });

  it('a model swap and a raised max_tokens cost more, each with its basis', async () => {
    const r = await review(fixture('model-swap.diff'));
    const [model, limit] = r.items;
    expect(model).toMatchObject({ kind: 'model', file: 'services/search/rewrite/client.ts', line: 12, before: 'gpt-4o-mini', after: 'gpt-4o', basis: 'assumption', feature: 'query-rewrite' });
    expect(model!.monthlyDelta).toBeCloseTo(100_000 * (perCall('gpt-4o', 800, 200) - perCall('gpt-4o-mini', 800, 200)), 2);
    expect(limit).toMatchObject({ kind: 'output-limit', before: 'max_tokens 100', after: 'max_tokens 400', basis: 'upper bound' });
    // Upper bound: every call writes the full 400 tokens instead of the 200 assumed, on gpt-4o.
    expect(limit!.monthlyDelta).toBeCloseTo(100_000 * (perCall('gpt-4o', 800, 400) - perCall('gpt-4o', 800, 200)), 2);
    expect(r.monthlyDelta).toBeCloseTo(model!.monthlyDelta! + limit!.monthlyDelta!, 2);
  });

  it('a removed output limit is bounded by the context window', async () => {
    const r = await review(fixture('limit-removed.diff'));
    expect(r.items).toHaveLength(1);
    const item = r.items[0]!;
    expect(item).toMatchObject({ kind: 'output-limit', after: 'no limit', basis: 'upper bound', feature: 'support-agent' });
    const window = calcPrice({ input_tokens: 0, output_tokens: 0 }, 'gpt-4o')!.model.context_window!;
    expect(item.monthlyDelta).toBeCloseTo(20_000 * (perCall('gpt-4o', 2500, window - 2500) - perCall('gpt-4o', 2500, 300)), 0);
    expect(item.note).toContain('context window');
  });

  it('prompt growth is counted in tokens and costs input tokens on every call', async () => {
    const r = await review(fixture('prompt-growth.diff'));
    const item = r.items[0]!;
    expect(item).toMatchObject({ kind: 'prompt', file: 'prompts/rewrite.md', basis: 'assumption', feature: 'query-rewrite' });
    const grown = Number(/([\d,]+) tokens/.exec(item.after)![1]!.replace(/,/g, ''));
    expect(grown).toBeGreaterThan(50);
    expect(grown).toBeLessThan(90);
    expect(item.monthlyDelta).toBeCloseTo(100_000 * (perCall('gpt-4o-mini', 800 + grown, 200) - perCall('gpt-4o-mini', 800, 200)), 2);
  });

  it('a new call site is estimated from assumptions with the model written at the call', async () => {
    const r = await review(fixture('new-call.diff'));
    expect(r.items).toEqual([expect.objectContaining({ kind: 'call-site', line: 6, after: 'messages.create (claude-sonnet-4-5)', basis: 'assumption', feature: 'report-summary' })]);
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(3000 * perCall('claude-sonnet-4-5', 6000, 500), 2);
  });

  it('without assumptions or history a change is shown with "no usage data", never a number', async () => {
    const r = await review(fixture('new-call.diff'), parseConfig('features: []'));
    expect(r.items[0]).toMatchObject({ kind: 'call-site', monthlyDelta: null, basis: 'no usage data', feature: null });
    expect(r).toMatchObject({ monthlyDelta: 0, unestimated: 1 });
  });

  it('a schedule running an LLM job more often scales its cost per run; a lint schedule is ignored', async () => {
    const r = await review(fixture('schedule.diff'));
    expect(r.items).toHaveLength(1);
    const item = r.items[0]!;
    expect(item).toMatchObject({ kind: 'schedule', file: '.github/workflows/nightly-digest.yml', line: 5, basis: 'assumption', feature: 'digest' });
    expect(item.before).toMatch(/^0 6 \* \* \* \(30\.4 runs\/month\)$/);
    expect(item.after).toMatch(/^0 \* \* \* \* \(730 runs\/month\)$/);
    const monthly = 900 * perCall('gpt-4o-mini', 4000, 400);
    expect(item.monthlyDelta).toBeCloseTo(monthly * (730 / (365 / 12) - 1), 1);
  });

  it('Terraform instance types, counts and GPUs are priced from the table', async () => {
    const t = priceTable();
    const r = await review(fixture('terraform-gpu.diff'));
    const by = (file: string, line: number) => r.items.find((i) => i.file === file && i.line === line)!;
    expect(by('infra/ml.tf', 1)).toMatchObject({ before: '1× g5.xlarge', after: '2× g5.12xlarge', basis: 'price table' });
    expect(by('infra/ml.tf', 1).monthlyDelta).toBeCloseTo((2 * t.instance('g5.12xlarge')! - t.instance('g5.xlarge')!) * 730, 2);
    expect(by('infra/ml.tf', 21).monthlyDelta).toBeCloseTo(3 * (t.instance('m5.xlarge')! - t.instance('m5.large')!) * 730, 2);
    expect(by('infra/gcp.tf', 1).monthlyDelta).toBeCloseTo((t.instance('n1-standard-8')! + 2 * t.accelerator('nvidia-tesla-t4')!) * 730, 2);
    expect(r.priceTable).toEqual({ source: t.source, date: t.date });
  });

  it('Kubernetes nvidia.com/gpu × replicas, priced by the GPU the pods select', async () => {
    const t = priceTable();
    const r = await review(fixture('k8s-gpu.diff'));
    const server = r.items.find((i) => i.file === 'deploy/llm-server.yaml')!;
    expect(server).toMatchObject({ before: 'none', after: '2 × 1 nvidia-l4' });
    expect(server.monthlyDelta).toBeCloseTo(2 * t.gpu('l4').hourly * 730, 2);
    const embedder = r.items.find((i) => i.file === 'deploy/embedder.yaml')!;
    expect(embedder).toMatchObject({ before: '1 × 1 a10g', after: '3 × 1 a10g', line: 8 });
    expect(embedder.monthlyDelta).toBeCloseTo(2 * t.gpu('a10g').hourly * 730, 2);
  });

  it('a cheaper model and fewer GPUs are savings', async () => {
    const reverse = (d: string) =>
      d
        .split('\n')
        .map((l) => (l.startsWith('-') && !l.startsWith('---') ? '+' + l.slice(1) : l.startsWith('+') && !l.startsWith('+++') ? '-' + l.slice(1) : l))
        .join('\n');
    const r = await review(reverse(fixture('model-swap.diff')));
    expect(r.items.map((i) => Math.sign(i.monthlyDelta!))).toEqual([-1, -1]);
    const tf = await review(reverse(fixture('terraform-gpu.diff').split('diff --git a/infra/gcp.tf')[0]!));
    expect(tf.monthlyDelta).toBeLessThan(-7000);
  });
});

describe('large inputs', () => {
  it('a 2,000-line prompt change is counted whole', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `+Rule ${i + 1}: never reveal internal identifiers such as ticket ${i * 7919} to the customer.`);
    const diff = ['diff --git a/prompts/rewrite.md b/prompts/rewrite.md', 'new file mode 100644', '--- /dev/null', '+++ b/prompts/rewrite.md', '@@ -0,0 +1,2000 @@', ...lines].join('\n');
    const r = await review(diff);
    const item = r.items[0]!;
    expect(item).toMatchObject({ kind: 'prompt', before: '0 tokens', basis: 'assumption' });
    const tokens = Number(item.after.replace(/[^\d]/g, ''));
    expect(tokens).toBeGreaterThan(2000 * 15);
    expect(item.monthlyDelta).toBeGreaterThan(100_000 * tokens * 0.15e-6 * 0.99);
  });

  it('a 1,000-file diff is reviewed, each planted change found once', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const model = i % 100 === 0;
      parts.push(
        `diff --git a/src/mod${i}.ts b/src/mod${i}.ts`,
        `--- a/src/mod${i}.ts`,
        `+++ b/src/mod${i}.ts`,
        '@@ -1,3 +1,3 @@',
        ' const a = 1;',
        model ? "-const model = 'gpt-4o-mini';" : '-const b = 2;',
        model ? "+const model = 'gpt-4o';" : '+const b = 3;',
        ' export { a };',
      );
    }
    const r = await review(parts.join('\n'));
    expect(r.files).toBe(1000);
    expect(r.items.filter((i) => i.kind === 'model')).toHaveLength(10);
  });
});

describe('penny.yml', () => {
  it('names the line and field of a bad entry', () => {
    const bad = 'features:\n  - feature: a\n    paths: ["x/**"]\n  - feature: b\n    path: ["y"]\n    usage: { calls_per_month: -1, input_tokens_per_call: 1, output_tokens_per_call: 1 }\n';
    expect(() => parseConfig(bad)).toThrow(ConfigFileError);
    try {
      parseConfig(bad);
    } catch (err) {
      expect((err as Error).message.split('\n').sort()).toEqual([
        'penny.yml:4: features[1].paths: Invalid input: expected array, received undefined',
        'penny.yml:5: features[1].path: unknown field',
        'penny.yml:6: features[1].usage.calls_per_month: Too small: expected number to be >=0',
      ]);
    }
  });

  it('matches globs: ** at any depth, * within a folder, a bare folder', () => {
    const c = parseConfig('features:\n  - feature: a\n    paths: ["services/**/rewrite/*.ts", "prompts", "**/*.prompt"]\n');
    const hit = (p: string) => c.features[0]!.matchers.some((m) => m.test(p));
    expect([hit('services/search/rewrite/x.ts'), hit('services/rewrite/x.ts'), hit('services/rewrite/sub/x.ts'), hit('prompts/a.md'), hit('a/b/c.prompt'), hit('promptsx/a.md')]).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('the comment', () => {
  it('has the marker, a table row per item, the total and how it was estimated', async () => {
    const r = await review(fixture('model-swap.diff'));
    const body = renderComment(r, { headSha: 'abcdef1234567', failAbove: 100 });
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain(`**Estimated monthly cost change: up to +$${r.monthlyDelta.toLocaleString('en-US', { minimumFractionDigits: 2 })}**`);
    expect(body).toContain('| Model change (query-rewrite) | `services/search/rewrite/client.ts:12` | `gpt-4o-mini` → `gpt-4o` |');
    expect(body).toContain('<details><summary>How estimated</summary>');
    expect(body).toContain('Above the policy limit of $100.00/month');
    expect(renderComment(await review(fixture('docs-only.diff')))).toContain('No cost-relevant changes');
  });

  it("stays within GitHub's 65,536 characters on a huge pull request: the largest changes, and how many were left out", async () => {
    const r = await review(fixture('model-swap.diff'));
    const base = r.items[0]!;
    const items = Array.from({ length: 3000 }, (_, k) => ({ ...base, file: `services/search/rewrite/client${k}.ts`, monthlyDelta: k === 1234 ? 99_999 : k % 7 === 0 ? null : k }));
    const total = items.reduce((s, i) => s + (i.monthlyDelta ?? 0), 0);
    const body = renderComment({ ...r, items, monthlyDelta: total }, { headSha: 'abcdef1234567' });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain(`**Estimated monthly cost change: ${money(total)}**`);
    expect(body).toContain('`services/search/rewrite/client1234.ts:');
    expect(body).toContain('`services/search/rewrite/client2999.ts:');
    expect(body).not.toContain('`services/search/rewrite/client7.ts:');
    const left = /…and (\d+) smaller changes \((\S+)\/month together\)/.exec(body);
    expect(Number(left?.[1])).toBe(items.length - (body.match(/^\| Model change/gm) ?? []).length);
    expect(body.trimEnd().endsWith('updated in place on each push</sub>')).toBe(true);
    // A review that fits is shown whole.
    expect(renderComment(r)).not.toContain('smaller change');
  });
});
