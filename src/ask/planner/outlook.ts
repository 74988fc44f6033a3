/**
 * Questions about what lies ahead or what is wrong, rather than a cost lookup: forecasts, budgets,
 * waste and anomalies. They are answered from the budget scan's forecast and the stored findings
 * (src/ask/answer/outlook.ts), not by a CostQuery; this file only tells them apart, and reads which slice
 * of spend they name in the budgets' scope vocabulary.
 */
import type { Filter } from '../../costs/query.ts';
import { scopeKeyOf } from '../../schema/dimensions.ts';
import { budgetAsk, type BudgetAsk } from './budget-ask.ts';
import type { Catalog } from './catalog.ts';
import { closedMonthOf, type ClosedMonth } from './closed-month.ts';
import { CACHE_SAVINGS, LIST_PRICE, SAVED_ASKED } from './derived.ts';
import { takeFocusWords } from './focus.ts';
import { asksWhatSpendsBudget } from './made-of.ts';
import { QuestionText } from './text.ts';
import { ValueIndex } from './value-index.ts';
import { takeValues } from './values.ts';
import { unmeasuredSavings } from './unmeasured-savings.ts';
import { ownBasisRefusal } from './own-basis.ts';
import { otherPeriodRefusal } from './forecast-period.ts';
import { WASTE_KIND_WORDS, wasteKindOf } from './waste-kinds.ts';
import { ANNUAL, annualFromPeriod } from './annualized.ts';
import { monthlyFromPeriod } from './monthly-run-rate.ts';

export type OutlookKind = 'budget' | 'forecast' | 'waste' | 'anomaly';

const KINDS: Array<[RegExp, OutlookKind]> = [
  [/\b(?:budgets?|over\s+plan|on\s+track)\b/, 'budget'],
  [
    /\b(?:forecast(?:s|ed|ing)?|predict(?:ion|ed|s)?|project(?:ed|ion|ions)|(?<!\b(?:daily|average)\s+)run[\s-]?rate(?!\s+(?:per|a)\s+day)|will\s+(?:we|it|i|they|the)|going\s+to\s+(?:spend|cost|be)|expect(?:ed)?\s+to\s+(?:spend|cost)|end\s+of\s+(?:the\s+)?month|(?:land|end\s+up)\s+(?:at|on))\b/,
    'forecast',
  ],
  [/\b(?:anomal(?:y|ies|ous)|unusual|unexpected)\b/, 'anomaly'],
  [/\b(?:wast(?:e|ed|es|ing|eful)|idle|unused|underused|under-?utili[sz]ed|savings?|save|saving|optimi[sz](?:e|ation|ations)|cut\s+costs?|reduce\s+(?:costs?|spend))\b/, 'waste'],
  [WASTE_KIND_WORDS, 'waste'],
];

/** "Savings versus list price", discounts, money already saved, savings from commitments and from the prompt cache are cost questions (derived.ts), not waste. */
const PRICE_SAVINGS = new RegExp(`${LIST_PRICE.source}|\\bdiscount|${SAVED_ASKED.source}`);
const COMMITMENTS = String.raw`(?:commitments?|commitment\s+discounts?|reservations?|reserved\s+instances?|savings\s+plans?|ris?|cuds?|committed\s+use(?:\s+discounts?)?)`;
/** "savings from reservations", and the commitment said first: "RI savings", "how much did reserved instances save us". */
const COMMITMENT_SAVINGS = new RegExp(
  String.raw`\b(?:savings?|saved?|saving)(?:\s+[a-z']+){0,4}?\s+(?:from|with|on|through|by|via|thanks\s+to|under)\s+(?:our\s+|the\s+|any\s+)?${COMMITMENTS}\b|\b${COMMITMENTS}\s+(?:(?:have|has|had|did|do|does)\s+)?(?:savings?|saved?|saves|saving)\b`,
);

/** Beyond this month: the forecast covers the current month only. */
const BEYOND_MONTH = /\bnext\s+(?:week|month|quarter|year)\b|\bend\s+of\s+(?:the\s+)?(?:quarter|year)\b|\bthis\s+(?:quarter|year)\b/;

/**
 * The kind of outlook question in what `t` has left, or null when it is a cost lookup for the
 * planner. Take FOCUS words first: "savings plans", "savings rate" and "unused commitments" are
 * costs, not waste.
 */
export function outlookKind(t: QuestionText): OutlookKind | null {
  const lower = t.rest();
  for (const [re, kind] of KINDS) {
    if (!re.test(lower) || (kind === 'budget' && asksWhatSpendsBudget(lower))) continue;
    if (kind === 'waste' && (PRICE_SAVINGS.test(lower) || COMMITMENT_SAVINGS.test(t.text) || CACHE_SAVINGS.test(lower))) return null;
    return kind;
  }
  return null;
}

/** The scope named by a question's value filters; null when one cannot be a scope (an exclusion, a list). */
export function scopeOfFilters(filters: Filter[]): Record<string, string> | null {
  const scope: Record<string, string> = {};
  for (const f of filters) {
    const key = scopeKeyOf(f.dimension);
    if (!key || f.op !== 'eq' || f.value === null) return null;
    scope[key] = f.value;
  }
  return scope;
}

/**
 * `closedMonth`: a budget question about a month already over, answered from its spend; `ask`:
 * what a budget question asks of the budget (its standing, what is left, the amount); `waste`: the
 * kind of waste asked for (waste-kinds.ts), all of it when absent.
 */
export type OutlookReading =
  | { kind: OutlookKind; scope: Record<string, string>; closedMonth?: ClosedMonth; ask?: BudgetAsk; waste?: { types: string[]; label: string } }
  | { kind: OutlookKind; refusal: string };

/** An outlook question's kind and the slice of spend it names; null for a cost lookup. */
export function readOutlook(question: string, catalog: Catalog, asOf?: string): OutlookReading | null {
  const t = new QuestionText(question);
  takeFocusWords(t, question);
  const kind = outlookKind(t);
  if (!kind) return null;
  const unmeasured = kind === 'waste' ? unmeasuredSavings(question) : null;
  if (unmeasured) return { kind, refusal: unmeasured };
  // A year's figure is never the month's forecast; scaled from a period already spent, it is a cost lookup (annualized.ts), as a month's is (monthly-run-rate.ts).
  if (kind === 'forecast' && (annualFromPeriod(t.text) || monthlyFromPeriod(t.text))) return null;
  if (kind === 'forecast' && ANNUAL.test(t.text)) {
    return {
      kind,
      refusal:
        'I forecast the current month only, from its spend to date, and give no annualized figure; ask for the spend of the period you would scale (e.g. "spend in October"), or "what is the forecast for this month?".',
    };
  }
  const ownBasis = kind === 'forecast' || kind === 'budget' ? ownBasisRefusal(t.text) : null;
  if (ownBasis) return { kind, refusal: ownBasis };
  const closedMonth = kind === 'budget' && asOf ? closedMonthOf(question, asOf) : null;
  const otherPeriod = (kind === 'forecast' || kind === 'budget') && asOf && !closedMonth ? otherPeriodRefusal(question, asOf) : null;
  if (otherPeriod) return { kind, refusal: otherPeriod };
  if ((kind === 'forecast' || kind === 'budget') && BEYOND_MONTH.test(t.text)) {
    return { kind, refusal: 'Budgets are monthly and I forecast the current month only, from its spend to date; ask "what is the forecast for this month?" or "will we go over budget?".' };
  }
  const values = takeValues(t, ValueIndex.of(catalog));
  const unknown = values.unknown[0];
  if (unknown) return { kind, refusal: `I found no ${unknown.dimension} called "${unknown.phrase.slice(0, 80)}" in the data.` };
  const scope = scopeOfFilters(values.filters);
  if (!scope) return { kind, refusal: 'Forecasts, budgets and findings are kept per team, feature, service, provider or account; name one of each at most, without exclusions.' };
  const ask = kind === 'budget' ? budgetAsk(question) : 'status';
  const waste = kind === 'waste' ? wasteKindOf(t.text) : null;
  return { kind, scope, ...(closedMonth ? { closedMonth } : {}), ...(ask !== 'status' ? { ask } : {}), ...(waste ? { waste } : {}) };
}
