/**
 * The index of a catalog's stored values: a normalised phrase → the values it may name, with how
 * strongly ("EC2" → Amazon Elastic Compute Cloud by nickname, "4o" → gpt-4o by one word of it).
 * Built once per catalog; values.ts reads a question's names against it.
 */
import { NOT_NAMES, TEAM_TAG_KEYS, type Catalog } from './catalog.ts';
import { billingAccountsOf, type BillingAccount } from './principal-account.ts';
import { GENERIC, NICKNAMES, SERVICE_WORDS, STOP_WORDS, VENDOR_PREFIX, VENDORS } from './value-words.ts';

/** "team-payments", "payments_team", "Team Payments": a team's name with the word team in it. */
export const TEAM_AFFIX = /^team[-_ :]+([a-z0-9].*)$|^(.*[a-z0-9])[-_ ]+team$/;
/** Where a catalog's teams come from: said when a team was named by part of its name. */
function teamTagsSaid(catalog: Catalog): string {
  const keys = catalog.get(TEAM_TAG_KEYS);
  if (!keys) return 'the value of its team tag, or else of its owner tag';
  return `the value of its ${keys.length < 2 ? keys.join('') : `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`} tag`;
}
/** A vendor glued to the name after it, as AWS service codes write them ("AmazonEC2", "AWSLambda"). */
const GLUED_VENDOR = /^(AWS|Amazon|Azure|Microsoft|Google|GCP)(?=[A-Z0-9][a-z0-9]|[A-Z0-9]{2})/;
const AGENT_WORDS = ['agent', 'bot', 'chatbot', 'assistant', 'copilot'];
const AGENT = new RegExp(`^([a-z0-9]+(?:[-_ ][a-z0-9]+)*)[-_ ](?:${AGENT_WORDS.join('|')})$`);
export const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
/** Three words or more: the fewest a charge description is named by. */
const THREE_WORDS = /\S\s+\S+\s+\S/;
/** A phrase's words without their endings ("ingestion", "ingested" → "ingest"): only words of five letters or more lose one. */
const stemOf = (w: string) => (w.length >= 5 ? w.replace(/(?:ations?|ions?|ed|ings?|es|s)$/, '') : w);
const stemsOf = (s: string) => wordsOf(s).map(stemOf).join(' ');
/** A phrase's first word, as wordsOf reads it. */
const FIRST_WORD = /[a-z0-9.]+/;
export const wordsOf = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);

export interface Candidate {
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
    if (index.expanded.size + index.resourceCache.size + index.found.size > MAX_CACHED) {
      index.expanded.clear();
      index.resourceCache.clear();
      index.found.clear();
    }
    return index;
  }

  private readonly byPhrase = new Map<string, Candidate[]>();
  /** The words of stored names two words long or more: only these can spell a longer name (compound-names.ts). */
  readonly compoundWords = new Set<string>();
  /** Which tags teams come from, in words (teamTagsSaid). */
  readonly teamTags: string;
  /** containing() per nickname expansion: it reads every stored value. */
  private readonly expanded = new Map<string, Candidate[]>();
  /** lookup() per phrase that names something: a long question names the same few values again and again. */
  private readonly found = new Map<string, Candidate[]>();

  /** Resource ids with their words, matched only beside a resource word (resourceNamed). */
  private readonly resources: Array<{ value: string; words: string }> = [];
  /** SKU ids, lower-cased: named whole ("g5.12xlarge"), never by a word of one. */
  private readonly skus = new Map<string, string>();
  /** Resource ids by their own name, the id's last part ("checkout-db" of …:db:checkout-db). */
  private readonly resourceNames = new Map<string, string[]>();
  /** Resource ids whole, lower-cased and without a leading '/': an ARN or an Azure id pasted as it is. */
  private readonly resourceIds = new Map<string, string>();
  private readonly resourceCache = new Map<string, string | null>();
  /** Charge descriptions by their words' stems (stemsOf): named in another form of the same words. */
  private readonly descriptionStems = new Map<string, Candidate[]>();
  /** Their first stems: most phrases looked up start with none of them, and are not stemmed whole. */
  private readonly descriptionFirsts = new Set<string>();

  /** Who invoiced the charges, and the providers: read by issuers.ts beside an invoicing word only. */
  readonly issuers: readonly string[];
  readonly providers: readonly string[];
  /** The billing accounts with their cloud and type: read by principal-account.ts beside a word for the main one. */
  readonly billingAccounts: readonly BillingAccount[];

  constructor(catalog: Catalog) {
    this.teamTags = teamTagsSaid(catalog);
    this.issuers = catalog.get('InvoiceIssuerName') ?? [];
    this.providers = catalog.get('provider') ?? [];
    this.billingAccounts = billingAccountsOf(catalog);
    for (const [dimension, values] of catalog) {
      if (NOT_NAMES.includes(dimension)) continue;
      // A charge description is a sentence: named by three words or more of it, all of them in order.
      if (dimension === 'ChargeDescription') {
        for (const value of values) {
          if (wordsOf(value).length < 3) continue;
          this.add(norm(value), { dimension, value, strength: 3 });
          // "log data ingestion" is "Log data ingested": the same words in another form, all of them in order.
          const stems = stemsOf(value);
          this.descriptionStems.set(stems, [...(this.descriptionStems.get(stems) ?? []), { dimension, value, strength: 2 }]);
          this.descriptionFirsts.add(stems.split(' ')[0]!);
        }
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
          this.resourceIds.set(value.toLowerCase().replace(/^\/+/, ''), value);
          const name = value.toLowerCase().split(/[:/]/).at(-1)!;
          this.resourceNames.set(name, [...(this.resourceNames.get(name) ?? []), value]);
        }
        continue;
      }
      for (const value of values) {
        this.add(norm(value), { dimension, value, strength: 3 });
        // AWS exports' service codes glue the vendor on: "AWSLambda" is read as "AWS Lambda".
        const named = dimension === 'ServiceName' ? value.replace(GLUED_VENDOR, '$1 ') : value;
        // "Amazon CloudWatch" is "cloudwatch", but "Google Cloud" is not "cloud".
        const stripped = named.toLowerCase().replace(VENDOR_PREFIX, '');
        if (dimension === 'ServiceName' && stripped !== named.toLowerCase() && !GENERIC.test(stripped)) this.add(norm(stripped), { dimension, value, strength: 2 });
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
        if (dimension === 'ServiceName') for (const w of wordsOf(named)) if (w.length >= 5 && !SERVICE_WORDS.has(w)) this.add(w, { dimension, value, strength: 1, family: true });
        // "the support bot", "the support assistant": a feature named for an agent, by another word for one.
        const agent = dimension === 'feature' ? AGENT.exec(value.toLowerCase()) : null;
        if (agent) for (const w of AGENT_WORDS) this.add(norm(`${agent[1]} ${w}`), { dimension, value, strength: 2 });
        if (dimension === 'model' || dimension === 'feature' || dimension === 'customer') {
          // gpt-4o-2024-08-06 → "4o"; claude-sonnet-4-5 → "sonnet"; query-rewrite → "rewrite"; acme-corp → "acme".
          value
            .toLowerCase()
            .split(/[-_/\s]+/)
            .forEach((w, i) => {
              // A customer by its first word only: "corp" of acme-corp names no one company.
              if (dimension === 'customer' && i > 0) return;
              if (w.length >= (dimension === 'model' ? 2 : 4) && !/^\d+$/.test(w)) this.add(norm(w), { dimension, value, strength: 1, family: i === 0 });
            });
        }
      }
    }
    // After the names themselves: a run that is a whole name keeps its exact match.
    for (const dimension of ['SubAccountName', 'BillingAccountName']) this.addAccountWords(dimension, catalog.get(dimension) ?? []);
    // "the bot", "our chatbot": the one feature named for an agent, when there is only one to mean ("agent" alone is a task's word).
    const agents = (catalog.get('feature') ?? []).filter((v) => AGENT.test(v.toLowerCase()));
    if (agents.length === 1) for (const w of AGENT_WORDS) if (w !== 'agent') this.add(w, { dimension: 'feature', value: agents[0]!, strength: 2 });
  }

  /**
   * "the legacy stuff", "the master payer account": an account by a word of its name no other
   * account of its dimension has ("northwind-legacy", not "northwind"), or by a run of its words
   * with such a word in it ("master payer" of ExampleCorp Master Payer, not "payer").
   */
  private addAccountWords(dimension: string, names: readonly string[]): void {
    const split = names.map((value) => ({
      value,
      all: value
        .toLowerCase()
        .split(/[-_\s]+/)
        .filter(Boolean),
    }));
    const named = (w: string) => w.length >= 4 && !/^\d+$/.test(w) && !STOP_WORDS.has(w);
    const seen = new Map<string, number>();
    for (const { all } of split) for (const w of new Set(all.filter(named))) seen.set(w, (seen.get(w) ?? 0) + 1);
    for (const { value, all } of split) {
      all.forEach((w, i) => {
        if (!named(w) || seen.get(w) !== 1) return;
        // The runs of up to four words (as many as values.ts looks up) around the one word.
        for (let from = Math.max(0, i - 3); from <= i; from++)
          for (let to = i + 1; to <= Math.min(all.length, from + 4); to++) this.add(norm(all.slice(from, to).join(' ')), { dimension, value, strength: 1 });
      });
    }
  }

  /** The account names (sub or billing accounts') with every word of `phrase` among their words. */
  accountsWith(phrase: string): Candidate[] {
    return this.withWords(phrase, (dimension) => dimension === 'SubAccountName' || dimension === 'BillingAccountName');
  }

  private add(key: string, c: Candidate): void {
    if (key === '') return;
    if (c.strength === 3) {
      const words = wordsOf(c.value);
      if (words.length > 1) for (const w of words) this.compoundWords.add(w);
    }
    const list = this.byPhrase.get(key) ?? [];
    if (!list.some((x) => x.dimension === c.dimension && x.value === c.value)) list.push(c);
    this.byPhrase.set(key, list);
  }

  /** Candidates for a phrase: its own form first, then what its nickname expands to. `key` is norm(phrase), when known. */
  lookup(phrase: string, key = norm(phrase)): Candidate[] {
    const nicknames = NICKNAMES[key];
    const all = this.byPhrase.get(key) ?? this.byStems(phrase) ?? [];
    // Most runs of a question's words name nothing.
    if (all.length === 0 && !nicknames) return all;
    const known = this.found.get(phrase);
    if (known) return known;
    // "us-east-1" is AWS's region, not Google's us-east1 too: a value typed as stored wins over
    // values of its dimension that are only spelt the same once punctuation is dropped.
    const typed = phrase.toLowerCase();
    const exact = new Set(all.filter((c) => c.value.toLowerCase() === typed).map((c) => c.dimension));
    const direct = exact.size > 0 ? all.filter((c) => !exact.has(c.dimension) || c.value.toLowerCase() === typed) : all;
    const found = nicknames ? [...direct, ...nicknames.flatMap((n) => this.containing(n))] : direct;
    this.found.set(phrase, found);
    return found;
  }

  /** Charge descriptions whose words' stems are the phrase's, in order (three words or more). */
  private byStems(phrase: string): Candidate[] | undefined {
    if (this.descriptionFirsts.size === 0 || !THREE_WORDS.test(phrase)) return undefined;
    const first = FIRST_WORD.exec(phrase.toLowerCase())?.[0];
    return first && this.descriptionFirsts.has(stemOf(first)) ? this.descriptionStems.get(stemsOf(phrase)) : undefined;
  }

  /** The one value that a dimension word's dimension holds with `phrase` among its words ("prod account" → northwind-prod). */
  within(phrase: string, hint: string): Candidate[] {
    const key = `${hint}|${wordsOf(phrase).join(' ')}`;
    const known = this.expanded.get(key);
    if (known) return known;
    const out = this.withWords(phrase, (dimension) => fitsHint(dimension, hint));
    const one = out.length === 1 ? out : [];
    this.expanded.set(key, one);
    return one;
  }

  /** Stored values of the dimensions `fits` keeps with `phrase`'s words in a row among their words. */
  private withWords(phrase: string, fits: (dimension: string) => boolean): Candidate[] {
    const needle = ` ${wordsOf(phrase).join(' ')} `;
    const out: Candidate[] = [];
    for (const list of this.byPhrase.values()) {
      for (const c of list) if (c.strength === 3 && fits(c.dimension) && ` ${wordsOf(c.value).join(' ')} `.includes(needle) && !out.some((o) => o.value === c.value)) out.push(c);
    }
    return out;
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
   * A word that reads as an id (a '-', '_', '.' or digit in it) naming one stored resource whole
   * or by its own name ("checkout-db"), or one SKU whole ("g5.12xlarge"); null otherwise.
   */
  idNamed(word: string): { dimension: 'ResourceId' | 'SkuId'; value: string } | null {
    if (!/[-_.\d]/.test(word) || !/[a-z]/.test(word)) return null;
    const whole = this.resourceIds.get(word);
    if (whole) return { dimension: 'ResourceId', value: whole };
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
export const fitsHint = (dimension: string, hint: string | null) =>
  dimension === hint ||
  (hint === 'SubAccountId' && (dimension === 'SubAccountName' || dimension === 'BillingAccountName')) ||
  (hint === 'BillingAccountId' && dimension === 'BillingAccountName') ||
  (hint === 'ServiceName' && dimension === 'ServiceCategory');
