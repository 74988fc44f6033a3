/**
 * Line endings as real exports mix them: every row of the FOCUS sample loads, with its own
 * numbers, whether lines end in CRLF, LF, CR or a mix, and whatever chunk a CR or LF falls in.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { lfLineEndings } from '../../../src/ingest/focus/line-endings.ts';
import { loadFocusFile } from '../../../src/ingest/focus/load.ts';
import { fileDb } from '../../support/file-db.ts';
import { sumDecimals, toScaled } from '../../support/decimal.ts';
import { readSample } from '../../support/focus-sample.ts';

let sample: { header: string[]; rows: string[][] };

const db = fileDb({ truncate: 'cost_lines, ingest_rejects, ingest_load_periods, ingest_loads' });
beforeAll(async () => {
  sample = await readSample();
});

describe('lfLineEndings', () => {
  it('turns CRLF and CR into LF, also across chunk boundaries', async () => {
    const chunks = ['a,1\r', '\nb,2\r', 'c,3\r\n', 'd,"x\r\ny"\n', 'e,5\r'];
    expect(await text(Readable.from(chunks).pipe(lfLineEndings()))).toBe('a,1\nb,2\nc,3\nd,"x\ny"\ne,5\n');
  });
});

describe('loading a file with mixed line endings', () => {
  const lines = () =>
    stringify([sample.header, ...sample.rows])
      .trimEnd()
      .split('\n');
  const billed = () => sumDecimals(sample.rows.map((r) => r[sample.header.indexOf('BilledCost')]!));

  it.each([
    ['CRLF, the last line ending in LF', (ls: string[]) => ls.join('\r\n') + '\n'],
    ['CRLF with some LF lines inside', (ls: string[]) => ls.map((l, i) => l + (i % 7 === 3 ? '\n' : '\r\n')).join('')],
    ['LF with some CRLF lines', (ls: string[]) => ls.map((l, i) => l + (i % 5 === 0 ? '\r\n' : '\n')).join('')],
    ['CR only', (ls: string[]) => ls.join('\r') + '\r'],
  ])('%s: every row, exact totals', async (_name, write) => {
    const file = path.join(db.dir, 'mixed.csv');
    await fs.writeFile(file, write(lines()));
    const r = await loadFocusFile(db.t.pool, file);
    expect(r).toMatchObject({ status: 'loaded', lines: 1000, rows: 1000, rejected: 0 });
    const { rows } = await db.t.pool.query('select sum(billed_cost)::text as billed from cost_lines');
    expect(toScaled(rows[0].billed)).toBe(billed());
  });
});
