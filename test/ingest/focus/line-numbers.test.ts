/**
 * Line numbers of a CSV larger than the reader's chunks: records start on the physical line the
 * file has them on, whether a multi-line field is in the first chunk, a later one, across a chunk
 * boundary, or whether there is none at all, with
 * blank lines and a last line without a newline; and UTF-8 split across reads decodes whole.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecords } from '../../../src/ingest/focus/readers.ts';
import { utf8Text } from '../../../src/ingest/utf8.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-line-numbers-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A CSV of `rows` records (id, text, amount) and, by id, the line each starts on. */
function csv(rows: number, multiline: (i: number) => number, blank: (i: number) => boolean, lastNewline: boolean) {
  const parts = ['id,text,amount\n'];
  const starts = new Map<string, number>();
  let line = 2;
  for (let i = 0; i < rows; i++) {
    if (blank(i)) {
      parts.push('\n');
      line++;
    }
    const breaks = multiline(i);
    // A long field, so a few thousand records fill several of the reader's 1 MB chunks; é is two bytes.
    const text = `"row ${i} ${'é'.repeat(i % 5)}${'x'.repeat(400)}${'\n""quoted""'.repeat(breaks)}"`;
    starts.set(String(i), line);
    parts.push(`${i},${text},${i}.5${i === rows - 1 && !lastNewline ? '' : '\n'}`);
    line += 1 + breaks;
  }
  // The header and every record's lines; a last newline starts no line of its own.
  return { text: parts.join(''), starts, lines: line - 1 };
}

async function read(name: string, text: string) {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  const source = await openRecords(file);
  const got = new Map<string, number>();
  const values: string[][] = [];
  for await (const batch of source.batches) {
    batch.records.forEach((r, k) => {
      got.set(String(r[0]), batch.lines[k]!);
      values.push(r as string[]);
    });
  }
  await source.close();
  return { got, values, lines: source.linesRead!() };
}

describe('line numbers across chunks', () => {
  it.each([
    ['no multi-line field', () => 0, false],
    ['one in the first chunk', (i: number) => (i === 3 ? 2 : 0), true],
    ['several in later chunks', (i: number) => (i % 2000 === 1999 ? 3 : 0), true],
    ['one in every record', () => 1, false],
  ])('%s', async (_name, multiline, lastNewline) => {
    const made = csv(9000, multiline, (i) => i % 1500 === 700, lastNewline);
    expect(made.text.length).toBeGreaterThan(3 << 20);
    const { got, values, lines } = await read('lines.csv', made.text);
    expect(got).toEqual(made.starts);
    expect(lines).toBe(made.lines);
    // Each é is whole, wherever a read split its two bytes.
    expect(values.every((v) => v[1]!.startsWith(`row ${v[0]} ${'é'.repeat(Number(v[0]) % 5)}x`))).toBe(true);
    expect(values[4]![1]).toBe(`row 4 ${'é'.repeat(4)}${'x'.repeat(400)}${'\n"quoted"'.repeat(multiline(4))}`);
  });

  it('a multi-line field across every chunk boundary', async () => {
    // Every record has one, so wherever a chunk ends, the record across it has a newline in a field.
    const made = csv(
      9000,
      (i) => (i % 3 === 0 ? 1 : 0),
      () => false,
      true,
    );
    const { got, lines } = await read('boundaries.csv', made.text);
    expect(got).toEqual(made.starts);
    expect(lines).toBe(made.lines);
  });
});

describe('utf8Text', () => {
  it('decodes a character split across buffers, ASCII buffers before and after it included', async () => {
    const bytes = Buffer.from('ab,é€\n😀cd', 'utf8');
    // Split inside é, inside €, and inside the four bytes of the emoji.
    const cuts = [0, 3, 4, 6, 8, 11, 13, 14, bytes.length];
    const chunks = cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
    expect(await text(Readable.from(chunks).pipe(utf8Text()))).toBe('ab,é€\n😀cd');
    expect(await text(Readable.from([Buffer.from('plain ascii')]).pipe(utf8Text()))).toBe('plain ascii');
  });
});
