/**
 * Who invoiced the charges (FOCUS InvoiceIssuerName): "what did Reseller X bill us", "spend via our
 * reseller", "invoiced by Microsoft". An issuer's name is often its provider's ("AWS" is both), and
 * naming a provider means the provider; so an issuer is read only where the question says it is
 * about who invoiced: invoiced or billed by, reseller, issuer. "our reseller" is the one issuer that
 * is none of the providers (no word of a provider's name, nor its vendor's nickname, in its name).
 */
import type { QuestionText } from './text.ts';
import { NICKNAMES } from './value-words.ts';

/** "invoiced by", "issuer", "reseller": said just before or after a name, it is who invoiced. */
const CUE_WORDS = '(?:invoiced|billed|issued)\\s+(?:to\\s+us\\s+)?by|(?:invoice\\s+)?issuers?|resellers?';
const CUE = new RegExp(`(?<![a-z0-9])(?:${CUE_WORDS})(?![a-z0-9])`);
/** "via our reseller", "the reseller's charges"; "by reseller", "per reseller" are a breakdown, not one. */
const RESELLER = /(?<![a-z0-9])(?<!(?:by|per|each)\s+)(?:(?:via|through|from)\s+)?(?:our\s+|the\s+|a\s+)?resellers?(?![a-z0-9])/;
const wordsOf = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
/** A name's words, and what each vendor word is also called ("amazon" is "aws"). */
const alsoCalled = (s: string) => wordsOf(s).flatMap((w) => [w, ...(NICKNAMES[w] ?? [])]);
/** A name beside an invoicing word ("billed by AWS", "Reseller X", "Acme as reseller"); a name with one in it ("Reseller X") alone. */
function nameRe(value: string): RegExp {
  const name = wordsOf(value).join('[^a-z0-9]+');
  const cue = `(?:${CUE_WORDS})`;
  const beside = CUE.test(value.toLowerCase()) ? name : `${cue}\\s+(?:the\\s+)?${name}|${name}\\s+(?:as\\s+(?:the\\s+|our\\s+)?)?${cue}`;
  return new RegExp(`(?<![a-z0-9])(?:${beside})(?![a-z0-9])`);
}

/** The issuer read, or the question to ask instead. */
export type IssuerReading = { value: string; reading: string } | { which: string };

/** The issuer the question names beside an invoicing word, taken with that word; null when it names none. */
export function takeIssuer(t: QuestionText, issuers: readonly string[], providers: readonly string[]): IssuerReading | null {
  if (issuers.length === 0 || !CUE.test(t.text)) return null;
  // The longest name first: "Amazon Web Services Canada, Inc." before a shorter one inside it.
  const byLength = [...issuers].filter((v) => wordsOf(v).length > 0).sort((a, b) => b.length - a.length);
  for (const value of byLength) {
    // Read over the whole question: "cost billed by AWS" has had "billed" read as the metric already.
    const m = nameRe(value).exec(t.text);
    if (!m) continue;
    t.mark({ start: m.index, end: m.index + m[0].length });
    return { value, reading: `"${value}" read as who invoiced the charges (the invoice issuer), not the provider` };
  }
  if (!RESELLER.test(t.text)) return null;
  const providerWords = new Set(providers.flatMap(alsoCalled).filter((w) => w.length >= 3));
  const resellers = issuers.filter((v) => !alsoCalled(v).some((w) => providerWords.has(w)));
  t.takeOne(RESELLER);
  if (resellers.length === 1) return { value: resellers[0]!, reading: `"reseller" read as ${resellers[0]}, the one invoice issuer that is none of the providers` };
  if (resellers.length === 0) return { which: `Every invoice issuer in the data is one of the providers (${issuers.join(', ')}): no reseller invoiced these charges.` };
  return { which: `${resellers.length} invoice issuers are none of the providers: ${resellers.join(', ')}. Which reseller did you mean?` };
}
