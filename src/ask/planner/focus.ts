/**
 * FOCUS practitioner words: the billing period an invoice covers ("the September 2024 billing
 * period", "on the October invoice", "billed in October"), FOCUS metrics (contracted cost, consumed
 * and pricing quantity, unit prices, effective savings rate), and filters on commitment discounts,
 * capacity reservations, SKUs, resources, tags and spend with no tags at all. Read before anything
 * else, so "savings plan" or "savings rate" is not taken for a savings recommendation, and "invoice"
 * sets the period basis as well as the metric.
 */
import { takeBilledCurrency } from './billed-currency.ts';
import type { Filter, Metric } from '../../costs/query.ts';
import { attributionOfTagKey } from './tag-keys.ts';
import type { QuestionText } from './text.ts';
import { takeQuantityUnit, takeUnitNamed } from './unit-quantity.ts';
import { readsPerInvoice } from './invoice-totals.ts';
import { takeUnusedClause, takeWasteOn } from './unused-commitments.ts';
import { takeAllocated } from './allocation.ts';
import { takeCommitmentStatusPair } from './commitment-status-pair.ts';

export interface FocusWords {
  metric: Metric | null;
  /** Invoice words name billed cost unless another metric is named. */
  metricHint: Metric | null;
  basis: 'billing' | null;
  /** "by billing period": a monthly trend on the billing basis. */
  byBillingPeriod: boolean;
  /** An invoice named by its id: its amount is the whole invoice, whatever period it covers. */
  invoice: boolean;
  /** "list our May invoices": invoices in the plural, no total asked, are each one's amount. */
  perInvoice: boolean;
  filters: Filter[];
}

/** Before a column word ("by invoice", "per commitment", "biggest invoice"): it names a grouping, not a filter, period or metric. */
export const NOT_AFTER_GROUPING =
  '(?<!\\b(?:by|per|each|every|which|what|all|top|bottom|biggest|largest|highest|priciest|costliest|smallest|lowest|cheapest|most\\s+expensive|least\\s+expensive)\\s+(?:the\\s+)?(?:\\d+\\s+)?)';

const METRICS: Array<[RegExp, Metric]> = [
  [
    /\b(?:effective\s+)?savings\s+rate\s+(?:over|against|vs\.?|versus|relative\s+to|on)\s+(?:the\s+)?contract(?:ed)?(?:\s+(?:cost|prices?|rates?))?\b|\bcontract(?:ed)?\s+savings\s+rate\b/,
    'contracted_savings_rate',
  ],
  [/\b(?:effective\s+)?savings\s+rate\b|\besr\b/, 'effective_savings_rate'],
  [/\b(?:effective\s+)?(?:cost|spend)\s+in\s+(?:the\s+|its\s+)?pricing\s+currenc(?:y|ies)\b|\bpricing[\s-]currency\s+effective\s+cost\b/, 'pricing_currency_effective_cost'],
  [/\bcontracted\s+(?:unit\s+)?(?:prices?|rates?)\b|\bunit\s+contracted\s+prices?\b/, 'contracted_unit_price'],
  [/\blist\s+unit\s+prices?\b|\bunit\s+list\s+prices?\b|\blist\s+(?:price|rate)\s+per\s+unit\b/, 'list_unit_price'],
  [/\b(?:contracted|negotiated)\s+(?:cost|spend)s?\b/, 'contracted_cost'],
  [/\bconsumed\s+quantit(?:y|ies)\b|\bquantit(?:y|ies)\s+consumed\b|\busage\s+quantit(?:y|ies)\b|\bconsumption\s+quantit(?:y|ies)\b/, 'consumed_quantity'],
  // "how many rows per provider", "row count by charge category", "line items missing a tag": the billing
  // rows counted; not "cost per line item" nor "the biggest line items" (rows ranked by cost).
  [
    new RegExp(
      String.raw`${NOT_AFTER_GROUPING}(?<!\b(?:an?|one)\s+)\b(?:count\s+(?:of\s+)?(?:the\s+)?)?(?:(?:cost|billing|usage|export|focus)\s+)?(?:rows|records|line[\s-]items?|row\s+counts?)\b|\bcost\s+lines\b`,
    ),
    'line_items',
  ],
  [/\bpricing\s+quantit(?:y|ies)\b|\bpriced\s+quantit(?:y|ies)\b|\bquantit(?:y|ies)\s+(?:in\s+)?pricing\s+units?\b/, 'pricing_quantity'],
];

const BY_BILLING_PERIOD = /\b(?:by|per|each|every|across|for\s+each)\s+(?:the\s+)?billing\s+periods?\b/;
/** BigQuery's billing export calls the billing period the invoice month ("invoice month 2026-05"). */
const BILLING_PERIOD = /\b(?:billing\s+(?:period|month|cycle)|invoice\s+month)s?\b/;
const INVOICE = new RegExp(`${NOT_AFTER_GROUPING}\\binvoices?\\b(?!\\s*(?:ids?|numbers?|issuers?)\\b)`);
/** "billed in October", "invoiced for Q3": a period follows, not "billed for sub account X". */
const BILLED_IN = /\b(?:billed|invoiced)(?=\s+(?:in|for|during|on)\s+(?:the\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]\b|(?:19|20)\d\d|last|this|previous|prior|current|past))/;

/** Literal ids after the word naming their column; an id holds a digit, '-', ':', '/' or '.'. Pasted in quotes or backticks, the quotes are not the id's. */
const Q = `["'\`]?`;
const LITERAL_IDS: Array<[RegExp, string]> = [
  [new RegExp(`\\bresource\\s+(?:id\\s+)?${Q}(?=[^\\s"'\`]*[\\d:/.-])([^\\s"'\`]+)`), 'ResourceId'],
  [new RegExp(`\\bresource\\s+(?:named|called)\\s+${Q}([^\\s"'\`]+)`), 'ResourceName'],
  [new RegExp(`\\bsku\\s+price\\s+(?:id\\s+)?${Q}(?=[^\\s"'\`]*[\\d.-])([^\\s"'\`]+)`), 'SkuPriceId'],
  [new RegExp(`\\bsku\\s+(?:id\\s+)?${Q}(?=\\S*\\d)([a-z0-9][\\w.-]*)`), 'SkuId'],
  [new RegExp(`\\binvoice\\s+(?:id\\s+|number\\s+)?${Q}(?=\\S*\\d)([a-z0-9][\\w.-]*)`), 'InvoiceId'],
  [new RegExp(`\\bcommitment(?:\\s+discount)?\\s+(?:id\\s+)?${Q}(?=[^\\s"'\`]*[\\d:/-])([^\\s"'\`]+)`), 'CommitmentDiscountId'],
];

/** "committed vs on-demand" (either way round): the two pricing categories side by side, not commitment-covered lines. */
const PRICING_PAIR = /\b(committed|on[\s-]demand)\s+(?:vs\.?|versus|or|against|compared\s+(?:to|with))\s+(committed|on[\s-]demand)\b/;
const PRICING_CATEGORY = (word: string) => (word === 'committed' ? 'Committed' : 'Standard');

/** The pricing categories a "committed vs on-demand" pair names, its two words taken and its "vs" left to set them side by side. */
function takePricingPair(t: QuestionText): Filter | null {
  const m = t.peek(PRICING_PAIR);
  if (!m || PRICING_CATEGORY(m[1]!) === PRICING_CATEGORY(m[2]!)) return null;
  t.mark({ start: m.index, end: m.index + m[1]!.length });
  t.mark({ start: m.index + m[0].length - m[2]!.length, end: m.index + m[0].length });
  return { dimension: 'PricingCategory', op: 'in', values: [PRICING_CATEGORY(m[1]!), PRICING_CATEGORY(m[2]!)] };
}

/** Commitment and capacity-reservation filters, as FOCUS columns; `null` value means "has none". "unused AWS savings plans": a name or two may stand between. */
const FILTERS: Array<[RegExp, Filter]> = [
  [/\bunused\s+capacity\s+reservations?\b/, { dimension: 'CapacityReservationStatus', op: 'eq', value: 'Unused' }],
  [/\b(?:without|no|not\s+on|outside)\s+(?:an?\s+|any\s+)?capacity\s+reservations?\b/, { dimension: 'CapacityReservationId', op: 'eq', value: null }],
  [/\b(?:on|using|with|covered\s+by|under)\s+(?:an?\s+|any\s+)?capacity\s+reservations?\b/, { dimension: 'CapacityReservationId', op: 'not', value: null }],
  [
    /\b(?:unused|wasted)(?=\s+(?:[a-z0-9.-]+\s+){0,2}(?:commitments?|commitment\s+discounts?|savings\s+plans?|reservations?|reserved\s+instances?|ris|cuds?)\b)/,
    { dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Unused' },
  ],
  // "CUD waste", "savings plan waste": what a commitment left unused, not the waste scan's findings.
  [
    /(?<=\b(?:commitments?|commitment\s+discounts?|savings\s+plans?|reservations?|reserved\s+instances?|ris|cuds?)\s+)(?:waste|wastage)\b/,
    { dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Unused' },
  ],
  [/\b(?:covered\s+by|on|under|using|with)\s+(?:an?\s+|any\s+)?savings\s+plans?\b|\bsavings\s+plans?\b/, { dimension: 'CommitmentDiscountType', op: 'contains', value: 'savings plan' }],
  [
    // "unused reservations": a reservation is a commitment, unless it reserves capacity.
    /\b(?:covered\s+by|on|under|using|with)\s+(?:an?\s+|any\s+)?(?:reserved\s+instances?|reservations?|ris?)\b|\breserved\s+instances?\b|\bris?\b|(?<!\bcapacity\s)\breservations?\b(?!\s+(?:ids?|names?|status))/,
    { dimension: 'CommitmentDiscountType', op: 'contains', value: 'reserv' },
  ],
  [/\bcommitted\s+use\s+discounts?\b|\bcuds?\b/, { dimension: 'CommitmentDiscountType', op: 'contains', value: 'committed use' }],
  [
    /(?<!\b(?:versus|vs\.?|against|to|with|off|from|below)\s+(?:the\s+)?)\bon[\s-]demand\b(?!\s+(?:cost|price|pricing|rates?|equivalent)\b)|\b(?:not\s+covered\s+by|without|excluding|except(?:\s+for)?|not\s+counting|other\s+than|apart\s+from|ignoring|leaving\s+out)\s+(?:an?\s+|any\s+|the\s+|our\s+)?commitments?(?:\s+discounts?)?\b(?!\s+(?:purchases?|fees?|charges?|ids?|names?|types?|status(?:es)?)\b)/,
    { dimension: 'CommitmentDiscountId', op: 'eq', value: null },
  ],
  [
    new RegExp(
      `\\b(?:covered\\s+by|under|using|with)\\s+(?:an?\\s+|any\\s+)?commitments?(?:\\s+discounts?)?\\b|\\bcommitment[\\s-]covered\\b|\\bcommitment(?:\\s+discount)?(?:\\s+(?:charges?|fees?)\\b|(?=\\s+purchases?\\b))|${NOT_AFTER_GROUPING}\\bcommitments?(?:\\s+discounts?)?\\b(?!\\s+(?:ids?|names?|types?|status(?:es)?|categor(?:y|ies))\\b)`,
    ),
    { dimension: 'CommitmentDiscountId', op: 'not', value: null },
  ],
  // "what are we locked into": what commitments hold us to; beside "commitment purchases" it says nothing more.
  [/\b(?:locked|tied)\s+in(?:to)?\b/, { dimension: 'CommitmentDiscountId', op: 'not', value: null }],
  [/\b(?:excluding|without|except(?:\s+for)?|not\s+counting|other\s+than)\s+(?:the\s+)?corrections?\b/, { dimension: 'ChargeClass', op: 'not', value: 'Correction' }],
  [/\bcorrections?\b/, { dimension: 'ChargeClass', op: 'eq', value: 'Correction' }],
  [/\brecurring\b/, { dimension: 'ChargeFrequency', op: 'eq', value: 'Recurring' }],
  [/\bone[\s-]time\b/, { dimension: 'ChargeFrequency', op: 'eq', value: 'One-Time' }],
  [/\busage[\s-]based\b/, { dimension: 'ChargeFrequency', op: 'eq', value: 'Usage-Based' }],
  [
    /\b(?:with\s+)?no\s+tags\s+(?:at\s+all|whatsoever)\b|\bwithout\s+any\s+tags?\b|\bnot\s+tagged\s+at\s+all\b|\buntagged\s+(?:at\s+all|by\s+any\s+tag)\b|\bwith\s+no\s+tags\b/,
    { dimension: 'Tags', op: 'eq', value: null },
  ],
];

/**
 * "tag application=foo", "tagged Environment: prod", "where tag env is prod", and as FOCUS writes
 * the column: "Tags Environment = prod", "Tags.Environment = prod", "Tags[Environment] = prod".
 */
const TAG_VALUE = /\b(?:tag(?:s|ged)?|label(?:s|led)?)(?:\s*[.[]\s*|\s+(?:with\s+)?)["'`]?([a-z0-9_:/-][a-z0-9_.:/-]*?)["'`]?\]?\s*(?:=|:|\s+(?:is|of|equal\s+to)\s+)\s*["'`]?([a-z0-9_.:/-]+)["'`]?/;

/** "tagged with Owner", "carries the Owner tag": spend that has a value for the key. */
const TAG_PRESENT = /\b(?:tagged\s+with|carr(?:y|ies|ying)|ha(?:s|ve|ving))\s+(?:the\s+|an?\s+)?["'`]?([a-z0-9_.:/-]+)["'`]?\s+tag\b|\btagged\s+with\s+(?:the\s+|an?\s+)?["'`]?([a-z0-9_.:/-]+)["'`]?/;
/** Asking for the share a coverage filter leaves: "what share of AWS cost is tagged with Owner". */
const SHARE = /\b(?:what|which)\s+(?:share|percent(?:age)?|proportion|fraction|part)\s+of\b|\b(?:share|percent(?:age)?|proportion)\b/;

/** The original spelling of a span: the question text is read lower-cased, ids and tags are not. */
const original = (question: string, m: RegExpExecArray, group: number) => {
  const at = m.index + m[0].indexOf(m[group]!);
  return question.slice(at, at + m[group]!.length);
};

/** A tag key as written, or the attribution dimension it spells ("env" is every spelling of the environment key). */
const tagDimension = (key: string) => attributionOfTagKey(key) ?? `tag:${key}`;

export function takeFocusWords(t: QuestionText, question: string): FocusWords {
  const out: FocusWords = { metric: null, metricHint: null, basis: null, byBillingPeriod: false, invoice: false, perInvoice: false, filters: [] };
  for (const [re, m] of METRICS) {
    if (t.takeOne(re)) {
      out.metric = m;
      break;
    }
  }
  const unit = out.metric ? (out.metric === 'consumed_quantity' ? takeUnitNamed(t) : null) : takeQuantityUnit(t);
  if (unit) [out.metric, out.filters] = [out.metric ?? 'consumed_quantity', [unit]];
  const allocated = takeAllocated(t);
  if (allocated) out.filters.push(allocated);
  const currency = takeBilledCurrency(t);
  if (currency) out.filters.push(currency);
  for (const m of t.take(new RegExp(TAG_VALUE.source, 'g'))) {
    out.filters.push({ dimension: tagDimension(original(question, m, 1)), op: 'eq', value: original(question, m, 2) });
  }
  const present = t.takeOne(TAG_PRESENT);
  if (present) {
    out.filters.push({ dimension: tagDimension(original(question, present, present[1] ? 1 : 2)), op: 'not', value: null });
    t.takeOne(SHARE);
  }
  for (const [re, dimension] of LITERAL_IDS) {
    const m = t.takeOne(re);
    if (!m) continue;
    out.filters.push({ dimension, op: 'eq', value: original(question, m, 1).replace(/[?.,;!]+$/, '') });
    if (dimension === 'InvoiceId') {
      out.invoice = true;
      out.basis = 'billing';
      out.metricHint = 'billed_cost';
    }
  }
  const statusPair = takeCommitmentStatusPair(t);
  if (statusPair) out.filters.push(statusPair);
  const unusedClause = takeUnusedClause(t);
  if (unusedClause) out.filters.push(unusedClause);
  // "which commitments went unused": the status of a capacity reservation when one is named, else of a commitment.
  if (t.takeOne(/\b(?:went|gone|go|goes|are|were|is|was|sat|sit|stayed|remain(?:ed|s)?)\s+unused\b/)) {
    out.filters.push({ dimension: t.text.includes('capacity reservation') ? 'CapacityReservationStatus' : 'CommitmentDiscountStatus', op: 'eq', value: 'Unused' });
  }
  if (!unusedClause && takeWasteOn(t)) out.filters.push({ dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Unused' });
  const pricing = takePricingPair(t);
  if (pricing) out.filters.push(pricing);
  for (const [re, filter] of FILTERS) {
    if (!t.takeOne(re)) continue;
    const same = out.filters.findIndex((f) => f.dimension === filter.dimension);
    const was = out.filters[same];
    // "recurring vs usage-based": two values of one column are both asked for (and set side by side).
    if (was?.op === 'eq' && filter.op === 'eq' && was.value !== null && filter.value !== null && was.value !== filter.value)
      out.filters[same] = { dimension: filter.dimension, op: 'in', values: [was.value, filter.value] };
    // "RI vs savings plans": both parts are kept, and joined over the stored names (contains-pairs.ts).
    else if (!was || (was.op === 'contains' && filter.op === 'contains' && was.value !== filter.value)) out.filters.push(filter);
  }
  if (t.takeOne(BY_BILLING_PERIOD)) {
    out.byBillingPeriod = true;
    out.basis = 'billing';
  }
  if (t.takeOne(BILLING_PERIOD)) out.basis = 'billing';
  const invoice = t.takeOne(INVOICE);
  if (invoice || t.takeOne(BILLED_IN)) {
    out.basis = 'billing';
    out.metricHint = 'billed_cost';
  }
  out.perInvoice = readsPerInvoice(t, invoice?.[0]);
  return out;
}

/** FOCUS column words for groupings ("by invoice", "per SKU price id"), most specific first. */
export const FOCUS_DIMENSION_WORDS: Array<[string, string]> = [
  ['invoice\\s+issuers?|issuers?|resellers?', 'InvoiceIssuerName'],
  ['invoices?(?:\\s+(?:ids?|numbers?))?', 'InvoiceId'],
  // CUR's line item type is the charge category; GCP's SKU description is FOCUS's ChargeDescription
  // (several SKU ids may share one), not the SKU with its description.
  ['line[\\s-]item\\s+types?', 'ChargeCategory'],
  ['charge\\s+descriptions?|sku\\s+descriptions?|line[\\s-]items?|descriptions?', 'ChargeDescription'],
  ['charge\\s+frequenc(?:y|ies)', 'ChargeFrequency'],
  ['charge\\s+class(?:es)?', 'ChargeClass'],
  ['commitment\\s+(?:discount\\s+)?types?', 'CommitmentDiscountType'],
  ['commitment\\s+(?:discount\\s+)?categor(?:y|ies)', 'CommitmentDiscountCategory'],
  ['commitment\\s+(?:discount\\s+)?status(?:es)?', 'CommitmentDiscountStatus'],
  ['commitment\\s+(?:discount\\s+)?names?', 'CommitmentDiscountName'],
  ['commitment\\s+discounts?(?:\\s+ids?)?|commitments?(?:\\s+ids?)?', 'CommitmentDiscountId'],
  ['capacity\\s+reservation\\s+status(?:es)?', 'CapacityReservationStatus'],
  ['capacity\\s+reservations?(?:\\s+ids?)?', 'CapacityReservationId'],
  ['sku\\s+prices?(?:\\s+ids?)?|price\\s+ids?', 'SkuPriceId'],
  // Azure's "meter" is what FOCUS calls SkuMeter (the meter name); the SKU is its own column.
  ['(?:sku\\s+)?meters?', 'SkuMeter'],
  ['pricing\\s+units?', 'PricingUnit'],
  ['consumed\\s+units?|usage\\s+units?|units?\\s+of\\s+measure', 'ConsumedUnit'],
  ['pricing\\s+currenc(?:y|ies)', 'PricingCurrency'],
  ['billing\\s+currenc(?:y|ies)|currenc(?:y|ies)', 'BillingCurrency'],
  ['billing\\s+account\\s+names?', 'BillingAccountName'],
  ['billing\\s+account\\s+types?', 'BillingAccountType'],
  ['sub[\\s-]?account\\s+names?|account\\s+names?|project\\s+names?|subscription\\s+names?', 'SubAccountName'],
  ['resource\\s+names?', 'ResourceName'],
  ['region\\s+names?', 'RegionName'],
  ['service\\s+names?', 'ServiceName'],
  ['publishers?|marketplace\\s+(?:vendors?|sellers?)', 'PublisherName'],
  ['host\\s+providers?', 'HostProviderName'],
  ['subcategor(?:y|ies)', 'ServiceSubcategory'],
  ['(?:cost\\s+)?allocation\\s+(?:methods?|rules?)|allocated\\s+methods?(?:\\s+ids?)?', 'AllocatedMethodId'],
];

/** The unit a quantity or unit price is counted in: quantities of different units never add up. */
const UNIT_OF: Partial<Record<Metric, string>> = {
  consumed_quantity: 'ConsumedUnit',
  pricing_quantity: 'PricingUnit',
  list_unit_price: 'PricingUnit',
  contracted_unit_price: 'PricingUnit',
  pricing_currency_effective_cost: 'PricingCurrency',
};

/** The grouping with the metric's unit added (when it is not already there), and what was assumed. */
export function withUnitGrouping(metric: Metric, groupBy: string[]): { groupBy: string[]; assumption: string | null } {
  const unit = UNIT_OF[metric];
  if (!unit || groupBy.includes(unit) || groupBy.length >= 3) return { groupBy, assumption: null };
  const why = unit === 'PricingCurrency' ? 'pricing currency, as amounts in different currencies' : `${unit === 'ConsumedUnit' ? 'consumed' : 'pricing'} unit, as amounts in different units`;
  return { groupBy: [...groupBy, unit], assumption: `split by ${why} do not add up` };
}
