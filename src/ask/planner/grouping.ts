/**
 * Dimension words ("team", "services", "sub-account", "the env tag") and the phrases that group
 * or rank by them: "by team", "per model", "top 5 services", "which feature", "cheapest regions".
 */
import { FOCUS_DIMENSION_WORDS } from './focus.ts';
import { isFiller, type QuestionText } from './text.ts';
import { numberWord } from './date-words.ts';
import { attributionOfTagKey } from './tag-keys.ts';
import { CLOUD_MAKERS, PRINCIPAL } from './principal-account.ts';

/** Dimension words, most specific first; each pattern matches singular and plural. */
export const DIMENSION_WORDS: Array<[string, string]> = [
  ...FOCUS_DIMENSION_WORDS,
  ['service\\s+sub[\\s-]?categor(?:y|ies)', 'ServiceSubcategory'],
  ['service\\s+categor(?:y|ies)|categor(?:y|ies)', 'ServiceCategory'],
  // "the top 3 cost drivers" are the services that cost most.
  // CUR's product code is the service ("AmazonEC2").
  ['cloud\\s+services?|services?|products?\\s+(?:line|family|codes?)|(?:cost\\s+)?drivers?', 'ServiceName'],
  ['teams?|squads?|owners?|spenders?', 'team'],
  ['features?|use[\\s-]cases?|products?|apps?|applications?', 'feature'],
  // "by LLM spend" is AI spend, not a breakdown by model.
  ['llms?(?!\\s+(?:spend|spending|costs?|usage|calls|bills?)\\b)|models?', 'model'],
  ['customers?|tenants?|clients?', 'customer'],
  ['environments?|envs?|stages?', 'environment'],
  ['cost[\\s-]cent(?:er|re)s?', 'cost_center'],
  ['providers?|vendors?|suppliers?|clouds?', 'provider'],
  ['regions?|locations?', 'RegionId'],
  ['availability\\s+zones?|azs?|zones?', 'AvailabilityZone'],
  // OCI's tenancy is its billing account, a compartment its sub account.
  ['billing\\s+accounts?(?:\\s+ids?)?|tenanc(?:y|ies)', 'BillingAccountId'],
  ['(?:sub[\\s-]?accounts?|(?:linked|member)\\s+accounts?|accounts?|projects?|subscriptions?|subs|compartments?)(?:\\s+ids?)?', 'SubAccountId'],
  ['resource[\\s-]?groups?', 'ResourceGroup'],
  ['resource\\s+types?|instance\\s+types?', 'ResourceType'],
  ['resources?|resource\\s+ids?|instances?|machines?|vms?|box(?:es)?|servers?|hosts?|buckets?|clusters?|functions?|endpoints?|tables?|distributions?|log\\s+groups?|logs', 'ResourceId'],
  ['skus?', 'SkuId'],
  ['charge\\s+categor(?:y|ies)|charge\\s+types?', 'ChargeCategory'],
  ['pricing\\s+categor(?:y|ies)|pricing\\s+models?', 'PricingCategory'],
  // "calls by status": how an LLM call ended, null where its source records none.
  ['(?:call\\s+)?status(?:es)?', 'call_status'],
];

const DIM = `(${DIMENSION_WORDS.map(([w]) => `(?:${w})`).join('|')})`;
// A key before "tag" is read from its word's start only: trying it from inside every word of a
// long dotted name would cost the square of the name's length.
const TAG = `(?:(?:tag|label)\\s+["'\`]?([a-z0-9_.:/-]+)["'\`]?|["'\`]?(?<![a-z0-9_][a-z0-9_.:/-]*?)([a-z0-9_.:/-]+)["'\`]?\\s+(?:tag|label))`;
// "by cost center tag": a dimension word of several words before "tag" is that dimension ("project tag" is a key, TAG).
const KEY = `(?:${TAG}|${DIM}\\b(?:\\s+(?:tags?|labels?)\\b)?)`;
const COUNT = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)';
/** Ranking words, most first and least first: "priciest", "top spending", "least costly". */
const MOST = 'most\\s+(?:expensive|costly)|costliest|priciest|biggest|largest|highest|top|(?:top|highest|biggest)[\\s-]+(?:spending|costing)';
const LEAST = 'cheapest|least\\s+(?:expensive|costly)|smallest|lowest|bottom';
const ASC = new RegExp(`^(?:${LEAST})$`);

/**
 * "Our main Google Cloud billing account": "cloud" ends the name of the cloud whose principal
 * account is asked for (principal-account.ts), not the dataset word; "by Google Cloud billing
 * account" keeps the qualifier, which lets "by" reach the dimension word.
 */
const NOT_AFTER_MAKER = `(?<!\\b(?:${PRINCIPAL})\\s(?:${CLOUD_MAKERS})\\s)`;

const WHOLE_WORDS = DIMENSION_WORDS.map(([w, d]) => [new RegExp(`^(?:${w})$`), d] as const);
/** dimensionOfWord per word: a long question names the same few dimension words again and again. */
const named = new Map<string, string | null>();
const MAX_NAMED = 1000;

/** The dimension a dimension word names, or null. */
export function dimensionOfWord(word: string): string | null {
  const key = word.trim().replace(/\s+/g, ' ');
  let d = named.get(key);
  if (d === undefined) {
    d = WHOLE_WORDS.find(([re]) => re.test(key))?.[1] ?? null;
    if (named.size >= MAX_NAMED) named.clear();
    named.set(key, d);
  }
  return d;
}

/**
 * The tag dimension or named dimension a KEY match (tag key groups then the DIM group) names. "The
 * environment tag" is the environment attribution, which ingest reads from every spelling of that
 * key (Environment, env); grouping by the one raw key would leave the others untagged.
 */
function keyOf(m: RegExpExecArray, at: number, t: QuestionText): string | null {
  const tag = m[at] ?? m[at + 1];
  // A tag key as typed ("BusinessUnit"): stored keys are matched to it without regard to case, but
  // of two that differ only in case the one typed is meant (stored-tag-keys.ts).
  const from = m.index + m[0].lastIndexOf(tag ?? '');
  if (tag) return attributionOfTagKey(tag) ?? `tag:${t.original?.slice(from, from + tag.length) ?? tag}`;
  return m[at + 2] ? dimensionOfWord(m[at + 2]!) : null;
}

export interface Grouping {
  groupBy: string[];
  limit?: number;
  direction: 'desc' | 'asc';
  /** "which team spent the most": the answer names the top group. */
  ranking: boolean;
  /** "by cloud provider": the dataset the dimension word was qualified with. */
  dataset?: 'cloud' | 'ai';
  /** "the most expensive", "top 5", "the least" said, whether or not a dimension word said what of. */
  superlative?: string;
}

/** Ranking phrases read per question with a name between: enough for a sentence, linear on a pasted page. */
const MAX_RANKED_NAMED = 3;

/**
 * "which GCP services", "the most expensive AWS service", "each AWS account": the ranking or grouping words and the dimension word
 * are taken, the name between them is left for the value filters (values.ts).
 */
function takeRankedNamed(t: QuestionText, add: (d: string | null) => void, out: Grouping): void {
  const re = new RegExp(
    `\\b(?:(?:top\\s+)?(?<before>${COUNT.slice(1, -1)})\\s+)?(?<lead>which|each|every|per|by|${MOST}|${LEAST})\\s+(?:(?<after>${COUNT.slice(1, -1)})\\s+)?(?<name>[a-z0-9][\\w.-]*)\\s+(?<dim>${DIM.slice(1, -1)})\\b`,
    'd',
  );
  for (let i = 0; i < MAX_RANKED_NAMED; i++) {
    const m = t.peek(re);
    const at = m?.indices?.groups;
    // "by pricing currency" is one dimension word, not a name before one.
    if (!m || !at || new RegExp(`^${DIM}$`).test(`${m.groups!.name} ${m.groups!.dim}`)) return;
    t.mark({ start: m.index, end: at.name![0] });
    t.mark({ start: at.dim![0], end: at.dim![1] });
    const { lead, dim } = m.groups as { lead: string; dim: string };
    const count = m.groups!.before ?? m.groups!.after;
    add(dimensionOfWord(dim));
    // "each AWS account" is a breakdown; "which", "top" and the like rank it.
    if (/^(?:each|every|per|by)$/.test(lead)) continue;
    out.ranking = true;
    if (lead !== 'which') {
      out.limit = count ? (numberWord(count) ?? 5) : 5;
      out.direction = ASC.test(lead) ? 'asc' : 'desc';
    } else if (count) out.limit = numberWord(count) ?? undefined;
  }
}

const WHICH_OF_NAMED = new RegExp(`\\b(?:which|what)\\s+of\\s+(?:the\\s+|our\\s+)?(?<name>[a-z0-9][\\w.-]*(?:\\s+[a-z0-9][\\w.-]*)?)\\s+(?<dim>${DIM.slice(1, -1)})\\b`, 'd');

/** "which of the data team's resources": a ranking of the dimension word's values; the name between is left for the value filters. */
function takeWhichOfNamed(t: QuestionText, add: (d: string | null) => void, out: Grouping): void {
  const m = t.peek(WHICH_OF_NAMED);
  const at = m?.indices?.groups;
  if (!m || !at || new RegExp(`^${DIM}$`).test(m.groups!.name!)) return;
  t.mark({ start: m.index, end: at.name![0] });
  t.mark({ start: at.dim![0], end: at.dim![1] });
  add(dimensionOfWord(m.groups!.dim!));
  out.ranking = true;
}

/**
 * `isName`: whether a phrase names a stored value, so "Cloud Functions" (Google's service) is a
 * name for values.ts, not the dataset word "cloud" qualifying the dimension word "functions".
 */
export function takeGrouping(t: QuestionText, isName: (phrase: string) => boolean = () => false): Grouping {
  const out: Grouping = { groupBy: [], direction: 'desc', ranking: false };
  // "which cloud provider", "top AI features": the dataset word qualifies the dimension word; in
  // "our main Google Cloud billing account" "cloud" ends the provider's name (principal-account.ts).
  const q = t.peek(new RegExp(`${NOT_AFTER_MAKER}\\b(cloud|ai|llm|gen\\s*ai)\\s+(?=${DIM}\\b)(?!services?\\b)`));
  const qualified = q && !isName(`${q[1]} ${q[2]}`) ? q : null;
  if (qualified) {
    t.mark({ start: qualified.index, end: qualified.index + qualified[0].length });
    out.dataset = qualified[1] === 'cloud' ? 'cloud' : 'ai';
  }
  const afterQualified = qualified ? qualified.index + qualified[0].length : -1;
  const add = (d: string | null) => {
    if (d && !out.groupBy.includes(d) && out.groupBy.length < 3) out.groupBy.push(d);
  };
  // "3 most expensive services": the count before the ranking word.
  const counted = t.takeOne(new RegExp(`\\b(?:top\\s+)?${COUNT}\\s+(${MOST}|${LEAST})\\s+${KEY}`));
  if (counted) {
    out.limit = numberWord(counted[1]!) ?? 5;
    out.direction = ASC.test(counted[2]!) ? 'asc' : 'desc';
    out.ranking = true;
    add(keyOf(counted, 3, t));
  }
  const top = counted ? null : t.takeOne(new RegExp(`\\b(${MOST}|${LEAST})[\\s-]+(?:${COUNT}\\s+)?(?:(?:${MOST}|spending|costing)\\s+)?${KEY}`));
  if (top) {
    const n = top[2] ? numberWord(top[2]) : null;
    out.limit = n ?? 5;
    out.direction = ASC.test(top[1]!) ? 'asc' : 'desc';
    out.ranking = true;
    add(keyOf(top, 3, t));
  }
  // "all teams except ml": the exclusion is a filter (values.ts), the dimension word says nothing more.
  t.takeOne(new RegExp(`\\ball\\s+(?:the\\s+|our\\s+)?${DIM}\\b(?=\\s+(?:except|excluding|but|other\\s+than|apart\\s+from)\\b)`));
  // "the cost for all LLM features" is their total, not a breakdown; "across all providers" breaks
  // down by them, unless a total is asked for ("the total across all providers").
  const across = t.has(/\b(?:total|overall|combined|altogether)\b/) ? '|across' : '';
  for (const m of t.take(new RegExp(`\\b(?:for|of|on|in|from${across})\\s+all\\s+(?:the\\s+|our\\s+)?(?:(cloud|ai|llm)\\s+)?${DIM}\\b`))) if (m[1]) out.dataset = m[1] === 'cloud' ? 'cloud' : 'ai';
  // "segmented by environment", "sliced by team": a cost report's words for a breakdown.
  const by = new RegExp(
    `\\b(?:(?:broken\\s+down|split|grouped|break\\s*down|breakdown|mix|ranked|sorted|segment(?:ed)?|sliced?|bucketed|aggregated)\\s+)?(?:by|per|for\\s+each|for\\s+every|each|every|across|all)\\s+(?:the\\s+)?(?:(cloud|ai|llm)\\s+)?${KEY}\\b(?!\\s+(?:except|excluding|but|other\\s+than|apart\\s+from)\\b)(?:\\s*(?:,|and|&|then)\\s*(?:by\\s+)?${KEY})?(?:\\s*(?:,|and|&|then)\\s*(?:by\\s+)?${KEY})?`,
  );
  for (const m of t.take(by)) {
    if (m[1]) out.dataset = m[1] === 'cloud' ? 'cloud' : 'ai';
    add(keyOf(m, 2, t));
    add(keyOf(m, 5, t));
    add(keyOf(m, 8, t));
  }
  takeWhichOfNamed(t, add, out);
  // "which is the team that spends most", "what is the region where we spend most": "which team", in another language's order.
  for (const m of t.take(new RegExp(`\\b(?:which|what)\\s+(?:is|are|was|were)\\s+the\\s+${KEY}(?=\\s+(?:that|which|who|where|with)\\b)`))) {
    add(keyOf(m, 1, t));
    out.ranking = true;
  }
  for (const m of t.take(new RegExp(`\\b(?:which|what)\\s+(?:of\\s+(?:our|the|all)\\s+)?(?:${COUNT}\\s+)?${KEY}`))) {
    if (m[1]) out.limit = numberWord(m[1]) ?? undefined;
    add(keyOf(m, 2, t));
    out.ranking = true;
  }
  takeRankedNamed(t, add, out);
  // "which customer drove the most spend": a ranking; "what's driving EC2 costs" asks why, and is left.
  t.takeOne(/\b(?:drove|drives|drive)\b(?=\s+(?:the\s+)?(?:most|least|biggest|largest|highest)\b)/);
  // "who spends the most", "who owns the most spend": people are answered by team (the Owner tag's too).
  if (
    out.groupBy.length === 0 &&
    t.takeOne(
      /\bwho(?:'s|\s+is|\s+are)?\b(?=\s+(?:spen[dt]|spending|uses?|used|using|costs?|burn|burns|is\s+spending|the\s+biggest|the\s+top))|\bwho\s+owns\b(?=\s+(?:the\s+)?(?:most|biggest|largest|highest|top)\b)/,
    )
  ) {
    add('team');
    out.ranking = true;
  }
  // "list our invoices" asks for every one of them, not a top 5.
  for (const m of t.take(new RegExp(`\\b(rank|ranking|order|sort|list)\\s+(?:the\\s+|our\\s+|all\\s+)?${KEY}`))) {
    add(keyOf(m, 2, t));
    if (m[1] !== 'list') out.ranking = true;
  }
  for (const m of t.take(new RegExp(`\\b${KEY}\\s+(?:breakdown|ranking|ranked|leaderboard|split|mix|by\\s+(?:cost|spend|spending))\\b`))) add(keyOf(m, 1, t));
  // "spent the least", "the most expensive"; "at least" is not a ranking.
  const most = t.takeOne(/\b(?<!at\s)(?:the\s+)?(?:most|least|highest)(?:\s+(?:expensive|costly|pricey))?\b/);
  if (most?.[0].includes('least')) out.direction = 'asc';
  const least = t.takeOne(new RegExp(`\\b(?:the\\s+)?(?:${LEAST})\\b`));
  if (least) out.direction = 'asc';
  const biggest = least ? null : t.takeOne(/\b(?:the\s+)?(?:priciest|costliest|biggest|largest)\b/);
  const n = t.takeOne(new RegExp(`\\btop\\s+${COUNT}\\b`));
  if (n) out.limit = numberWord(n[1]!) ?? undefined;
  // "top costs", "top expenses": a ranking of what the money goes on (ranked-thing.ts).
  const topCosts = n ? null : t.takeOne(/\btop(?=\s+(?:costs?|expenses|spend|spending)\b)/);
  const said = most ?? least ?? biggest ?? n ?? topCosts;
  if (said) out.superlative = said[0].trim();
  // "rank the top 3 services": the ranking is already read.
  if (out.groupBy.length > 0) t.takeOne(/\b(?:rank|sort|order)\b/);
  // "what did customers cost, by customer": a dimension word already grouped by says nothing more.
  // "the search team's LLM features cost": a qualified dimension word nothing grouped by names them all.
  const noun = afterQualified >= 0 ? new RegExp(`^${DIM}\\b`).exec(t.restAfter(afterQualified, 40)) : null;
  if (noun && !out.groupBy.includes(dimensionOfWord(noun[1]!) ?? '')) t.mark({ start: afterQualified, end: afterQualified + noun[0].length });
  // "cloud" is left for the dataset (measure.ts); "in pricing currency" says what amounts are in, not a group.
  t.take(new RegExp(`\\b${DIM}\\b`), (m) => !/^clouds?$|currenc/.test(m[0]) && out.groupBy.includes(dimensionOfWord(m[1]!) ?? ''));
  return out;
}

/** The refusal of a ranking with nothing to rank: "our most expensive prompts". */
export function rankedNothing(said: string): string {
  return `I read "${said}" as a ranking, but not of what: I rank teams, features, models, providers, customers, services, accounts, regions, resources or days. Say which, e.g. "top 3 models last week".`;
}

/**
 * "show team spend", "model costs last week": a dimension word no name took (read after values.ts),
 * right before a cost word, asks for the spend of each. Null when there is none.
 */
export function takeBareDimension(t: QuestionText): string | null {
  // "cloud spend", "LLM costs" name a dataset, not a breakdown by provider or model.
  const m = t.peek(new RegExp(`\\b${DIM}\\s+(?=(?:spend|spending|costs?|bills?)\\b)`));
  if (!m || /^(?:clouds?|llms?)$/.test(m[1]!)) return null;
  // Only after a word that shapes the sentence: in "the growth team spend", "growth" (read as a
  // change by time.ts) was a name, and the team unknown.
  const before = /([a-z0-9']+)\W*$/.exec(t.text.slice(Math.max(0, m.index - 40), m.index))?.[1];
  if (before !== undefined && !isFiller(before)) return null;
  t.mark({ start: m.index, end: m.index + m[0].length });
  return dimensionOfWord(m[1]!);
}
