/**
 * A cost basis said with another one denied beside it: "billed (not amortized)", "total billed,
 * not amortized", "effective cost - not list". The denial only says which of two bases is meant,
 * so it is set aside and the basis said is read as a cost ("billed" alone before a period is the
 * billing period's, focus.ts); "not amortized" alone is left to the planner.
 */

const BASIS = `(billed|invoiced|amortized|amortised|effective|list|actual)`;
const DENIED = new RegExp(
  String.raw`\b${BASIS}(\s(?:cost|costs|spend|amount|price|prices))?(\s?[(,;]\s?|\s[-\u2013\u2014]\s?)(?:and\s|but\s)?not\s(?:the\s)?${BASIS}(?:\s(?:cost|costs|spend|one|numbers?|figures?))?\)?`,
  'gi',
);

const same = (a: string, b: string) => a.toLowerCase().replace('amortised', 'amortized') === b.toLowerCase().replace('amortised', 'amortized');

/** The question with a denied second basis set aside; the question itself when it has none. */
export function withoutDeniedBasis(question: string): string {
  return question.replace(DENIED, (whole, said: string, noun: string | undefined, _gap: string, denied: string) => (same(said, denied) ? whole : `${said}${noun ?? ' cost'}`));
}
