/**
 * `penny review-pr --diff` as users run it: one JSON document, penny.yml read from the current
 * folder, --fail-above as an exit code, and bad input named on one stderr line.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
let t: TestDb;
let repo: string;

beforeAll(async () => {
  t = await createTestDb();
  repo = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-repo-'));
  await fs.writeFile(
    path.join(repo, 'penny.yml'),
    'features:\n  - feature: query-rewrite\n    paths: ["services/search/**"]\n    usage: { calls_per_month: 100000, input_tokens_per_call: 800, output_tokens_per_call: 200 }\n',
  );
});
afterAll(async () => {
  await t?.drop();
  await fs.rm(repo, { recursive: true, force: true });
});

const env = () => ({ DATABASE_URL: t.url, GITHUB_EVENT_PATH: undefined });

it('a docs-only diff prints monthlyDelta 0 and no items', async () => {
  const r = await runPenny(['review-pr', '--diff', path.join(FIXTURES, 'docs-only.diff'), '--json'], { env: env(), cwd: repo });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(Object.keys(doc).slice(0, 3)).toEqual(['monthlyDelta', 'currency', 'items']);
  expect(doc).toMatchObject({ monthlyDelta: 0, currency: 'USD', items: [] });
});

it('reads penny.yml from the current folder and fails above --fail-above', async () => {
  const r = await runPenny(['review-pr', '--diff', path.join(FIXTURES, 'model-swap.diff'), '--json', '--as-of', '2026-01-20', '--fail-above', '100'], { env: env(), cwd: repo });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.monthlyDelta).toBeGreaterThan(100);
  expect(doc.items.map((i: { kind: string; basis: string; feature: string }) => [i.kind, i.basis, i.feature])).toEqual([
    ['model', 'assumption', 'query-rewrite'],
    ['output-limit', 'upper bound', 'query-rewrite'],
  ]);
  expect(r.stderr).toMatch(/^penny: estimated monthly change \$[\d,]+\.\d\d is above --fail-above \$100\.00\n$/);
  const text = await runPenny(['review-pr', '--diff', path.join(FIXTURES, 'model-swap.diff'), '--as-of', '2026-01-20'], { env: env(), cwd: repo });
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^Estimated monthly cost change: up to \+\$[\d,.]+ \(2 items\)\n.* up to \+\$[\d,.]+\/month  \[upper bound, query-rewrite\]\n$/s);
});

it('bad input is one line naming the file and line', async () => {
  const bad = path.join(repo, 'bad.diff');
  await fs.writeFile(bad, '--- a/x.ts\n+++ b/x.ts\n@@ -1,3 +1,3 @@\n a\n');
  const r = await runPenny(['review-pr', '--diff', bad, '--json'], { env: env(), cwd: repo });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`penny: ${bad}:4: diff ends inside a hunk (2 old and 2 new lines missing)\n`);
  const asOf = await runPenny(['review-pr', '--diff', bad, '--as-of', '2026-02-30'], { env: env(), cwd: repo });
  expect(asOf.stderr).toBe('penny: --as-of: expected a date YYYY-MM-DD, got "2026-02-30"\n');
  const tf = path.join(repo, 'main.tf');
  await fs.writeFile(tf, 'resource "aws_instance" "gpu" {\n  instance_type = "p3.2xlarge"\n}\n');
  const notDiff = await runPenny(['review-pr', '--diff', tf, '--json'], { env: env(), cwd: repo });
  expect(notDiff.code).toBe(2);
  expect(notDiff.stdout).toBe('');
  expect(notDiff.stderr).toBe(`penny: ${tf}: not a unified diff (no "diff --git" or "---"/"+++" file header); give the output of git diff or a pull request's .diff\n`);
  const none = await runPenny(['review-pr', '--json'], { env: env(), cwd: repo });
  expect(none.stderr).toMatch(/^penny: give --diff <file>, or run in GitHub Actions/);
});

it('--format markdown prints the comment the pull request would get, as in its golden file', async () => {
  const golden = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-golden-'));
  try {
    await fs.copyFile(path.join(FIXTURES, 'penny.yml'), path.join(golden, 'penny.yml'));
    const r = await runPenny(['review-pr', '--diff', path.join(FIXTURES, 'model-swap.diff'), '--format', 'markdown', '--as-of', '2026-01-20'], { env: env(), cwd: golden });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(await fs.readFile(path.join(FIXTURES, 'model-swap.md'), 'utf8'));
    const both = await runPenny(['review-pr', '--diff', path.join(FIXTURES, 'model-swap.diff'), '--json', '--format', 'markdown'], { env: env(), cwd: golden });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('penny: --json and --format markdown disagree: give one\n');
  } finally {
    await fs.rm(golden, { recursive: true, force: true });
  }
});
