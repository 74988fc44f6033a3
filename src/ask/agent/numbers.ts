/**
 * The model's sentence is commentary under Penny's own summary, and its numbers must be Penny's:
 * each sentence with a number that appears nowhere in what Penny computed (the tool results and the
 * summary), allowing the same value rounded or reformatted ("$1.2k", "48%", "1,234"), is dropped.
 * A sentence is dropped whole rather than edited, so what is left still says what it meant.
 */

interface Stated {
  value: number;
  /** Half a unit of the last digit stated: "$1.2k" covers 1,150 to 1,250. */
  tolerance: number;
  percent: boolean;
  money: boolean;
}

const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };
/** A number as people write one: sign, $, thousands separators, decimals, a % or a scale word. */
const NUMBER = /(-)?(\$)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(%|percent\b)|\s?(k|mm|m|bn|b|thousand|million|billion)\b)?/gi;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
/** Counts small enough to be ordinary words ("3 teams", "top 5"), not amounts. */
const SMALL_COUNT = 12;

function stated(text: string): Stated[] {
  const out: Stated[] = [];
  for (const m of text.replace(ISO_DATE, ' ').matchAll(NUMBER)) {
    const decimals = m[4]?.length ?? 0;
    const scale = m[6] ? SCALE[m[6].toLowerCase()]! : 1;
    const value = Number(`${m[3]!.replace(/,/g, '')}.${m[4] ?? '0'}`) * scale * (m[1] ? -1 : 1);
    out.push({ value, tolerance: 0.5 * 10 ** -decimals * scale + 1e-9, percent: Boolean(m[5]), money: Boolean(m[2]) });
  }
  return out;
}

/** Every number in Penny's own text, and the parts of its dates ("October 31" is 2026-10-31). */
function sourceValues(source: string): number[] {
  const dateParts = (source.match(ISO_DATE) ?? []).flatMap((d) => d.split('-').map(Number));
  return [...stated(source).map((s) => s.value), ...dateParts];
}

function backed(n: Stated, values: number[]): boolean {
  if (!n.money && !n.percent && Number.isInteger(n.value) && Math.abs(n.value) <= SMALL_COUNT) return true;
  return values.some((v) => Math.abs(Math.abs(n.value) - Math.abs(v)) <= n.tolerance || (n.percent && Math.abs(Math.abs(n.value) - Math.abs(v * 100)) <= n.tolerance));
}

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z("'$\d])/).filter((s) => s.trim() !== '');

/** Whether every number and date in a sentence is in Penny's own text. */
function trusted(sentence: string, source: string, values: number[]): boolean {
  for (const d of sentence.match(ISO_DATE) ?? []) if (!source.includes(d)) return false;
  return stated(sentence).every((n) => backed(n, values));
}

/** The model's sentences whose numbers Penny computed; and how many were dropped. */
export function trustedCommentary(text: string, source: string): { text: string; dropped: number } {
  const values = sourceValues(source);
  const all = sentences(text.trim());
  const kept = all.filter((s) => trusted(s, source, values));
  return { text: kept.join(' '), dropped: all.length - kept.length };
}

/** A reply written without reading any data: its sentences with numbers are dropped, and it says so. */
export function unreadCommentary(text: string): string {
  const kept = sentences(text.trim()).filter((s) => stated(s).length === 0 && (s.match(ISO_DATE) ?? []).length === 0);
  return [...kept, '(No data was read: the model answered without querying any costs.)'].join(' ');
}
