/**
 * `penny ingest` on broken files as users run it: a gzip bomb is refused on one stderr line naming
 * the file while the other files load, and a line nested 100,000 deep is a reject, not a failure.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { FOCUS_SAMPLE, readSample, tempDir } from '../support/focus-sample.ts';

let t: TestDb;
let dir: string;
let good: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  good = path.join(dir, 'good.jsonl');
  await fs.writeFile(good, call('good-1') + '\n');
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const env = () => ({ DATABASE_URL: t.url });
function call(id: string): string {
  return JSON.stringify({
    timestamp: '2026-01-15T10:00:00Z',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.response.id': id,
    'gen_ai.usage.input_tokens': 100,
    'gen_ai.usage.output_tokens': 10,
  });
}
/** Gzip members concatenate: `count` copies of one compressed MB inflate to `count` MB from about 1 KB each. */
function bomb(start: string, fill: string, count: number): Buffer {
  const mb = gzipSync(Buffer.alloc(1 << 20, fill));
  return Buffer.concat([gzipSync(start), ...Array.from({ length: count }, () => mb)]);
}

it('a JSON document that gzip-inflates to 1 GB is refused before it is read, on one line naming the file', async () => {
  const file = path.join(dir, 'bomb.json.gz');
  await fs.writeFile(file, bomb('[\n', ' ', 1024));
  const r = await runPenny(['ingest', 'usage', file, good, '--json'], { env: env() });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc).toMatchObject({ rows: 1, rejected: 0 });
  expect(doc.files.map((f: { status: string }) => f.status)).toEqual(['failed', 'loaded']);
  expect(doc.files[0].error).toBe('inflates to more than 512 MB; a JSON document over 512 MB cannot be read whole; write the records as JSON lines instead');
  expect(r.stderr.trim().split('\n')).toEqual([`penny: ${file}: ${doc.files[0].error}`]);
});

it('a FOCUS CSV.gz whose record inflates without end fails alone, on one line naming the file and line', async () => {
  const { header, rows } = await readSample();
  const file = path.join(dir, 'bomb.csv.gz');
  await fs.writeFile(file, bomb(`${stringify([header, ...rows.slice(0, 3)])}"`, 'x', 1024));
  const r = await runPenny(['ingest', 'focus', file, FOCUS_SAMPLE, '--json'], { env: env() });
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc).toMatchObject({ rows: 1000, rejected: 0 });
  expect(doc.files[0]).toMatchObject({ status: 'failed', error: 'line 5: a record longer than 4 MB; is this a CSV export?' });
  expect(r.stderr.trim().split('\n')).toEqual([`penny: ${file}: ${doc.files[0].error}`]);
});

it('a usage line nested 100,000 deep is rejected with its line; the file loads', async () => {
  const file = path.join(dir, 'deep.jsonl');
  await fs.writeFile(file, [call('deep-1'), '['.repeat(100_000) + ']'.repeat(100_000), call('deep-2'), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)].join('\n'));
  const r = await runPenny(['ingest', 'usage', file, '--json'], { env: env() });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc).toMatchObject({ rows: 2, rejected: 2, duplicates: 0 });
  expect(doc.files[0]).toMatchObject({ status: 'loaded', lines: 4, rows: 2, rejected: 2 });
  const { rows } = await t.pool.query('select file_path, line::int, column_name, reason from ingest_rejects order by line');
  expect(rows).toEqual([
    { file_path: file, line: 2, column_name: null, reason: 'JSON nested deeper than 64 levels' },
    { file_path: file, line: 4, column_name: null, reason: 'JSON nested deeper than 64 levels' },
  ]);
});
