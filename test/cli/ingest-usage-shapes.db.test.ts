/**
 * `penny ingest usage` on the other tools' shapes (test/fixtures/usage/shapes): each file's shape
 * is told from its records, whatever its name, with no flag; the summary says what OpenAI's
 * aggregate buckets did; a file that stores nothing fails with exit 1.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';

const SHAPES = path.resolve(import.meta.dirname, '../fixtures/usage/shapes');
const db = fileDb();

const env = () => ({ DATABASE_URL: db.t.url });

it('Langfuse, OpenAI and OTel files in one call, told apart by their records', async () => {
  // Names that say nothing of the shape.
  const names = ['langfuse_observations_api.json', 'langfuse_observations_blob.jsonl', 'openai_usage_completions.json', 'openai_costs.json', 'otlp_cost_proposal.json'];
  const files = await Promise.all(
    names.map(async (n, i) => {
      const copy = path.join(db.dir, `export-${i}${path.extname(n)}`);
      await fs.copyFile(path.join(SHAPES, n), copy);
      return copy;
    }),
  );
  const r = await runPenny(['ingest', 'usage', ...files, '--json'], { env: env() });
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc).toMatchObject({ rows: 3 + 2 + 3 + 5 + 3, rejected: 0, duplicates: 0, unpriced: 1 });
  expect(doc.files.map((f: { rows: number; skippedSpans: number; covered: number }) => [f.rows, f.skippedSpans, f.covered])).toEqual([
    [3, 1, 0],
    [2, 1, 0],
    [3, 0, 0],
    [5, 0, 2],
    [3, 0, 0],
  ]);
  const { rows } = await db.t.pool.query('select source_format, count(*)::int as n from llm_usage group by 1 order by 1');
  expect(rows).toEqual([
    { source_format: 'langfuse', n: 5 },
    { source_format: 'openai_costs', n: 5 },
    { source_format: 'openai_usage', n: 3 },
    { source_format: 'otlp', n: 3 },
  ]);
});

it('the summary says which buckets were replaced and whose money the costs export holds', async () => {
  const r = await runPenny(['ingest', 'usage', path.join(SHAPES, 'openai_usage_completions.json'), path.join(SHAPES, 'openai_costs.json')], { env: env() });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('openai_usage_completions.json: 3 calls stored, 0 already stored (skipped), 0 rejected, 1 unpriced');
  expect(r.stdout).toContain("note: 3 OpenAI buckets stored by an earlier export were replaced by this one's");
  expect(r.stdout).toMatch(/unpriced: openai gpt-4o-2024-08-06 ×1: billed at Batch API rates/);
  expect(r.stdout).toContain("note: 2 OpenAI usage buckets' money is in the costs export of the same day");
});

it('a Langfuse export of spans only stores nothing: exit 1 and one line on stderr', async () => {
  const spans = path.join(db.dir, 'spans.jsonl');
  const lines = (await fs.readFile(path.join(SHAPES, 'langfuse_observations_blob.jsonl'), 'utf8')).trim().split('\n');
  await fs.writeFile(spans, lines[1] + '\n');
  const r = await runPenny(['ingest', 'usage', spans, '--json'], { env: env() });
  expect(r.code).toBe(1);
  expect(r.stderr.trim()).toBe(`penny: ${spans}: no usage records in the file`);
});
