/**
 * "from Nov 1 to Nov 15 inclusive", "2026-10-01 through 2026-10-31 (inclusive)": a range's last
 * day is counted already (time.ts), so "inclusive" right after a period read says nothing more.
 * Not "inclusive of tax" (what a total holds), nor "incl." ("incl. AI" is including), nor
 * "exclusive", which is left over and declined.
 */
import type { QuestionText } from './text.ts';

const INCLUSIVE = /\(?\b(?:both\s+(?:ends|days|dates)\s+)?inclusive(?:ly)?\b\)?(?!\s+of\b)/;

/** Takes "inclusive" where it follows the period read (`hasPeriod`), with only commas, brackets or spaces between. */
export function takeInclusive(t: QuestionText, hasPeriod: boolean): void {
  if (!hasPeriod) return;
  t.take(INCLUSIVE, (m) => {
    let i = m.index - 1;
    while (i >= 0 && /[\s,(]/.test(t.text[i]!)) i--;
    return i >= 0 && !t.isFree({ start: i, end: i + 1 });
  });
}
