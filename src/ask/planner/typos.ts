/**
 * Misspelt words: "serach team", "spedn last moth". A word the planner could not place is compared
 * with the stored names and with the planner's own words by edit distance (transpositions count
 * once). A misspelt stored name is never guessed into a number: the planner declines and asks "did
 * you mean search?"; only a cloud's name one slip away ("azrue") is read, being one of a few far apart. A misspelt planner word with one clear correction is read as that word, and
 * the answer says so ("read "moth" as "month"").
 */
import { NOT_NAMES, type Catalog } from './catalog.ts';
import { isFiller, type Span } from './text.ts';
import { NICKNAMES } from './value-words.ts';
import { shorthandOf } from './shorthand.ts';

/** The planner's own words beyond the filler: metrics, periods, dimensions, rankings. */
const LEXICON = (
  'spend spent spending cost costs billed amortized amortised effective invoice tokens token requests calls cached input output prompt completion ' +
  'yesterday today week weekly weeks month monthly months quarter quarterly year yearly daily days since between last previous past this ' +
  'january february march april june july august september october november december ' +
  'team teams service services provider providers model models feature features region regions account accounts customer customers ' +
  'subscription subscriptions project projects linked compartment compartments invoices billing ' +
  'environment environments category categories resource resources instance instances untagged average compare versus trend trends ' +
  'breakdown top cheapest expensive biggest highest lowest most least excluding except production staging cloud usage purchases credits ' +
  // Filler that still carries the question: "toal spend" is read as "total spend", "waht did" as "what did".
  'total overall combined what which much many please thanks ' +
  // What a breakdown or a trend is asked with: "spend evry month", "cost for eahc team".
  'every each'
).split(' ');

const LEXICON_SET = new Set(LEXICON);

/** A planner word spelt right: left over, it is kept as typed while the words around it are corrected. */
export const spelledRight = (word: string) => LEXICON_SET.has(word);

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      low = Math.min(low, d);
    }
    if (low > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Edits a word of this length may hold and still be read as another: none under 4 letters. */
const allowedEdits = (word: string) => (word.length < 4 ? 0 : word.length < 6 ? 1 : 2);

/** The candidates nearest to `word` within its allowed edits (several when tied), or none. */
export function nearest(word: string, candidates: Iterable<string>): string[] {
  const max = allowedEdits(word);
  // No stored name is longer than MAX_NAME (storedNames), nor any planner word.
  if (max === 0 || word.length > MAX_NAME + max) return [];
  let best = max + 1;
  let out: string[] = [];
  for (const c of candidates) {
    if (c === word || c.length < 3) continue;
    const d = editDistance(word, c, max);
    if (d < best) [best, out] = [d, [c]];
    else if (d === best && !out.includes(c)) out.push(c);
  }
  return best <= max ? out : [];
}

/** Whether `longer` is `word` with one letter put in somewhere. */
function withOneLetterMore(word: string, longer: string): boolean {
  for (let i = 0; i < longer.length; i++) if (longer.slice(0, i) + longer.slice(i + 1) === word) return true;
  return false;
}

/** Stored names (lower case) that a misspelt word may mean, with their dimension. */
export function storedNames(catalog: Catalog, dimension?: string): Map<string, string> {
  const perCatalog = named.get(catalog) ?? new Map<string, Map<string, string>>();
  named.set(catalog, perCatalog);
  let out = perCatalog.get(dimension ?? '');
  if (!out) {
    out = readNames(catalog, dimension);
    perCatalog.set(dimension ?? '', out);
  }
  return out;
}

/** A vendor's name written into a service's with no space: "AWSLambda", "AmazonCloudWatch". */
const RUN_TOGETHER = /^(?:Amazon|AWS|Azure|Google|Microsoft)(?=[A-Z0-9])/;

/** Names longer than this are ids, not names anyone misspells. */
const MAX_NAME = 40;
/** storedNames per catalog and dimension: a catalog is cached until the data changes (catalog.ts). */
const named = new WeakMap<Catalog, Map<string, Map<string, string>>>();

function readNames(catalog: Catalog, dimension?: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [d, values] of catalog) {
    // Resources, SKUs and charge descriptions are named whole, never guessed from a lone word.
    if ((dimension && d !== dimension) || d === 'ResourceId' || d === 'SkuId' || d === 'ChargeDescription' || NOT_NAMES.includes(d)) continue;
    for (const v of values) {
      if (v.length > MAX_NAME) continue;
      out.set(v.toLowerCase(), d);
      // "cloudwach" is near a word of "Amazon CloudWatch".
      // "lamda" is near "AWSLambda" once the vendor's name run into it is set apart.
      const words = [...v.toLowerCase().split(/[^a-z0-9]+/), v.replace(RUN_TOGETHER, '').toLowerCase()];
      for (const w of words) if (w.length >= 5 && !LEXICON_SET.has(w) && !isFiller(w) && !out.has(w)) out.set(w, d);
    }
  }
  return out;
}

/** Leftover words read per question: a pasted page is declined, not spell-checked. */
export const MAX_CHECKED = 5;

export type Correction = { kind: 'name'; word: string; meant: string[]; dimension: string } | { kind: 'word'; word: string; meant: string };

/** What a word the planner could not place may have meant; null when nothing is near it. */
export function correctionOf(word: string, names: Map<string, string>): Correction | null {
  // A word spelt right is not a typo, however it was used.
  if (LEXICON_SET.has(word) || names.has(word)) return null;
  // "acct", "rsrcs": chat shorthand for one of the planner's words.
  const short = shorthandOf(word, LEXICON);
  if (short) return { kind: 'word', word, meant: short };
  const name = nearest(word, names.keys());
  // A cloud is one of a handful of names far apart: "azrue", one slip from azure alone, is read as it (and said).
  if (name.length === 1 && names.get(name[0]!) === 'provider' && editDistance(word, name[0]!, 1) <= 1) return { kind: 'word', word, meant: name[0]! };
  if (name.length > 0) return { kind: 'name', word, meant: name, dimension: names.get(name[0]!)! };
  if (isFiller(word)) return null;
  // "teh", "adn": too short for edits, but two letters swapped in a short word is a slip of the keys.
  const swaps = word.length === 3 ? [`${word[1]}${word[0]}${word[2]}`, `${word[0]}${word[2]}${word[1]}`] : [];
  // "gpc": a nickname of a stored name, swapped; a name is asked about, never guessed.
  const nick = swaps.find((w) => NICKNAMES[w]?.some((n) => names.has(n)));
  if (nick) return { kind: 'name', word, meant: [nick], dimension: names.get(NICKNAMES[nick]!.find((n) => names.has(n))!)! };
  const swapped = swaps.filter((w) => isFiller(w) || LEXICON_SET.has(w));
  if (swapped.length === 1) return { kind: 'word', word, meant: swapped[0]! };
  // "tem", "wek", "cst": a letter dropped on a phone keyboard from one planner word of four letters.
  const dropped = word.length === 3 ? LEXICON.filter((w) => w.length === 4 && withOneLetterMore(word, w)) : [];
  if (dropped.length === 1) return { kind: 'word', word, meant: dropped[0]! };
  const lex = nearest(word, LEXICON);
  return lex.length === 1 ? { kind: 'word', word, meant: lex[0]! } : null;
}

/**
 * A lone word read as an unknown name that is one of the planner's own words misspelt ("the
 * prod-platform linkd account"): `read` with where it stands, to be read corrected; null otherwise.
 */
export function misspeltWordAt<T>(text: string, phrase: string, catalog: Catalog, read: (slip: { word: string } & Span) => T | null): T | null {
  if (!/^[a-z]+$/.test(phrase) || correctionOf(phrase, storedNames(catalog))?.kind !== 'word') return null;
  const start = text.search(new RegExp(`(?<![\\w-])${phrase}(?![\\w-])`));
  return start < 0 ? null : read({ word: phrase, start, end: start + phrase.length });
}
