/**
 * A question as text the planner reads piece by piece: each recogniser takes the phrases it
 * understands, and what nobody took is left over. Left-over words that carry meaning stop the
 * planner from answering, so a question it half understood never gets a confident wrong number.
 */

/** Words that shape a sentence but not the query. */
const FILLER = new Set(
  (
    'a an the of to in on at for from with and or by per as is are was were be been being do does did done have has had ' +
    "what whats what's how much many which who whom whose when where why show me give tell list get please can could would " +
    'you your we our us i my it its this that these those there their them they so far total overall spend spent spending ' +
    'cost costs costing costed pay paid paying bill billed bills charge charges charged money dollars usd amount amounts totals all whole entire ' +
    'company org organisation organization over during about across any some up until til till just only also ever currently ' +
    'now right let see know want need like look break breakdown broken down split grouped group into out one ones number ' +
    'may might should use used using consume consumed consuming burn burns burned burning burnt incur incurs incurred accrue accrues accrued accruing accrual accruals run runs running ran go goes went spends pays uses consumes eat eats ate ' +
    'vs versus compared compare against than then ok hey make made makes send sent sends through together combined applied side altogether looking process processed processes handle handled served serve serving getting becoming become becomes generate generated produce produced lately recently workload workloads thing things stuff $ ' +
    'pls plz thx thanks kindly quick q r u ur damage set back ' +
    // A practitioner's verbs before a query in FOCUS words: "analyze EffectiveCost by ServiceName".
    'analyze analyse analyzing analysing summarize summarise got ' +
    // Chat asides ("tbh", "btw") and where spend "sits" or "lives": nothing the query reads.
    'tbh fwiw btw imo honestly sits sitting lives parked ' +
    // Chat shorthand: "hw much", "wht did", "wat's".
    'hw wht wat wut wot whts wats hv ' +
    // What a newcomer calls a kind of service, as "stuff" and "things": "the monitoring tools".
    'tools tooling ' +
    // What people outside finance call spend: "expenses last month", "how much cash went on AI".
    'expense expenses expenditure expenditures outgoings outlay outlays cash ' +
    // What a team owes in a chargeback is what it cost: "what do they owe".
    'owe owes owed owing'
  ).split(' '),
);

/** Whether a word only shapes the sentence ("the", "us", "spend"). */
export function isFiller(word: string): boolean {
  return FILLER.has(word);
}

/** A lower-case letter or a digit, by character code: tested per character on the planner's hot path. */
const isAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
/** What `\w` matches. */
const isWordChar = (c: number) => isAlnum(c) || (c >= 65 && c <= 90) || c === 95;

const SPACE = 32;
/** Characters copied per String.fromCharCode call: its arguments must fit on the stack. */
const CHUNK = 8192;

export interface Span {
  start: number;
  end: number;
}

export class QuestionText {
  /** Lower-cased, with typographic quotes and dashes made plain. */
  readonly text: string;
  /** The question as typed, where its offsets are the text's (null when lower-casing moved them). */
  readonly original: string | null;
  private readonly taken: Uint8Array;
  /** The text's character codes with taken ones blanked: rest() and its slices are copied from it whole. */
  private readonly restCodes: Uint16Array;
  /** rest(), until the next mark(). */
  private restCache: string | null = null;

  constructor(question: string) {
    this.text = question
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, '-')
      // "non-prod" excludes prod (values.ts reads "not"); same length, so every offset holds.
      // "non-amortized" is a cost measure (billed cost, measure.ts), not an exclusion.
      .replace(/\bnon[\s-](?=[a-z])(?!amorti[sz]ed\b)/g, 'not ')
      // "per-team spend" is spend per team.
      .replace(/\bper-(?=[a-z])/g, 'per ')
      // "checkout's spend": the possessive is not part of the name; blanks keep every offset.
      .replace(/(?<=[a-z0-9])'s\b/g, '  ');
    this.original = question.length === this.text.length ? question : null;
    this.taken = new Uint8Array(this.text.length);
    this.restCodes = new Uint16Array(this.text.length);
    for (let i = 0; i < this.text.length; i++) this.restCodes[i] = this.text.charCodeAt(i);
  }

  /** Whether the word at `pos` was typed with a capital and is not the question's first word ("… in May", not "May I …"). */
  capitalisedAt(pos: number): boolean {
    return this.original !== null && /[A-Z]/.test(this.original[pos] ?? '') && /[a-z0-9]/.test(this.text.slice(0, pos));
  }

  /** The text with taken spans blanked, so later patterns cannot match across them. */
  rest(): string {
    this.restCache ??= this.restSlice(0, this.text.length);
    return this.restCache;
  }

  /** rest() between two offsets, built from that part alone. */
  restSlice(start: number, end: number): string {
    let taken = false;
    for (let i = start; i < end && !taken; i++) taken = this.taken[i] === 1;
    if (!taken) return this.text.slice(start, end);
    let out = '';
    for (let i = start; i < end; i += CHUNK) out += String.fromCharCode.apply(null, this.restCodes.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
    return out;
  }

  /** The rest() of the `reach` characters before `pos`, from a word's start so `\b` reads as in rest(). */
  restBefore(pos: number, reach: number): { text: string; offset: number } {
    let from = Math.max(0, pos - reach);
    while (from > 0 && from < pos && !this.taken[from - 1] && isWordChar(this.text.charCodeAt(from - 1))) from++;
    return { text: this.restSlice(from, pos), offset: from };
  }

  /** The rest() from `pos` on that a pattern starting there (`^…`) needs: up to `reach` characters and the word they end in. */
  restAfter(pos: number, reach: number): string {
    let to = Math.min(this.text.length, pos + reach);
    while (to < this.text.length && !this.taken[to] && isWordChar(this.text.charCodeAt(to))) to++;
    return this.restSlice(pos, to);
  }

  /** Where the next untaken letter or digit at or after `pos` is (the text's length when none is). */
  nextAlnum(pos: number): number {
    let i = pos;
    while (i < this.text.length && (this.taken[i] || !isAlnum(this.text.charCodeAt(i)))) i++;
    return i;
  }

  /** Whether the span's text has a letter or digit in it. */
  hasAlnum(span: Span): boolean {
    for (let i = span.start; i < span.end; i++) if (isAlnum(this.text.charCodeAt(i))) return true;
    return false;
  }

  /** Whether no character of the span is taken. */
  isFree(span: Span): boolean {
    for (let i = span.start; i < span.end; i++) if (this.taken[i]) return false;
    return true;
  }

  /** Every match of `re` (global) in the untaken text; each is taken unless `keep` says no. */
  take(re: RegExp, keep?: (m: RegExpExecArray) => boolean): RegExpExecArray[] {
    const found: RegExpExecArray[] = [];
    const rest = this.rest();
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    let m: RegExpExecArray | null;
    while ((m = g.exec(rest)) !== null) {
      if (m[0] === '') {
        g.lastIndex++;
        continue;
      }
      if (keep && !keep(m)) continue;
      this.mark({ start: m.index, end: m.index + m[0].length });
      found.push(m);
    }
    return found;
  }

  /** The first match of `re`, taken; null when there is none. */
  takeOne(re: RegExp): RegExpExecArray | null {
    const m = new RegExp(re.source, re.flags.replace('g', '')).exec(this.rest());
    if (!m) return null;
    this.mark({ start: m.index, end: m.index + m[0].length });
    return m;
  }

  /** The first match of `re` in the untaken text, not taken. */
  peek(re: RegExp): RegExpExecArray | null {
    return new RegExp(re.source, re.flags.replace('g', '')).exec(this.rest());
  }

  /** A match peek() found, taken once the caller has checked it ("nov 31" is no day): always true. */
  claim(m: RegExpExecArray): true {
    this.mark({ start: m.index, end: m.index + m[0].length });
    return true;
  }

  /** Whether `re` matches the untaken text (nothing is taken). */
  has(re: RegExp): boolean {
    return new RegExp(re.source, re.flags.replace('g', '')).test(this.rest());
  }

  mark(span: Span): void {
    this.restCache = null;
    // A typed array's fill counts a negative start from the end: no span starts before the text.
    const start = Math.max(0, span.start);
    this.taken.fill(1, start, Math.max(start, span.end));
    this.restCodes.fill(SPACE, start, Math.max(start, span.end));
  }

  /** Untaken words with their spans: runs of letters, digits and `-._:/'` inside a word. */
  words(): Array<{ word: string } & Span> {
    const out: Array<{ word: string } & Span> = [];
    const re = /[a-z0-9$][a-z0-9\-._:/'$]*/g;
    const rest = this.rest();
    let m: RegExpExecArray | null;
    while ((m = re.exec(rest)) !== null) {
      const word = m[0].replace(/[.'\-:]+$/, '');
      if (word !== '') out.push({ word, start: m.index, end: m.index + word.length });
    }
    return out;
  }

  /** Untaken words that are not filler, with their spans: what the planner did not understand. */
  leftovers(): Array<{ word: string } & Span> {
    return this.words().filter((w) => !FILLER.has(w.word) && !/^'?s$/.test(w.word));
  }
}
