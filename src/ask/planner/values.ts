/**
 * Names in a question → filters on stored values: "the search team" → team = search, "EC2" →
 * ServiceName = Amazon Elastic Compute Cloud, "4o" → model = gpt-4o, "excluding prod" → not. Only
 * values that exist in the data (the catalog) match; a name next to a dimension word that matches
 * nothing is reported as unknown, so the planner says so instead of answering for everything.
 */
import type { Filter } from '../../costs/query.ts';
import { NOT_NAMES, TEAM_TAG_KEYS, type Catalog } from './catalog.ts';
import { dimensionName } from '../answer/format.ts';
import { DIMENSION_WORDS, dimensionOfWord } from './grouping.ts';
import { isFiller, type QuestionText, type Span } from './text.ts';
import { GENERIC, NICKNAMES, SERVICE_WORDS, STOP_WORDS, VENDOR_PREFIX, VENDORS } from './value-words.ts';

const NEGATION = /\b(?:excluding|exclude|except(?:\s+for)?|not(?:\s+counting)?|without|other\s+than|besides|ignoring|minus|apart\s+from|outside(?:\s+of)?)\s+(?:the\s+)?$/;
const isStopWord = (phrase: string) => phrase.split(/\s+/).every((w) => STOP_WORDS.has(w) || isFiller(w));

/** Dimensions matched in this order when a name fits several and no dimension word says which. */
// A service category comes before a service of the same name ("compute" is the Compute category,
// not Oracle's COMPUTE service); the answer says which was read (ValueMatch.readings).
const PRIORITY = [
  'team',
  'feature',
  'model',
  'ServiceCategory',
  'ServiceName',
  'provider',
  'customer',
  'environment',
  'cost_center',
  'RegionId',
  'SubAccountName',
  'SubAccountId',
  'BillingAccountName',
  'ChargeDescription',
];

/** "team-payments", "payments_team", "Team Payments": a team's name with the word team in it. */
const TEAM_AFFIX = /^team[-_ :]+([a-z0-9].*)$|^(.*[a-z0-9])[-_ ]+team$/;
/** Where a catalog's teams come from: said when a team was named by part of its name. */
export function teamTagsSaid(catalog: Catalog): string {
  const keys = catalog.get(TEAM_TAG_KEYS);
  if (!keys) return 'the value of its team tag, or else of its owner tag';
  return `the value of its ${keys.length < 2 ? keys.join('') : `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`} tag`;
}
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
const wordsOf = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);

interface Candidate {
  dimension: string;
  value: string;
  /** 3 exact, 2 alias or nickname, 1 one word of a model or feature name. */
  strength: number;
  /** A one-word match on the name's first word, its family ("gpt", "claude"): means all of them. */
  family?: boolean;
}

/** Entries kept of a shared index's phrase caches before they start over: they grow with questions asked. */
const MAX_CACHED = 10_000;
const indexes = new WeakMap<Catalog, ValueIndex>();

/** Lookup from a normalised phrase to the stored values it may name. */
export class ValueIndex {
  /** The index of a catalog, built once: a catalog is cached until the data changes (catalog.ts). */
  static of(catalog: Catalog): ValueIndex {
    let index = indexes.get(catalog);
    if (!index) {
      index = new ValueIndex(catalog);
      indexes.set(catalog, index);
    }
    if (index.expanded.size + index.resourceCache.size > MAX_CACHED) {
      index.expanded.clear();
      index.resourceCache.clear();
    }
    return index;
  }

  private readonly byPhrase = new Map<string, Candidate[]>();
  /** Which tags teams come from, in words (teamTagsSaid). */
  readonly teamTags: string;
  /** containing() per nickname expansion: it reads every stored value. */
  private readonly expanded = new Map<string, Candidate[]>();

  /** Resource ids with their words, matched only beside a resource word (resourceNamed). */
  private readonly resources: Array<{ value: string; words: string }> = [];
  /** SKU ids, lower-cased: named whole ("g5.12xlarge"), never by a word of one. */
  private readonly skus = new Map<string, string>();
  /** Resource ids by their own name, the id's last part ("checkout-db" of …:db:checkout-db). */
  private readonly resourceNames = new Map<string, string[]>();
  private readonly resourceCache = new Map<string, string | null>();

  constructor(catalog: Catalog) {
    this.teamTags = teamTagsSaid(catalog);
    for (const [dimension, values] of catalog) {
      if (NOT_NAMES.includes(dimension)) continue;
      // A charge description is a sentence: named by three words or more of it, all of them in order.
      if (dimension === 'ChargeDescription') {
        for (const value of values) if (wordsOf(value).length >= 3) this.add(norm(value), { dimension, value, strength: 3 });
        continue;
      }
      if (dimension === 'SkuId') {
        for (const value of values) this.skus.set(value.toLowerCase(), value);
        continue;
      }
      if (dimension === 'ResourceId') {
        // "i-0dev-sandbox" is the words "0 dev sandbox".
        for (const value of values) {
          this.resources.push({ value, words: ` ${wordsOf(value.replace(/[-_]/g, ' ').replace(/(?<=\d)(?=[a-z])/gi, ' ')).join(' ')} ` });
          const name = value.toLowerCase().split(/[:/]/).at(-1)!;
          this.resourceNames.set(name, [...(this.resourceNames.get(name) ?? []), value]);
        }
        continue;
      }
      for (const value of values) {
        this.add(norm(value), { dimension, value, strength: 3 });
        // "Amazon CloudWatch" is "cloudwatch", but "Google Cloud" is not "cloud".
        const stripped = value.toLowerCase().replace(VENDOR_PREFIX, '');
        if (dimension === 'ServiceName' && stripped !== value.toLowerCase() && !GENERIC.test(stripped)) this.add(norm(stripped), { dimension, value, strength: 2 });
        // "machine learning" names the category AI and Machine Learning.
        if (dimension === 'ServiceCategory')
          for (const side of value.toLowerCase().split(' and ')) if (side !== value.toLowerCase() && side.length >= 5) this.add(norm(side), { dimension, value, strength: 2 });
        // "Google Cloud Storage", "AWS DynamoDB": a service named with its vendor.
        if (dimension === 'ServiceName' && !GENERIC.test(value.toLowerCase()))
          for (const vendor of VENDORS) if (!value.toLowerCase().startsWith(vendor)) this.add(norm(`${vendor} ${value}`), { dimension, value, strength: 2 });
        // "payments" names the team team-payments, as FOCUS exports' Owner tags write teams.
        const bare = dimension === 'team' ? TEAM_AFFIX.exec(value.toLowerCase()) : null;
        if (bare) this.add(norm(bare[1] ?? bare[2]!), { dimension, value, strength: 2 });
        // "database" names the category Databases.
        if (/[^s]s$/.test(value) && !value.includes(' ')) this.add(norm(value.slice(0, -1)), { dimension, value, strength: 2 });
        // "Kubernetes" names every service with that word in its name.
        if (dimension === 'ServiceName') for (const w of wordsOf(value)) if (w.length >= 5 && !SERVICE_WORDS.has(w)) this.add(w, { dimension, value, strength: 1, family: true });
        if (dimension === 'model' || dimension === 'feature') {
          // gpt-4o-2024-08-06 → "4o"; claude-sonnet-4-5 → "sonnet"; query-rewrite → "rewrite".
          value
            .toLowerCase()
            .split(/[-_/\s]+/)
            .forEach((w, i) => {
              if (w.length >= (dimension === 'model' ? 2 : 4) && !/^\d+$/.test(w)) this.add(norm(w), { dimension, value, strength: 1, family: i === 0 });
            });
        }
      }
    }
  }

  private add(key: string, c: Candidate): void {
    if (key === '') return;
    const list = this.byPhrase.get(key) ?? [];
    if (!list.some((x) => x.dimension === c.dimension && x.value === c.value)) list.push(c);
    this.byPhrase.set(key, list);
  }

  /** Candidates for a phrase: its own form first, then what its nickname expands to. */
  lookup(phrase: string): Candidate[] {
    const key = norm(phrase);
    // "us-east-1" is AWS's region, not Google's us-east1 too: a value typed as stored wins over
    // values of its dimension that are only spelt the same once punctuation is dropped.
    const typed = phrase.toLowerCase();
    const all = this.byPhrase.get(key) ?? [];
    const exact = new Set(all.filter((c) => c.value.toLowerCase() === typed).map((c) => c.dimension));
    const direct = exact.size > 0 ? all.filter((c) => !exact.has(c.dimension) || c.value.toLowerCase() === typed) : all;
    const nicknames = NICKNAMES[key];
    return nicknames ? [...direct, ...nicknames.flatMap((n) => this.containing(n))] : direct;
  }

  /** The one value that a dimension word's dimension holds with `phrase` among its words ("prod account" → northwind-prod). */
  within(phrase: string, hint: string): Candidate[] {
    const key = `${hint}|${wordsOf(phrase).join(' ')}`;
    const known = this.expanded.get(key);
    if (known) return known;
    const needle = ` ${wordsOf(phrase).join(' ')} `;
    const out: Candidate[] = [];
    for (const list of this.byPhrase.values()) {
      for (const c of list) if (c.strength === 3 && fitsHint(c.dimension, hint) && ` ${wordsOf(c.value).join(' ')} `.includes(needle) && !out.some((o) => o.value === c.value)) out.push(c);
    }
    const one = out.length === 1 ? out : [];
    this.expanded.set(key, one);
    return one;
  }

  /** The one resource whose id has `phrase`'s words in a row ("data lake" → …:northwind-data-lake), or null. */
  resourceNamed(phrase: string): string | null {
    const needle = ` ${wordsOf(phrase.replace(/[-_]/g, ' ')).join(' ')} `;
    if (this.resourceCache.has(needle)) return this.resourceCache.get(needle)!;
    const found = this.resources.filter((r) => r.words.includes(needle));
    const one = found.length === 1 ? found[0]!.value : null;
    this.resourceCache.set(needle, one);
    return one;
  }

  /**
   * A word that reads as an id (a '-', '_', '.' or digit in it) naming one stored resource by its
   * own name ("checkout-db") or one SKU whole ("g5.12xlarge"); null otherwise.
   */
  idNamed(word: string): { dimension: 'ResourceId' | 'SkuId'; value: string } | null {
    if (!/[-_.\d]/.test(word) || !/[a-z]/.test(word)) return null;
    const ids = this.resourceNames.get(word);
    if (ids?.length === 1) return { dimension: 'ResourceId', value: ids[0]! };
    const sku = this.skus.get(word);
    return sku ? { dimension: 'SkuId', value: sku } : null;
  }

  /** Stored values whose words contain all of `words`' words in order (for nicknames); "google" is also Google Cloud. */
  private containing(words: string): Candidate[] {
    const known = this.expanded.get(words);
    if (known) return known;
    const needle = ` ${wordsOf(words).join(' ')} `;
    const out: Candidate[] = [];
    for (const list of this.byPhrase.values()) {
      // A value the nickname spells out whole ("amazon" → AWS) outranks one that contains it (AWS Lambda).
      for (const c of list) if (c.strength === 3 && ` ${wordsOf(c.value).join(' ')} `.includes(needle)) out.push({ ...c, strength: ` ${wordsOf(c.value).join(' ')} ` === needle ? 3 : 2 });
    }
    // ...but not another spelling of the same kind: "azure" is both providers Microsoft and Microsoft Azure.
    const whole = new Set(out.filter((c) => c.strength === 3).map((c) => c.dimension));
    for (const c of out) if (whole.has(c.dimension)) c.strength = 3;
    this.expanded.set(words, out);
    return out;
  }
}

/** The stored teams a name means: "data" is the team data, or team-data as an Owner tag writes it. */
export function teamsNamed(name: string, catalog: Catalog): string[] {
  const teams = ValueIndex.of(catalog)
    .lookup(name)
    .filter((c) => c.dimension === 'team');
  const top = Math.max(...teams.map((c) => c.strength));
  return teams.filter((c) => c.strength === top).map((c) => c.value);
}

/** Whether a value of `dimension` is what a dimension word names: an account by id or name (a billing account's too), "storage services" a category. */
const fitsHint = (dimension: string, hint: string | null) =>
  dimension === hint ||
  (hint === 'SubAccountId' && (dimension === 'SubAccountName' || dimension === 'BillingAccountName')) ||
  (hint === 'BillingAccountId' && dimension === 'BillingAccountName') ||
  (hint === 'ServiceName' && dimension === 'ServiceCategory');

function best(cands: Candidate[], hint: string | null): Candidate[] {
  // The dimension the word names first: "the COMPUTE service" is the service, not the category Compute.
  const exact = hint ? cands.filter((c) => c.dimension === hint) : [];
  const pool = !hint ? cands : exact.length > 0 ? exact : cands.filter((c) => fitsHint(c.dimension, hint));
  if (pool.length === 0) return [];
  const top = Math.max(...pool.map((c) => c.strength));
  const strongest = pool.filter((c) => c.strength === top);
  const rank = (d: string) => PRIORITY.indexOf(d) + 1 || 99;
  const dim = strongest.map((c) => c.dimension).sort((a, b) => rank(a) - rank(b))[0]!;
  // "4o" names gpt-4o before gpt-4o-mini: a one-word match picks the shortest value, unless the
  // word is the family every match starts with ("gpt"), which means them all.
  const inDim = strongest.filter((c) => c.dimension === dim).sort((a, b) => a.value.length - b.value.length);
  return top === 1 && !inDim.every((c) => c.family) ? inDim.slice(0, 1) : inDim;
}

const DIM_WORD = new RegExp(`^(?:the\\s+)?(${DIMENSION_WORDS.map(([w]) => `(?:${w})`).join('|')})\\b`);
const DIM_WORD_BEFORE = new RegExp(`\\b(${DIMENSION_WORDS.map(([w]) => `(?:${w})`).join('|')})\\s+(?:called\\s+|named\\s+)?$`);

export interface ValueMatch {
  filters: Filter[];
  /** Names next to a dimension word that no stored value matched: "the payments team". */
  unknown: Array<{ phrase: string; dimension: string }>;
  /** How a name that fits several dimensions equally was read: "compute" as the service category. */
  readings: string[];
}

/** Readings said per question at most: a long question repeating names needs no more. */
const MAX_READINGS = 3;

/** Whether words i … i+n-1 are a run: untaken, with only untaken punctuation between them. */
function isRun(t: QuestionText, words: Span[], i: number, n: number): boolean {
  for (let k = i; k < i + n; k++) {
    if (!t.isFree(words[k]!)) return false;
    if (k === i) continue;
    const gap = { start: words[k - 1]!.end, end: words[k]!.start };
    if (!t.isFree(gap) || /[a-z0-9]/.test(t.text.slice(gap.start, gap.end))) return false;
  }
  return true;
}

/** How far before or after a name a dimension word or a negation is looked for, in characters. */
const REACH = 64;

/**
 * Takes the longest runs of words that name stored values, at most four words each: all four-word
 * runs left to right, then three-word ones, and so on. One pass: taking a run only ever breaks
 * other runs, so none skipped earlier can match later. Each run is read with the few characters
 * around it, so a question's length costs linear time.
 */
export function takeValues(t: QuestionText, index: ValueIndex): ValueMatch {
  const eq = new Map<string, Set<string>>();
  const not: Extract<Filter, { op: 'not' }>[] = [];
  const readings = new Set<string>();
  const words = t.words();
  let resourceLookups = 0;
  for (let n = 4; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      if (!isRun(t, words, i, n)) continue;
      const span = { start: words[i]!.start, end: words[i + n - 1]!.end };
      const cands = index.lookup(t.text.slice(span.start, span.end));
      if (cands.length === 0) {
        const id = n === 1 ? index.idNamed(t.text.slice(span.start, span.end)) : null;
        if (id) {
          t.mark(span);
          // "the checkout-db database": the resource word only describes it.
          const at = t.nextAlnum(span.end);
          const word = id.dimension === 'ResourceId' ? RESOURCE_WORD.exec(t.restAfter(at, REACH)) : null;
          if (word) t.mark({ start: at, end: at + word[0].length });
          const before = id.dimension === 'ResourceId' ? t.restBefore(span.start, REACH) : null;
          const wordBefore = before ? RESOURCE_WORD_BEFORE.exec(before.text) : null;
          if (before && wordBefore) t.mark({ start: before.offset + wordBefore.index, end: before.offset + wordBefore.index + wordBefore[0].length });
          eq.set(id.dimension, new Set([...(eq.get(id.dimension) ?? []), id.value]));
          continue;
        }
        if (resourceLookups < MAX_RESOURCE_LOOKUPS && takeResource(t, index, span, eq)) resourceLookups++;
        continue;
      }
      const before = t.restBefore(span.start, REACH);
      // The dimension word may follow after punctuation: "x'); … team".
      const at = t.nextAlnum(span.end);
      const hintAfter = DIM_WORD.exec(t.restAfter(at, REACH));
      const hintBefore = DIM_WORD_BEFORE.exec(before.text);
      const said = hintAfter ? dimensionOfWord(hintAfter[1]!) : hintBefore ? dimensionOfWord(hintBefore[1]!) : null;
      // "storage services" are the services of the category Storage, not one service named Storage.
      const hint = said === 'ServiceName' && /s$/.test(hintAfter?.[1] ?? '') && cands.some((c) => c.dimension === 'ServiceCategory') ? 'ServiceCategory' : said;
      const phrase = t.text.slice(span.start, span.end);
      const fitting = hint ? best(cands, hint) : [];
      // "the prod account" is northwind-prod; "AWS services" are AWS's, a provider qualifying its services.
      const hinted = hint && fitting.length === 0 && !cands.some((c) => c.dimension === 'provider') ? index.within(phrase, hint) : fitting;
      const chosen = hinted.length > 0 ? hinted : isStopWord(phrase) ? [] : best(cands, null);
      if (chosen.length === 0) continue;
      const other = hinted.length === 0 ? cands.find((c) => c.strength === chosen[0]!.strength && c.dimension !== chosen[0]!.dimension) : undefined;
      if (other && readings.size < MAX_READINGS) {
        readings.add(`"${phrase}" read as the ${dimensionName(chosen[0]!.dimension)} ${chosen[0]!.value}, not the ${dimensionName(other.dimension)} ${other.value}`);
      }
      // "payments" for team-payments: say the stored name, and the tags teams are read from.
      const affixed = chosen[0]!.dimension === 'team' && norm(phrase) !== norm(chosen[0]!.value) && TEAM_AFFIX.test(chosen[0]!.value.toLowerCase());
      if (affixed && readings.size < MAX_READINGS) readings.add(`"${phrase}" read as the team ${chosen.map((c) => c.value).join(' and ')}, ${index.teamTags}`);
      const negated = NEGATION.exec(before.text);
      t.mark(span);
      // "SageMaker endpoint", "S3 buckets": a resource word after a service only describes it.
      if (hintAfter && (fitsHint(chosen[0]!.dimension, hint) || (hint === 'ResourceId' && /^Service(?:Name|Category)$/.test(chosen[0]!.dimension))))
        t.mark({ start: at, end: at + hintAfter[0].length });
      else if (hintBefore && fitsHint(chosen[0]!.dimension, hint)) t.mark({ start: before.offset + hintBefore.index, end: before.offset + hintBefore.index + hintBefore[0].length });
      if (negated) {
        t.mark({ start: before.offset + negated.index, end: before.offset + negated.index + negated[0].length });
        for (const c of chosen) if (!not.some((f) => f.dimension === c.dimension && f.value === c.value)) not.push({ dimension: c.dimension, op: 'not', value: c.value });
      } else {
        const set = eq.get(chosen[0]!.dimension) ?? new Set<string>();
        for (const c of chosen) set.add(c.value);
        eq.set(chosen[0]!.dimension, set);
      }
    }
  }
  const filters: Filter[] = [...eq].map(([dimension, set]) => (set.size === 1 ? { dimension, op: 'eq' as const, value: [...set][0]! } : { dimension, op: 'in' as const, values: [...set] }));
  return { filters: [...filters, ...not], unknown: unknownNames(t), readings: [...readings] };
}

/** Resources looked up by name per question: each reads every stored resource id. */
const MAX_RESOURCE_LOOKUPS = 3;
const RESOURCE_WORDS = 'bucket|instance|vm|box(?:es)?|server|host|cluster|database|db|table|function|endpoint|distribution|log\\s+group|nat\\s+gateway|service\\s+account|storage\\s+account|dataset';
const RESOURCE_WORD = new RegExp(`^(?:the\\s+)?(?:${RESOURCE_WORDS})s?\\b`);
/** "the box i-0search-stg": a resource word just before a resource's own name. */
const RESOURCE_WORD_BEFORE = new RegExp(`\\b(?:${RESOURCE_WORDS})s?\\s+$`);

/**
 * "the data lake bucket": words no other name took, before a resource word, naming one stored
 * resource id. Both are taken and the resource filtered on. True when the ids were looked through.
 */
function takeResource(t: QuestionText, index: ValueIndex, span: Span, eq: Map<string, Set<string>>): boolean {
  const phrase = t.text.slice(span.start, span.end);
  // "on the ranker endpoint": a run starting with a filler or stop word is not a name, and looking it up would use up the lookups.
  const first = phrase.split(/\s+/)[0]!;
  if (isStopWord(first) || !/[a-z]/.test(phrase)) return false;
  const at = t.nextAlnum(span.end);
  const word = RESOURCE_WORD.exec(t.restAfter(at, REACH));
  if (!word) return false;
  const id = index.resourceNamed(phrase);
  if (!id) return true;
  t.mark(span);
  t.mark({ start: at, end: at + word[0].length });
  eq.set('ResourceId', new Set([...(eq.get('ResourceId') ?? []), id]));
  return true;
}

/** "the payments team", "team payments", "model foo-1": a name beside a dimension word, left untaken. */
function unknownNames(t: QuestionText): ValueMatch['unknown'] {
  const out: ValueMatch['unknown'] = [];
  // A name is read from its start only (see TAG in grouping.ts): linear in the question's length.
  const names = new RegExp(
    `\\b(?<![a-z0-9][a-z0-9._-]*?)([a-z0-9][a-z0-9._-]*)\\s+(team|feature|customer|model|service|account|project|environment|region)\\b|\\b(team|feature|customer|model|service|account|project)\\s+(?:called\\s+|named\\s+)?([a-z0-9][a-z0-9._-]*)`,
    'g',
  );
  const skip =
    /^(?:ai|llm|gen|cloud|most|top|expensive|biggest|cheapest|new|other|own|single|average|total|the|a|an|each|every|per|by|which|what|all|our|my|this|that|any|one|same|whole|entire|for|of|on|in|and|or|to|with|from|is|are|was|were|spend|spent|spending|cost|costs|costing|costly|priciest|costliest|pricey|did|does|do)$/;
  let m: RegExpExecArray | null;
  while ((m = names.exec(t.rest())) !== null) {
    const phrase = m[1] ?? m[4]!;
    const word = m[2] ?? m[3]!;
    // "show team spend": a word that only shapes the sentence names nothing.
    if (!skip.test(phrase) && !isFiller(phrase)) out.push({ phrase, dimension: dimensionOfWord(word) ?? word });
  }
  return out;
}
