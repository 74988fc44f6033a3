/**
 * The CSV scanner against papaparse, record for record: papaparse reads the same pieces as a
 * stream (as the reader used it), on random texts of quotes, doubled and stray quotes, spaces
 * after closing quotes, empty fields, blank lines, newlines inside and outside quotes, CR, other
 * delimiters and multi-byte characters, cut into pieces at every position or at random; and on
 * the real FOCUS fixtures. Lines are where each record starts, counted as the reader did from
 * papaparse's values; a text ending inside quotes is papaparse's MissingQuotes.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvRecords, guessDelimiter } from '../../../src/ingest/focus/csv-records.ts';

interface Scan {
  records: string[][];
  lines: number[];
  linesRead: number;
  endsInQuotes: boolean;
}

/** What the reader got from papaparse for these pieces, lines counted from the values. */
function papaparse(pieces: string[], delimiter?: string): Promise<Scan> {
  return new Promise((resolve, reject) => {
    const records: string[][] = [];
    let endsInQuotes = false;
    Papa.parse<string[]>(Readable.from(pieces) as unknown as Papa.LocalFile, {
      newline: '\n',
      ...(delimiter && { delimiter }),
      skipEmptyLines: false,
      chunk: (r) => {
        records.push(...r.data);
        if (r.errors.some((e) => e.code === 'MissingQuotes')) endsInQuotes = true;
      },
      complete: () => {
        const lines: number[] = [];
        let line = 0;
        for (const r of records) {
          lines.push(line + 1);
          line += 1 + r.reduce((n, v) => n + v.split('\n').length - 1, 0);
        }
        resolve({ records, lines, linesRead: line, endsInQuotes });
      },
      error: reject,
    });
  });
}

function scanner(pieces: string[], delimiter?: string): Scan {
  const csv = new CsvRecords(delimiter ?? guessDelimiter(pieces[0]!));
  const records: string[][] = [];
  const lines: number[] = [];
  for (const got of [...pieces.map((p) => csv.push(p)), csv.end()]) {
    records.push(...got.records);
    lines.push(...got.lines);
  }
  return { records, lines, linesRead: csv.linesRead(), endsInQuotes: csv.endsInQuotes() };
}

let seed = 20261206;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const pick = <T>(xs: readonly T[]) => xs[random(xs.length)]!;

/** Characters, weighted towards what makes quoting hard. */
const ALPHABET = ['a', 'b', 'x', '1', ',', ',', '"', '"', '"', '\n', '\n', ' ', '\t', '\r', ';', '|', 'é', '€', '😀', '\u00a0'];

/** Random text of the alphabet. */
function noise(length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += pick(ALPHABET);
  return text;
}

/** Mostly well-formed CSV: records of plain and quoted fields (doubled quotes, newlines), then a few random edits. */
function csvLike(): string {
  const records: string[] = [];
  for (let r = random(6); r >= 0; r--) {
    const fields: string[] = [];
    for (let f = random(5); f >= 0; f--) {
      const plain = noise(random(4)).replace(/[",\n]/g, 'p');
      const roll = random(6);
      if (roll === 0) fields.push('');
      else if (roll < 3) fields.push(plain);
      else fields.push(`"${noise(random(6)).replace(/"/g, '""')}"${random(8) === 0 ? pick([' ', '  ', '\t', 'z', '"']) : ''}`);
    }
    records.push(fields.join(','));
  }
  let text = records.join(pick(['\n', '\n', '\n\n'])) + pick(['', '\n']);
  for (let e = random(3); e > 0 && text.length > 0; e--) {
    const at = random(text.length);
    text = text.slice(0, at) + pick(['"', ',', '\n', ' ', '']) + text.slice(at + random(2));
  }
  return text;
}

/** `text` cut into pieces at random places, none empty. */
function cuts(text: string): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = 1 + random(Math.max(1, text.length >> 1));
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

async function agree(pieces: string[], delimiter?: string): Promise<void> {
  const want = await papaparse(pieces, delimiter);
  const got = scanner(pieces, delimiter);
  if (JSON.stringify(got) !== JSON.stringify(want)) expect({ pieces, got }).toEqual({ pieces, got: want });
}

describe('CsvRecords against papaparse', () => {
  it('agrees on 4,000 mostly well-formed texts, cut at every position', async () => {
    for (let n = 0; n < 4000; n++) {
      const text = csvLike();
      if (text === '') continue;
      await agree([text], ',');
      for (let at = 1; at < text.length; at++) await agree([text.slice(0, at), text.slice(at)], ',');
    }
  }, 240_000);

  it('agrees on 20,000 random texts, cut at random, with each delimiter', async () => {
    for (let n = 0; n < 20_000; n++) {
      const text = noise(1 + random(40));
      await agree(cuts(text), pick([',', ',', ';', '\t', '|']));
    }
  }, 240_000);

  it('guesses the delimiter as papaparse does from the first piece', async () => {
    const samples = ['a;b;c\n1;2;3\n', 'a\tb\n"x\ty"\tz\n', 'a|b\n1|2\n', 'a,b;c\n1,2;3\n1,2;3\n', 'one\ntwo\n', 'a;b\n1,2,3\n'];
    for (const text of samples) {
      await agree([text]);
      await agree([text.slice(0, 5), text.slice(5)]);
    }
    for (let n = 0; n < 2000; n++) await agree(cuts(csvLike().replaceAll(',', pick([',', ';', '\t', '|'])) || 'a'));
  }, 120_000);

  it('agrees on the real FOCUS fixtures, in pieces of every size from 1 KB to whole', async () => {
    const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
    const dirs = [path.join(fixtures, 'focus'), path.join(fixtures, 'real-world/focus')];
    let checked = 0;
    for (const dir of dirs) {
      for (const name of (await fs.readdir(dir)).filter((f) => f.endsWith('.csv'))) {
        const text = (await fs.readFile(path.join(dir, name), 'utf8')).replace(/\r\n?/g, '\n');
        for (const size of [1 << 10, 7777, 1 << 16, text.length]) {
          const pieces: string[] = [];
          for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
          await agree(pieces);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('names lines across multi-line fields and blank lines, and a text ending in quotes', () => {
    const got = scanner(['id,note\n1,"two\nlines"\n\n2,x\n3,"open', '\nquote']);
    expect(got.records).toEqual([['id', 'note'], ['1', 'two\nlines'], [''], ['2', 'x'], ['3', 'open\nquote']]);
    expect(got.lines).toEqual([1, 2, 4, 5, 6]);
    expect(got.linesRead).toBe(7);
    expect(got.endsInQuotes).toBe(true);
  });
});
