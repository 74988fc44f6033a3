/**
 * `npm run bench:review`: a generated 1,000-file pull request — code with model swaps, raised
 * limits and new calls, prompt files, workflows, Terraform and Kubernetes manifests, plus plain
 * code and docs — reviewed end to end (parse, detect, tokenize, estimate, render) against an
 * in-memory usage history. Target: ≤ 3 s. Prints the figures; BENCH_FILES changes the size.
 */
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/review/config.ts';
import type { UsageHistory } from '../src/review/history.ts';
import { renderComment } from '../src/review/render.ts';
import { reviewDiff } from '../src/review/review.ts';

const FILES = Number(process.env.BENCH_FILES ?? 1000);

function fileDiff(i: number): string {
  const head = (p: string) => [`diff --git a/${p} b/${p}`, `index ${i.toString(16).padStart(7, '0')}..${(i + 1).toString(16).padStart(7, '0')} 100644`, `--- a/${p}`, `+++ b/${p}`];
  // The @@ counts are derived from the lines, so every generated hunk is well formed.
  const hunk = (at: number, heading: string, body: string[]) => {
    const old = body.filter((l) => !l.startsWith('+')).length;
    const now = body.filter((l) => !l.startsWith('-')).length;
    return [`@@ -${old ? at : 0},${old} +${now ? at : 0},${now} @@${heading ? ` ${heading}` : ''}`, ...body];
  };
  const filler = (n: number, tag: string) => Array.from({ length: n }, (_, k) => ` const ${tag}${k} = compute(${k}, '${tag}');`);
  switch (i % 10) {
    case 0:
      return [
        ...head(`services/feature-${i % 7}/client${i}.ts`),
        ...hunk(10, 'export async function run(input: string) {', [
          ...filler(3, 'a'),
          "-    model: 'gpt-4o-mini',",
          "+    model: 'gpt-4o',",
          '-    max_tokens: 256,',
          '+    max_tokens: 1024,',
          ...filler(3, 'b'),
        ]),
      ].join('\n');
    case 1:
      return [
        ...head(`prompts/feature-${i % 7}/prompt${i}.md`),
        ...hunk(1, '', [
          ' You are a careful assistant for our customers.',
          ...Array.from({ length: 20 }, (_, k) => `+Rule ${k}: cite the source document and never invent order numbers such as ${i * 31 + k}.`),
          ' ',
          ' {{input}}',
        ]),
      ].join('\n');
    case 2:
      return [
        ...head(`services/feature-${i % 7}/new${i}.py`),
        ...hunk(4, 'def handler(event):', [
          ...filler(2, 'c'),
          '+    response = client.chat.completions.create(',
          '+        model="gpt-4.1-mini",',
          '+        messages=[{"role": "user", "content": event["text"]}],',
          '+        max_completion_tokens=300,',
          '+    )',
          '+    return response.choices[0].message.content',
          ...filler(1, 'd'),
        ]),
      ].join('\n');
    case 3:
      return [
        ...head(`infra/module${i}/main.tf`),
        ...hunk(1, '', [` resource "aws_instance" "gpu${i}" {`, '   ami = data.aws_ami.dl.id', '-  instance_type = "g5.xlarge"', '+  instance_type = "g5.2xlarge"', '   count = 2', ' }']),
      ].join('\n');
    case 4:
      return [
        ...head(`.github/workflows/digest${i}.yml`),
        ...hunk(3, 'on:', ['   schedule:', "-    - cron: '0 6 * * *'", "+    - cron: '0 */2 * * *'", ' jobs:', '   run:', '     steps: [{ run: "python llm_digest.py" }]']),
      ].join('\n');
    case 5:
      return [
        ...head(`deploy/serve${i}.yaml`),
        ...hunk(5, 'spec:', ['-  replicas: 1', '+  replicas: 2', '   template:', '     spec:', '       containers: [{ name: m, resources: { limits: { nvidia.com/gpu: 1 } } }]', '']),
      ].join('\n');
    case 6:
      return [...head(`docs/page${i}.md`), ...hunk(1, '', ['-We use gpt-4o-mini.', '+We use gpt-4o.', ' More text.'])].join('\n');
    default:
      return [
        ...head(`src/lib/module${i}.ts`),
        ...hunk(20, 'export function helper() {', [...filler(5, 'e'), `-  return transform(value, ${i});`, `+  return transform(value, ${i + 1});`, ...filler(6, 'f')]),
      ].join('\n');
  }
}

const config = parseConfig(
  Array.from(
    { length: 7 },
    (_, f) =>
      `  - feature: feature-${f}\n    paths: ["services/feature-${f}/**", "prompts/feature-${f}/**"]\n    usage: { calls_per_month: 50000, input_tokens_per_call: 1200, output_tokens_per_call: 250, model: gpt-4o-mini }`,
  )
    .join('\n')
    .replace(/^/, 'features:\n'),
);
const history: UsageHistory = {
  from: '2025-12-21',
  to: '2026-01-20',
  features: new Map(
    Array.from({ length: 4 }, (_, f) => [
      `feature-${f}`,
      [{ provider: 'openai', model: 'gpt-4o-mini', calls: 40_000, inputTokens: 48_000_000, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 10_000_000 }],
    ]),
  ),
};

const diff = Array.from({ length: FILES }, (_, i) => fileDiff(i)).join('\n') + '\n';
const lines = diff.split('\n').length;

async function once() {
  const t0 = performance.now();
  const result = await reviewDiff({ diff, config, history, asOf: '2026-01-20' });
  const body = renderComment(result);
  return { ms: performance.now() - t0, result, body };
}

const cold = await once();
const warm = await once();
const byKind = new Map<string, number>();
for (const i of cold.result.items) byKind.set(i.kind, (byKind.get(i.kind) ?? 0) + 1);
console.log(`review-pr benchmark: ${FILES.toLocaleString('en-US')} files, ${lines.toLocaleString('en-US')} diff lines, ${(diff.length / 1e6).toFixed(1)} MB`);
console.log(`  first review (loads the tokenizer and price data): ${(cold.ms / 1000).toFixed(2)} s`);
console.log(`  second review:                                    ${(warm.ms / 1000).toFixed(2)} s`);
console.log(
  `  items: ${cold.result.items.length} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); monthly change $${cold.result.monthlyDelta.toLocaleString('en-US')}; comment ${(cold.body.length / 1024).toFixed(0)} KB`,
);
console.log(`  target ≤ 3 s: ${cold.ms <= 3000 ? 'met' : 'MISSED'}`);
