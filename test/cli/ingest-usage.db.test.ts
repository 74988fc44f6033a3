/**
 * `penny ingest usage|tasks|metrics` as users and tools run it: one JSON document with --json, a
 * failed file reported on one stderr line and in the exit code, the others still loaded.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { tempDir } from '../support/focus-sample.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/usage');
let t: TestDb;
let dir: string;
let unknown: string;
let notJson: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  unknown = path.join(dir, 'self-hosted.jsonl');
  await fs.writeFile(
    unknown,
    JSON.stringify({
      timestamp: '2026-01-15T11:00:00Z',
      'gen_ai.provider.name': 'vllm',
      'gen_ai.request.model': 'acme-support-7b',
      'gen_ai.response.id': 'sh-1',
      'gen_ai.usage.input_tokens': 800,
      'gen_ai.usage.output_tokens': 90,
    }) + '\n',
  );
  notJson = path.join(dir, 'usage.csv');
  await fs.writeFile(notJson, 'model,tokens\ngpt-4o,10\n');
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const env = () => ({ DATABASE_URL: t.url });

it('penny ingest usage --json prints one summary; a non-JSON file fails alone', async () => {
  const r = await runPenny(['ingest', 'usage', path.join(FIXTURES, 'calls.otlp.json'), notJson, unknown, '--json'], { env: env() });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(Object.keys(doc)).toEqual(['rows', 'rejected', 'unpriced', 'duplicates', 'files']);
  expect(doc).toMatchObject({ rows: 7, rejected: 0, unpriced: 1, duplicates: 0 });
  expect(doc.files.map((f: { status: string }) => f.status)).toEqual(['loaded', 'failed', 'loaded']);
  expect(doc.files[0]).toMatchObject({ format: 'json', lines: 6, rows: 6, rejected: 0, duplicates: 0, unpriced: 0, skippedSpans: 2 });
  expect(doc.files[1].error).toMatch(/^not JSON or JSON lines/);
  expect(doc.files[2].unpricedModels).toEqual([{ provider: 'vllm', model: 'acme-support-7b', rows: 1, reason: expect.any(String) }]);
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^penny: .*usage\.csv: not JSON or JSON lines/)]);
});

it('a second run stores nothing and says the calls were already stored', async () => {
  const json = await runPenny(['ingest', 'usage', path.join(FIXTURES, 'calls.otlp.json'), '--json'], { env: env() });
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toMatchObject({ rows: 0, duplicates: 6, rejected: 0, unpriced: 0 });
  const plain = await runPenny(['ingest', 'usage', unknown, path.join(FIXTURES, 'calls.litellm.jsonl')], { env: env() });
  expect(plain.code).toBe(0);
  expect(plain.stdout).toContain('self-hosted.jsonl: 0 calls stored, 1 already stored (skipped), 0 rejected');
  // The failed call has no response id in the OTLP export, so its LiteLLM row is new.
  expect(plain.stdout).toContain('calls.litellm.jsonl: 1 calls stored, 5 already stored (skipped), 0 rejected');
  const { rows } = await t.pool.query('select count(*)::int as n from llm_usage');
  expect(rows[0].n).toBe(8);
});

it('plain output lists unpriced models with the reason', async () => {
  const other = path.join(dir, 'self-hosted-2.jsonl');
  await fs.writeFile(other, (await fs.readFile(unknown, 'utf8')).replace('sh-1', 'sh-2'));
  const r = await runPenny(['ingest', 'usage', other], { env: env() });
  expect(r.stdout).toMatch(/1 unpriced\n {2}unpriced: vllm acme-support-7b ×1: unknown provider 'vllm'/);
});

it('penny ingest tasks and metrics --json print {rows, rejected, duplicates, files}', async () => {
  const tasks = await runPenny(['ingest', 'tasks', path.join(FIXTURES, 'tasks.jsonl'), '--json'], { env: env() });
  expect(tasks.code).toBe(0);
  const td = JSON.parse(tasks.stdout);
  expect(Object.keys(td)).toEqual(['rows', 'rejected', 'duplicates', 'files']);
  expect(td).toMatchObject({ rows: 4, rejected: 0, duplicates: 0, files: [{ status: 'loaded', lines: 4 }] });
  const metrics = await runPenny(['ingest', 'metrics', path.join(FIXTURES, 'metrics.jsonl'), notJson, '--json'], { env: env() });
  expect(metrics.code).toBe(1);
  expect(JSON.parse(metrics.stdout)).toMatchObject({ rows: 5, rejected: 0, duplicates: 0, files: [{ status: 'loaded' }, { status: 'failed' }] });
});

it('a bad PENNY_ATTRIBUTION_KEYS fails at start naming the variable', async () => {
  const r = await runPenny(['ingest', 'usage', unknown], { env: { ...env(), PENNY_ATTRIBUTION_KEYS: 'squad=team' } });
  expect(r.code).toBe(2);
  expect(r.stderr.trim()).toBe("penny: PENNY_ATTRIBUTION_KEYS: unknown dimension 'squad' (one of team, feature, customer, environment, cost_center, task_id)");
});

it('a file whose every record is rejected fails with its first reason; penny ingest rejects lists them', async () => {
  const bad = path.join(dir, 'all-bad.jsonl');
  await fs.writeFile(bad, ['{"task_id":"t1","status":"maybe","timestamp":"2026-01-15T10:00:00Z"}', '{"task_id":"t2","status":"success","timestamp":"yesterday"}'].join('\n') + '\n');
  const r = await runPenny(['ingest', 'tasks', bad], { env: env() });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/✗ all-bad\.jsonl: every one of its 2 tasks records was rejected; the first, line 1, status: /);
  expect(r.stdout).toMatch(/rejected line 2, timestamp: .*\(value "yesterday"\)/);

  const list = await runPenny(['ingest', 'rejects', '--json'], { env: env() });
  expect(list.code).toBe(0);
  const doc = JSON.parse(list.stdout);
  expect(doc).toMatchObject({ kind: 'tasks', status: 'failed', total: 2 });
  expect(doc.rejects).toEqual([
    expect.objectContaining({ file: bad, line: 1, column: 'status', raw: 'maybe' }),
    expect.objectContaining({ file: bad, line: 2, column: 'timestamp', raw: 'yesterday' }),
  ]);
  const text = await runPenny(['ingest', 'rejects', '--load', String(doc.loadId)], { env: env() });
  expect(text.stdout).toContain(`Load ${doc.loadId} (tasks, failed): 2 rejected`);
  expect((await runPenny(['ingest', 'rejects', '--load', 'x'], { env: env() })).stderr).toMatch(/--load takes a load id/);
});
