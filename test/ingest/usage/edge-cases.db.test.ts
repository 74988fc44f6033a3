/**
 * Usage files with values the store or the answers cannot hold: costs of 1e400, absurd token
 * counts, lines and records nested 100,000 deep, and a line that inflates past the size of one
 * JSON value. Each bad record is rejected with file, line, field and reason; the rest loads.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadUsageFile, type UsageFileResult } from '../../../src/ingest/usage/load.ts';
import { fileDb } from '../../support/file-db.ts';

const db = fileDb({ truncate: 'llm_usage, llm_usage_ids, ingest_rejects, ingest_loads cascade' });

const write = async (name: string, content: string | Buffer) => {
  const file = path.join(db.dir, name);
  await fs.writeFile(file, content);
  return file;
};
const call = (id: string, extra: Record<string, unknown> = {}) => ({
  timestamp: '2026-01-15T10:00:00Z',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.id': id,
  'gen_ai.usage.input_tokens': 100,
  'gen_ai.usage.output_tokens': 10,
  ...extra,
});
const line = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify(call(id, extra));
const rejects = async () =>
  (
    await db.t.pool.query<{ file_path: string; line: string; column_name: string | null; reason: string; record: Record<string, unknown> }>(
      'select file_path, line, column_name, reason, record from ingest_rejects order by line',
    )
  ).rows.map((r) => ({ ...r, line: Number(r.line) }));

function expectAllCounted(r: UsageFileResult, records: number, rejected: number): void {
  expect(r).toMatchObject({ status: 'loaded', lines: records, rows: records - rejected, rejected, duplicates: 0 });
  expect(r.rows + r.rejected).toBe(records);
}

describe('amounts and token counts', () => {
  it('a cost of 1e400 or 1e15, and a token count that is absurd, negative or not whole, reject their record naming the field', async () => {
    const litellm = { request_id: 'lite-1', startTime: '2026-01-15T10:00:00Z', model: 'gpt-4o', prompt_tokens: 10, completion_tokens: 2, spend: '2e15' };
    const file = await write(
      'amounts.jsonl',
      [
        line('ok-1'),
        line('bad-1', { 'gen_ai.usage.cost': '1e400' }),
        line('bad-2', { 'gen_ai.usage.input_tokens': 5e15 }),
        JSON.stringify(litellm),
        line('bad-3', { 'gen_ai.usage.output_tokens': -3 }),
        line('bad-4', { 'gen_ai.usage.output_tokens': 12.5 }),
        line('ok-2', { 'gen_ai.usage.cost': '0.25', 'gen_ai.usage.input_tokens': 999_999_999_999_999 }),
      ].join('\n'),
    );
    const r = await loadUsageFile(db.t.pool, file);
    expectAllCounted(r, 7, 5);
    const bad = await rejects();
    expect(bad.map((x) => [x.file_path, x.line, x.column_name])).toEqual([
      [file, 2, 'gen_ai.usage.cost'],
      [file, 3, 'gen_ai.usage.input_tokens'],
      [file, 4, 'spend'],
      [file, 5, 'gen_ai.usage.output_tokens'],
      [file, 6, 'gen_ai.usage.output_tokens'],
    ]);
    expect(bad[0]!.reason).toBe('expected a number ≥ 0 and < 1e15, got "1e400"');
    expect(bad[1]!.reason).toBe('expected a whole number ≥ 0 and < 1e15, got 5000000000000000');
    expect(bad[0]!.record['gen_ai.usage.cost']).toBe('1e400');
    const { rows } = await db.t.pool.query('select count(*)::int as n from llm_usage where cost >= 1e15');
    expect(rows[0].n).toBe(0);
  });

  it("an absurd token count in LiteLLM's own metadata is ignored like any other unreadable entry there", async () => {
    const row = {
      request_id: 'lite-2',
      startTime: '2026-01-15T10:00:00Z',
      model: 'gpt-4o',
      prompt_tokens: 10,
      completion_tokens: 2,
      spend: 0.001,
      metadata: { usage_object: { cache_read_input_tokens: 5e15 } },
    };
    const r = await loadUsageFile(db.t.pool, await write('litellm.jsonl', JSON.stringify(row)));
    expectAllCounted(r, 1, 0);
    const { rows } = await db.t.pool.query('select input_tokens::text, cache_read_tokens::text from llm_usage');
    expect(rows).toEqual([{ input_tokens: '10', cache_read_tokens: '0' }]);
  });
});

describe('nesting', () => {
  it('a line nested 100,000 deep, as an array or in an object, is rejected; the lines around it load', async () => {
    const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const file = await write(
      'deep.jsonl',
      [line('ok-1'), deepArray, '', line('ok-2'), deepObject, JSON.stringify(call('bad-1', { attributes: { x: 1 } })).replace('{"x":1}', `{"x":${deepArray}}`), line('ok-3')].join('\r\n'),
    );
    const r = await loadUsageFile(db.t.pool, file);
    expectAllCounted(r, 6, 3);
    const bad = await rejects();
    expect(bad.map((x) => [x.file_path, x.line, x.column_name, x.reason])).toEqual([
      [file, 2, null, 'JSON nested deeper than 64 levels'],
      [file, 5, null, 'JSON nested deeper than 64 levels'],
      [file, 6, null, 'JSON nested deeper than 64 levels'],
    ]);
    // The record is kept down to the limit, so its ids and fields can still be read.
    expect(bad[2]!.record['gen_ai.response.id']).toBe('bad-1');
  });

  it('a record of a JSON document nested too deep is rejected by its position; the other records load', async () => {
    const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const records = [line('d-1'), line('d-2', { attributes: 'DEEP' }).replace('"DEEP"', `{"x": ${deepArray}}`), line('d-3')];
    // Pretty-printed, so read as one document.
    const text = `[\n${records.join(',\n')}\n]`;
    const r = await loadUsageFile(db.t.pool, await write('deep.json', text));
    expect(r.format).toBe('json');
    expectAllCounted(r, 3, 1);
    expect((await rejects()).map((x) => [x.line, x.reason, x.record['gen_ai.response.id']])).toEqual([[2, 'JSON nested deeper than 64 levels', 'd-2']]);
  });
});

describe('size', () => {
  it('a JSON line longer than 512 MB is rejected without being kept whole; the lines around it load', async () => {
    // Gzip members concatenate: 520 copies of 1 MB of spaces inside a string is a 520 MB line from a ~0.5 MB file.
    const mb = gzipSync(Buffer.alloc(1 << 20, ' '));
    const file = await write('long-line.jsonl.gz', Buffer.concat([gzipSync(`${line('ok-1')}\n{"note": "`), ...Array.from({ length: 520 }, () => mb), gzipSync(`"}\n${line('ok-2')}\n`)]));
    const r = await loadUsageFile(db.t.pool, file);
    expectAllCounted(r, 3, 1);
    const bad = await rejects();
    expect(bad.map((x) => [x.line, x.column_name, x.reason])).toEqual([[2, null, 'a JSON line longer than 512 MB']]);
    expect(String(bad[0]!.record.text)).toMatch(/^\{"note": " {900}/);
  });
});
