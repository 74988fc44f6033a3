/**
 * Names in a question → filters on stored values: "the search team" → team = search, "EC2" →
 * ServiceName = Amazon Elastic Compute Cloud, "4o" → model = gpt-4o, "excluding prod" → not. Only
 * values that exist in the data (the catalog) match; a name next to a dimension word that matches
 * nothing is reported as unknown, so the planner says so instead of answering for everything.
 */
import type { Filter } from '../../costs/query.ts';
import { dimensionName } from '../answer/format.ts';
import { DIMENSION_WORDS, dimensionOfWord } from './grouping.ts';
import { isFiller, type QuestionText, type Span } from './text.ts';
import { STOP_WORDS } from './value-words.ts';
import type { Named } from './lists.ts';
import { fitsHint, norm, TEAM_AFFIX, type Candidate, type ValueIndex } from './value-index.ts';
import { accountPartReading, KIND_WORD, whichAccount } from './account-words.ts';
import { takeIssuer } from './issuers.ts';
import { takePrincipalAccount } from './principal-account.ts';
import { takeOurBillingAccount } from './our-billing-account.ts';
import { takeAbsentRegionCodes } from './region-codes.ts';
import { longerName } from './compound-names.ts';

/**
 * A name excluded: "excluding S3", "not from OpenAI", "that isn't the support-agent feature",
 * "everything except search", "everyone but ml". "isn't" only after "that" or "which": "why isn't
 * search going down" asks about search.
 */
const ALL_OF = String.raw`(?:(?:everything|everyone|everybody|all(?:\s+(?:spend|teams|of\s+it))?)(?:\s+else)?\s+)`;
const NOT_WORDS = String.raw`(?:excluding|exclude|except(?:\s+for)?|not(?:\s+(?:counting|including|from|on|for|in|by))?|(?:that|which)\s+(?:(?:is|are|was|were)\s+not|isn'?t|aren'?t|wasn'?t|weren'?t|not)(?:\s+(?:from|on|for|in|by|part\s+of))?|without|other\s+than|besides|ignoring|minus|apart\s+from|outside(?:\s+of)?)`;
const NEGATION = new RegExp(String.raw`\b(?:${ALL_OF}?${NOT_WORDS}|${ALL_OF}but)\s+(?:the\s+)?$`);
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
/** "team payments", "the team called payments", and as a filter is written: "ProviderName is Google Cloud", "provider = 'AWS'". */
const DIM_WORD_BEFORE = new RegExp(`\\b(${DIMENSION_WORDS.map(([w]) => `(?:${w})`).join('|')})(?:\\s+(?:called\\s+|named\\s+|is\\s+|equals?\\s+(?:to\\s+)?)?|\\s*[=:]\\s*)["'\`]?$`);

export interface ValueMatch {
  filters: Filter[];
  /** Names next to a dimension word that no stored value matched: "the payments team". */
  /** `which`: the question to ask instead, when several accounts' names have the name in them. */
  unknown: Array<{ phrase: string; dimension: string; which?: string }>;
  /** How a name that fits several dimensions equally was read: "compute" as the service category. */
  readings: string[];
  /** Where each name was read, with the dimension word beside it: lists.ts reads "X and Y" from them. */
  named: Named[];
}

/** Readings said per question at most: a long question repeating names needs no more. */
const MAX_READINGS = 3;

/** Whether words i … i+n-1 are a run: untaken, with only untaken punctuation between them. */
function isRun(t: QuestionText, words: Span[], i: number, n: number): boolean {
  for (let k = i; k < i + n; k++) {
    if (!t.isFree(words[k]!)) return false;
    if (k === i) continue;
    const gap = { start: words[k - 1]!.end, end: words[k]!.start };
    if (!t.isFree(gap) || t.hasAlnum(gap)) return false;
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
  const named: Named[] = [];
  // Before names: "billed by AWS" is the issuer AWS, not the provider.
  const issuer = takeIssuer(t, index.issuers, index.providers);
  if (issuer && 'value' in issuer) {
    eq.set('InvoiceIssuerName', new Set([issuer.value]));
    readings.add(issuer.reading);
  }
  // Before names: "our main billing account" is the one account marked the main one.
  const principal = takePrincipalAccount(t, index.billingAccounts, {
    isName: (word) => index.lookup(word).some((c) => c.strength === 3),
    inAccountName: (phrase) => index.accountsWith(phrase).length > 0,
  });
  if (principal && 'filter' in principal && principal.filter.op === 'eq') {
    eq.set(principal.filter.dimension, new Set([principal.filter.value!]));
    readings.add(principal.reading);
  }
  const ours = principal ? null : takeOurBillingAccount(t, index.billingAccounts);
  if (ours) readings.add(ours);
  const words = t.words();
  // A run's key (norm) is its words' keys in a row: only punctuation and blanks lie between them.
  const keys = words.map((w) => norm(w.word));
  let resourceLookups = 0;
  for (let n = 4; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      if (!isRun(t, words, i, n)) continue;
      const span = { start: words[i]!.start, end: words[i + n - 1]!.end };
      let key = keys[i]!;
      for (let k = i + 1; k < i + n; k++) key += keys[k]!;
      let cands = index.lookup(t.text.slice(span.start, span.end), key);
      let phrase = t.text.slice(span.start, span.end);
      // "support-agent tasks": the feature support-agent, though the measure took "agent tasks" and "support" is a team too.
      const longer = cands.length > 0 ? longerName(t, index, span, cands) : null;
      if (longer) {
        if (readings.size < MAX_READINGS)
          readings.add(
            `"${longer.phrase}" read as the ${dimensionName(longer.cands[0]!.dimension)} ${longer.cands[0]!.value}, the whole name, not the ${dimensionName(cands[0]!.dimension)} ${cands[0]!.value}`,
          );
        cands = longer.cands;
        phrase = longer.phrase;
      }
      if (cands.length === 0) {
        const id = n === 1 ? index.idNamed(t.text.slice(span.start, span.end)) : null;
        if (id) {
          t.mark(span);
          // "the checkout-db database", "g5.12xlarge machines": the resource word only describes it.
          const at = t.nextAlnum(span.end);
          const word = RESOURCE_WORD.exec(t.restAfter(at, REACH));
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
      const part = accountPartReading(phrase, chosen);
      if (part && readings.size < MAX_READINGS) readings.add(part);
      const negated = NEGATION.exec(before.text);
      t.mark(span);
      const name: Named = { dimension: chosen[0]!.dimension, values: chosen.map((c) => c.value), start: span.start, end: span.end, phrase, negated: negated !== null };
      // "SageMaker endpoint", "S3 buckets": a resource word after a service only describes it.
      if (hintAfter && (fitsHint(chosen[0]!.dimension, hint) || (hint === 'ResourceId' && /^Service(?:Name|Category)$/.test(chosen[0]!.dimension)))) {
        t.mark({ start: at, end: at + hintAfter[0].length });
        name.end = at + hintAfter[0].length;
      } else if (hintAfter && systemOfTeam(chosen[0]!.dimension, hint, hintAfter[0])) {
        // "the search service", "the checkout app": no service or feature is called that, so it is the team's system.
        t.mark({ start: at, end: at + hintAfter[0].length });
        name.end = at + hintAfter[0].length;
        if (readings.size < MAX_READINGS) readings.add(`"${phrase} ${hintAfter[0].replace(/^the\s+/, '')}" read as the team ${chosen[0]!.value}: no ${dimensionName(hint!)} is called ${phrase}`);
      } else if (hintBefore && fitsHint(chosen[0]!.dimension, hint)) {
        t.mark({ start: before.offset + hintBefore.index, end: before.offset + hintBefore.index + hintBefore[0].length });
        name.start = before.offset + hintBefore.index;
      }
      named.push(name);
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
  const absent = takeAbsentRegionCodes(t);
  if (absent) {
    eq.set('RegionId', new Set([...(eq.get('RegionId') ?? []), ...absent.codes]));
    readings.add(absent.reading);
  }
  const filters: Filter[] = [...eq].map(([dimension, set]) => (set.size === 1 ? { dimension, op: 'eq' as const, value: [...set][0]! } : { dimension, op: 'in' as const, values: [...set] }));
  const unknown = unknownNames(t).map((u) => ({ ...u, which: whichAccount(u.phrase, u.dimension, index) }));
  if (issuer && 'which' in issuer) unknown.unshift({ phrase: 'reseller', dimension: 'InvoiceIssuerName', which: issuer.which });
  if (principal && 'which' in principal) unknown.unshift({ phrase: principal.phrase, dimension: 'BillingAccountName', which: principal.which });
  return { filters: [...filters, ...not], unknown, readings: [...readings], named };
}

/** "service", "app": words people use for a team's system, when no service or feature has the name. */
const systemOfTeam = (dimension: string, hint: string | null, word: string) =>
  dimension === 'team' && (hint === 'ServiceName' || hint === 'feature') && /^(?:the\s+)?(?:services?|apps?|applications?)$/.test(word);

/** Resources looked up by name per question: each reads every stored resource id. */
const MAX_RESOURCE_LOOKUPS = 3;
const RESOURCE_WORDS =
  'bucket|instance|vm|machine|box(?:es)?|server|host|cluster|database|db|table|function|endpoint|distribution|log\\s+group|nat\\s+gateway|service\\s+account|storage\\s+account|dataset';
const RESOURCE_WORD = new RegExp(`^(?:the\\s+)?(?:${RESOURCE_WORDS})s?\\b`);
/** What the untaken text must start with for RESOURCE_WORD to match there: "the", or a resource word's first word. */
const RESOURCE_START = new RegExp(
  `the|${RESOURCE_WORDS.split('|')
    .map((w) => w.split('\\s+')[0])
    .join('|')}`,
  'y',
);
/** "the box i-0search-stg": a resource word just before a resource's own name. */
const RESOURCE_WORD_BEFORE = new RegExp(`\\b(?:${RESOURCE_WORDS})s?\\s+$`);

/**
 * "the data lake bucket": words no other name took, before a resource word, naming one stored
 * resource id. Both are taken and the resource filtered on. True when the ids were looked through.
 */
function takeResource(t: QuestionText, index: ValueIndex, span: Span, eq: Map<string, Set<string>>): boolean {
  const at = t.nextAlnum(span.end);
  // Most runs have no resource word after them: the untaken text there starts with none.
  RESOURCE_START.lastIndex = at;
  if (!RESOURCE_START.test(t.text)) return false;
  const phrase = t.text.slice(span.start, span.end);
  // "on the ranker endpoint": a run starting with a filler or stop word is not a name, and looking it up would use up the lookups.
  const first = phrase.split(/\s+/)[0]!;
  if (isStopWord(first) || !/[a-z]/.test(phrase)) return false;
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
    // "show team spend": a word that only shapes the sentence names nothing; "our billing account" is a kind of account.
    if (word === 'account' && KIND_WORD.test(phrase)) continue;
    if (!skip.test(phrase) && !isFiller(phrase)) out.push({ phrase, dimension: dimensionOfWord(word) ?? word });
  }
  return out;
}
