/**
 * utf8Lines writes what TextEncoder gives for the lines joined, each ended by a newline: ASCII,
 * Latin-1, characters whose low byte is ASCII (Ł, 中: the Latin-1 shortcut wrote them as "A", "-"),
 * emoji, unpaired surrogates, empty lines, and a buffer reused across calls of different sizes.
 */
import { describe, expect, it } from 'vitest';
import { utf8Lines } from '../../src/ingest/utf8.ts';

const encoder = new TextEncoder();
const joined = (lines: string[]) => encoder.encode(lines.map((l) => `${l}\n`).join(''));

let seed = 41;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const PIECES = ['a', 'tab\\t', '0.25', 'é', 'Ł', '中', '€', '😀', '\ud800', '\udc00', ' ', '\u00ff'];

describe('utf8Lines', () => {
  it('is the UTF-8 of the lines each ended by a newline', () => {
    expect(Buffer.from(utf8Lines(['Łódź', 'ab'])).toString('utf8')).toBe('Łódź\nab\n');
    expect(utf8Lines([])).toHaveLength(0);
    expect(Array.from(utf8Lines(['中']))).toEqual([0xe4, 0xb8, 0xad, 10]);
  });

  it('equals TextEncoder on 3,000 random sets of lines, large and small', () => {
    for (let n = 0; n < 3000; n++) {
      const lines = Array.from({ length: random(n % 50 === 0 ? 2000 : 8) }, () => {
        let line = '';
        for (let k = random(30); k > 0; k--) line += PIECES[random(n % 3 === 0 ? 3 : PIECES.length)];
        return line;
      });
      const got = utf8Lines(lines);
      expect(Buffer.from(got).equals(Buffer.from(joined(lines))), JSON.stringify(lines.slice(0, 5))).toBe(true);
      // Its own buffer, so transferring it takes nothing else along.
      expect(got.byteLength).toBe(got.buffer.byteLength);
    }
  });
});
