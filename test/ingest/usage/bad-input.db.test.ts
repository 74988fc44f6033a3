/**
 * Usage files that are not clean: bad records go to ingest_rejects with line and field, a file
 * that is not JSON (or a broken gzip) fails whole, gzip and JSON documents load, --strict stops.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { tempDir } from '../../support/focus-sample.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/usage');
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.pool.query('truncate llm_usage, llm_usage_ids, ingest_rejects, ingest_loads cascade');
});

const write = async (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
};
const count = async (table: string) => (await t.pool.query(`select count(*)::int as n from ${table}`)).rows[0].n as number;
const call = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    timestamp: '2026-01-15T10:00:00Z',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.response.id': id,
    'gen_ai.usage.input_tokens': 100,
    'gen_ai.usage.output_tokens': 10,
    ...extra,
  });

describe('bad records', () => {
  it('are rejected with their line and field; the rest loads; stored + rejected + duplicates = lines', async () => {
    const litellm = (await fs.readFile(path.join(FIXTURES, 'calls.litellm.jsonl'), 'utf8')).split('\n')[0]!;
    const file = await write(
      'mixed.jsonl',
      [
        call('ok-1'),
        '{"gen_ai.request.model": "gpt-4o", oops',
        '',
        call('ok-2', { 'gen_ai.usage.input_tokens': 'lots' }),
        '42',
        call('ok-3', { 'gen_ai.request.model': null }),
        JSON.stringify({ ...JSON.parse(litellm), request_id: 'lite-bad', request_tags: 7 }),
        '{"hello": "world"}',
        call('ok-1'),
        call('ok-4', { timestamp: '1970-01-01T00:00:00Z' }),
        call('ok-5', { note: 'a\u0000b', odd: 'x\ud800y' }),
      ].join('\n'),
    );
    const r = await loadUsageFile(t.pool, file);
    expect(r).toMatchObject({ status: 'loaded', lines: 10, rows: 2, rejected: 7, duplicates: 1 });
    expect(r.rows + r.rejected + r.duplicates).toBe(r.lines);
    const { rows } = await t.pool.query('select line::int, column_name, reason, record from ingest_rejects order by line');
    expect(rows.map((x) => [x.line, x.column_name])).toEqual([
      [2, null],
      [4, 'gen_ai.usage.input_tokens'],
      [5, null],
      [6, 'gen_ai.request.model'],
      [7, 'request_tags'],
      [8, null],
      [10, 'timestamp'],
    ]);
    expect(rows[0].reason).toMatch(/^not JSON: /);
    expect(rows[0].record.text).toContain('oops');
    expect(rows[1].reason).toBe('expected a whole number ≥ 0 and < 1e15, got "lots"');
    expect(rows[1].record['gen_ai.response.id']).toBe('ok-2');
    expect(rows[2].reason).toBe('not a JSON object');
    expect(rows[5].reason).toMatch(/^not an LLM usage record/);
    // NUL and a lone surrogate (which text and jsonb refuse) are dropped, not a reason to fail.
    const tags = await t.pool.query("select tags from llm_usage where event_id = 'ok-5'");
    expect(tags.rows[0].tags).toMatchObject({ note: 'ab', odd: 'xy' });
  });

  it('in an OTLP document are numbered by their position and named by attribute', async () => {
    const doc = JSON.parse(await fs.readFile(path.join(FIXTURES, 'calls.otlp.json'), 'utf8'));
    const spans = doc.resourceSpans[3].scopeSpans[0].spans;
    spans[0].attributes.find((a: { key: string }) => a.key === 'gen_ai.usage.output_tokens').value = { stringValue: 'ninety' };
    const r = await loadUsageFile(t.pool, await write('bad-span.json', JSON.stringify(doc, null, 2)));
    expect(r).toMatchObject({ status: 'loaded', format: 'json', lines: 6, rows: 5, rejected: 1 });
    const { rows } = await t.pool.query('select line::int, column_name, record from ingest_rejects');
    expect(rows).toEqual([{ line: 4, column_name: 'gen_ai.usage.output_tokens', record: expect.objectContaining({ spanId: 'd1b2c3d4e5f60001' }) }]);
  });

  it('--strict fails the file on the first bad record and stores nothing', async () => {
    const file = await write('strict.jsonl', [call('s-1'), call('s-2', { 'gen_ai.usage.output_tokens': -1 }), call('s-3')].join('\n'));
    const r = await loadUsageFile(t.pool, file, { strict: true });
    expect(r).toMatchObject({ status: 'failed', rows: 0 });
    expect(r.error).toMatch(/^line 2, field gen_ai.usage.output_tokens: expected a whole number/);
    expect(await count('llm_usage')).toBe(0);
    expect(await count('ingest_rejects')).toBe(0);
  });
});

describe('bad files', () => {
  it('a file that is not JSON fails with one line naming the problem, and stores nothing', async () => {
    const r = await loadUsageFile(t.pool, await write('usage.csv', 'timestamp,model,input_tokens\n2026-01-15,gpt-4o,10\n'));
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/^not JSON or JSON lines \(line 1: .+\)$/);
    expect(r.error).not.toContain('\n');
    expect(await count('llm_usage')).toBe(0);
    const failed = await t.pool.query("select kind, error from ingest_loads where status = 'failed'");
    expect(failed.rows).toEqual([{ kind: 'usage', error: r.error }]);
  });

  it('a truncated JSON document fails, saying why', async () => {
    const text = await fs.readFile(path.join(FIXTURES, 'calls.otlp.json'), 'utf8');
    const r = await loadUsageFile(t.pool, await write('cut.json', text.slice(0, text.length / 2)));
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/^not JSON or JSON lines \(as one document: /);
  });

  it('a truncated gzip fails whole, an absent file says so', async () => {
    const gz = gzipSync(await fs.readFile(path.join(FIXTURES, 'calls.otel.jsonl')));
    const r = await loadUsageFile(t.pool, await write('cut.jsonl.gz', gz.subarray(0, gz.length - 20)));
    expect(r).toMatchObject({ status: 'failed', error: 'truncated or corrupt gzip data' });
    expect(await count('llm_usage')).toBe(0);
    expect((await loadUsageFile(t.pool, path.join(dir, 'nope.jsonl'))).error).toBe('no such file');
  });
});

describe('formats', () => {
  it('reads gzip by its magic bytes, whatever the name', async () => {
    const jsonl = await write('calls.log', gzipSync(await fs.readFile(path.join(FIXTURES, 'calls.otel.jsonl'))));
    const doc = await write('export.bin', gzipSync(await fs.readFile(path.join(FIXTURES, 'calls.otlp.json'))));
    expect(await loadUsageFile(t.pool, jsonl)).toMatchObject({ status: 'loaded', format: 'jsonl.gz', rows: 6 });
    await t.pool.query('truncate llm_usage, llm_usage_ids');
    expect(await loadUsageFile(t.pool, doc)).toMatchObject({ status: 'loaded', format: 'json.gz', rows: 6 });
  });

  it('reads a JSON array of LiteLLM rows, and OTLP requests one per line (collector file exporter)', async () => {
    const rows = (await fs.readFile(path.join(FIXTURES, 'calls.litellm.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(await loadUsageFile(t.pool, await write('spend.json', JSON.stringify(rows, null, 2)))).toMatchObject({ format: 'json', lines: 6, rows: 6 });
    await t.pool.query('truncate llm_usage, llm_usage_ids');
    const doc = JSON.parse(await fs.readFile(path.join(FIXTURES, 'calls.otlp.json'), 'utf8'));
    const perLine = doc.resourceSpans.map((rs: unknown) => JSON.stringify({ resourceSpans: [rs] })).join('\n');
    expect(await loadUsageFile(t.pool, await write('otlp.jsonl', perLine))).toMatchObject({ format: 'jsonl', lines: 6, rows: 6, skippedSpans: 2 });
  });

  it('fails an empty file, and a file of the wrong kind whose every record is rejected', async () => {
    expect(await loadUsageFile(t.pool, await write('empty.jsonl', '\n\n'))).toMatchObject({ status: 'failed', lines: 0, rows: 0, error: 'no usage records in the file' });
    const metrics = await write(
      'metrics.jsonl',
      ['{"resource_id":"i-1","timestamp":"2026-01-15T10:00:00Z","metric":"cpu","value":3}', '{"resource_id":"i-2","timestamp":"2026-01-15T10:00:00Z","metric":"gpu","value":70}'].join('\n'),
    );
    const r = await loadUsageFile(t.pool, metrics);
    expect(r).toMatchObject({ status: 'failed', lines: 2, rows: 0, rejected: 2 });
    expect(r.error).toMatch(/^every one of its 2 usage records was rejected; the first, line 1/);
    const { rows } = await t.pool.query('select l.status, count(r.*)::int as rejects from ingest_loads l join ingest_rejects r on r.load_id = l.id where l.id = $1 group by 1', [r.loadId]);
    expect(rows).toEqual([{ status: 'failed', rejects: 2 }]);
  });
});
