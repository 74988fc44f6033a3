/**
 * Measures derived from two metrics of the same query: savings against list price (list minus
 * effective cost), negotiated savings (list minus contracted cost), billed cost over effective cost, the prompt cache hit rate (cached over all input tokens) and what the cache
 * saved (cached tokens priced as input less as cache reads), LLM calls per task, and input beside output tokens. The planner reads
 * their words here; src/ask/answer/derived.ts runs the second metric and computes the figure.
 */
import type { Metric } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

export type Derived = 'savings' | 'negotiated_savings' | 'cache_hit_rate' | 'cache_savings' | 'calls_per_task' | 'billed_gap' | 'token_kinds';

/** The derived measures given per group too ("savings by provider", "cache hit rate by model", "input vs output tokens by model"). */
export const GROUPED_DERIVED: readonly Derived[] = ['savings', 'cache_hit_rate', 'token_kinds'];

/** Each derived measure: the two metrics it is computed from. */
export const DERIVED: Record<Derived, { of: Metric; against: Metric }> = {
  savings: { of: 'list_cost', against: 'effective_cost' },
  // What negotiated rates save before commitments and credits (FOCUS: list minus contracted cost).
  negotiated_savings: { of: 'list_cost', against: 'contracted_cost' },
  cache_hit_rate: { of: 'cached_tokens', against: 'input_tokens' },
  // Priced per model (src/ask/answer/cache-savings.ts): cached tokens over the calls that read them.
  cache_savings: { of: 'cached_tokens', against: 'requests' },
  // An agent's loop length: LLM calls over the tasks (distinct task ids) of the same scope.
  calls_per_task: { of: 'requests', against: 'tasks' },
  // Billed cost carries a commitment's purchase when it is paid; effective cost spreads it over the usage.
  billed_gap: { of: 'billed_cost', against: 'effective_cost' },
  // Input beside output tokens, a column each (src/ask/answer/token-kinds.ts).
  token_kinds: { of: 'input_tokens', against: 'output_tokens' },
};

const SAVINGS_WORD = /\b(?:savings?|saved|save|saving|discounts?|discounted)\b/;
/** List price named as what a saving is measured from: "vs list", "off list price", "on-demand rates", "on-demand list price". */
export const LIST_PRICE =
  /\b(?:(?:versus|vs\.?|against|compared\s+(?:to|with)|relative\s+to|off|from|below|on)\s+(?:the\s+)?(?:list|on[\s-]demand|public)(?:[\s-]+list)?(?:[\s-]+(?:prices?|pricing|costs?|rates?))?|(?:list|on[\s-]demand|public)(?:[\s-]+list)?[\s-]+(?:prices?|pricing|costs?|rates?))\b/;
/** "how much did prompt caching save us", "savings from the cache", "cache savings". */
export const CACHE_SAVINGS =
  /\b(?:prompt\s+)?cach(?:e|ing)\s+(?:savings?|saved?|saves|saving)(?:\s+(?:us|we|me))?\b|\b(?:savings?|saved?|saving)\s+(?:(?:us|we|me)\s+)?(?:from|by|with|through|thanks\s+to|on)\s+(?:the\s+|our\s+)?(?:prompt\s+)?(?:cache|caching)\b/;
/** "llm calls per task", "how many calls does one support agent task take": calls over tasks. */
const CALLS = String.raw`(?:(?:llm|model|api|ai)\s+)?(?:calls|requests)`;
const TASK = String.raw`(?:agent\s+)?(?:task|run|ticket|conversation)`;
const CALLS_PER_TASK = new RegExp(
  String.raw`\b(?:(?:average|avg|mean)\s+)?(?:number\s+of\s+)?${CALLS}\s+(?:per|an?|each|for\s+each)\s+${TASK}\b|\bhow\s+many\s+${CALLS}\s+(?:does|do|did|would)\s+(?:an?|one|each|every|the\s+average)\b(?=(?:\s+[a-z0-9][a-z0-9._-]*){0,2}\s+${TASK}\s+(?:take|make|need|use|run)\b)`,
);
/** The rest of "on average, how many calls does one support agent task take", once the name between was read. */
export const TASK_TAKES = new RegExp(String.raw`\bon\s+average\b|\b${TASK}\s+(?:take|make|need|use|run)\b`);
/** "cache hit rate"; and a developer's yes-or-no, "is caching on", "are we using the cache": how much input it served. */
const CACHE_RATE =
  /\b(?:(?:prompt\s+)?cache\s+(?:hit\s+)?(?:rate|ratio)|cache\s+hits?)\b|\b(?:is|was)\s+(?:the\s+)?(?:prompt\s+)?(?:caching|cache)\s+(?:on|enabled|working|used|in\s+use)\b|\b(?:are|do|did)\s+we\s+(?:using|use|hitting|hit)\s+(?:the\s+|any\s+)?(?:prompt\s+)?(?:caching|cache)\b/;

/**
 * "how big a discount do we get", "our total discounts", "discount we received": a discount is
 * measured from list price even when the question does not say so (FOCUS: list minus effective).
 */
const DISCOUNT_ASKED =
  /\b(?:how\s+(?:big|large|much)\s+(?:(?:of\s+)?an?\s+)?|what\s+(?:kind\s+of\s+)?|total\s+|our\s+|overall\s+)discounts?\b(?:\s+(?:do|did|does|have|has|had)\s+(?:we|i|you)\s+(?:get|got|gotten|receive|received|have|had|see|seen))?|\bdiscounts?\s+(?:we|i)\s+(?:get|got|receive|received)\b/;

/**
 * "how much did we save", "what did discounts save us", "saving from discounts", "our total savings": money saved, with no
 * measure named, is measured from list price too. "Could we save" is a recommendation (outlook.ts).
 */
export const SAVED_ASKED =
  /\bhow\s+much\s+(?:money\s+)?(?:did|have|has|had)\s+(?:we|i|you)\s+(?:actually\s+)?sav(?:e|ed)\b|\b(?:sav(?:e|ed|es|ing)|savings?)\s+(?:(?:us|we)\s+)?(?:from|with|through|by|via|thanks\s+to)\s+(?:the\s+|our\s+)?discounts?\b|\bdiscounts?\s+(?:save|saved)\b|\b(?:our|total|overall)\s+savings\b(?!\s+(?:plans?|opportunit(?:y|ies)|recommendations?)\b)/;

/** "how far below list price was our effective cost": the distance under list is the saving. */
const BELOW_LIST = /\bhow\s+(?:far|much)\s+(?:below|under|beneath)\s+(?:the\s+)?(?:list|on[\s-]demand|public)(?:[\s-]+(?:prices?|pricing|costs?|rates?))?\b/;
/** The cost a saving is measured against (list minus effective), when the question names it. */
const MEASURED_AGAINST = /\beffective\s+(?:cost|spend|prices?)\b/;

/**
 * "billed vs effective cost", "difference between billed and effective", "how much higher was our
 * billed cost than effective cost", "how far apart are billed and effective cost": the two side by side and their gap. A name may stand before
 * "billed" ("our GCP billed cost"), so the opening words are taken apart from the pair.
 */
const BILLED_EFFECTIVE =
  /\bbilled(?:\s+cost)?\s+(?:and|than|vs\.?|versus|minus|over|compared\s+(?:to|with))\s+(?:the\s+|our\s+)?effective(?:\s+cost)?\b|\beffective(?:\s+cost)?\s+(?:and|vs\.?|versus|compared\s+(?:to|with))\s+(?:the\s+|our\s+)?billed(?:\s+cost)?\b/;
/**
 * "list cost vs effective cost", "effective and list cost by provider", "delta between list and
 * amortized": both side by side, with the saving between them ("difference between" is GAP_OPENING).
 */
const AMORTIZED = String.raw`(?:effective|amorti[sz]ed|actual)(?:\s+cost)?`;
const LIST = String.raw`list(?:\s+(?:cost|prices?))?`;
const PAIRED = String.raw`\s+(?:and|vs\.?|versus|compared\s+(?:to|with))\s+(?:the\s+|our\s+)?`;
const LIST_EFFECTIVE = new RegExp(String.raw`\b${LIST}${PAIRED}${AMORTIZED}\b|\b${AMORTIZED}${PAIRED}${LIST}\b`);
const GAP_OPENING =
  /\b(?:how\s+much\s+)?(?:higher|more|greater|bigger|lower|less)\s+(?:was|is|were|are)\b|\b(?:difference|diff|gap|delta|variance)\s+between\b|\bhow\s+far\s+apart\s+(?:was|is|were|are)\b/;

/** Billed against effective cost, its words taken; read before time words, which take "higher" for a rise. */
export function takeBilledGap(t: QuestionText): boolean {
  if (!t.takeOne(BILLED_EFFECTIVE)) return false;
  t.takeOne(GAP_OPENING);
  return true;
}

/**
 * "our negotiated discount", "our contract discount", "what are our negotiated rates saving us vs
 * list": the contract's saving, list minus contracted cost, not list minus effective (which adds
 * commitments and credits).
 */
const NEGOTIATED_SAVINGS = /\b(?:negotiated|contract(?:ed|ual)?)\s+(?:discounts?|savings?)\b/;
const NEGOTIATED_RATES = /\b(?:negotiated|contract(?:ed|ual)?)\s+(?:rates?|prices?|pricing|deals?)\b/;

/**
 * "input vs output tokens by model", "input and output tokens side by side", "output vs input
 * tokens": both kinds, a column each. Said summed ("input + output", "combined") they are the
 * total (token-sum.ts).
 */
const KIND_WORD = String.raw`(input|prompt|output|completion)`;
const TOKEN_KINDS = new RegExp(
  String.raw`\b${KIND_WORD}(?:\s+tokens?)?\s+(?:vs\.?|versus|and|/|compared\s+(?:to|with)|against)\s+${KIND_WORD}\s+tokens?\b(?!\s+(?:combined|together|summed|in\s+total)\b)`,
);
const SIDE_BY_SIDE = /\b(?:side\s+by\s+side|each|separately)\b/;
const isInput = (word: string) => word === 'input' || word === 'prompt';

/** Input beside output tokens, their words taken; false when the question does not set the two kinds side by side. */
function takeTokenKinds(t: QuestionText): boolean {
  const m = t.peek(TOKEN_KINDS);
  if (!m || isInput(m[1]!) === isInput(m[2]!)) return false;
  t.mark({ start: m.index, end: m.index + m[0].length });
  t.takeOne(SIDE_BY_SIDE);
  return true;
}

/** What is left of "savings from commitments" once focus.ts took the commitment words as a filter. */
const SAVED_BY = /\b(?:savings?|saved?|saving)(?:\s+(?:from|with|on|through|by|via|thanks\s+to|under))?\b/;

/**
 * The derived measure the question asks for, its words taken; null when it asks for none.
 * `committed`: the question filters on commitments, so a saving is the one they gave.
 */
export function takeDerived(t: QuestionText, committed = false): Derived | null {
  if (committed && t.takeOne(SAVED_BY)) {
    // "save us vs on-demand": the covered usage at list price is what it would have cost on demand.
    t.takeOne(LIST_PRICE);
    return 'savings';
  }
  if (t.takeOne(NEGOTIATED_SAVINGS) || (t.has(SAVINGS_WORD) && t.takeOne(NEGOTIATED_RATES))) {
    t.takeOne(SAVINGS_WORD);
    t.takeOne(LIST_PRICE);
    return 'negotiated_savings';
  }
  if (t.takeOne(LIST_EFFECTIVE)) {
    t.takeOne(GAP_OPENING);
    return 'savings';
  }
  if (takeTokenKinds(t)) return 'token_kinds';
  if (t.takeOne(CACHE_RATE)) return 'cache_hit_rate';
  if (t.takeOne(CACHE_SAVINGS)) return 'cache_savings';
  if (t.takeOne(CALLS_PER_TASK)) return 'calls_per_task';
  if (t.takeOne(BELOW_LIST)) {
    t.takeOne(MEASURED_AGAINST);
    return 'savings';
  }
  if (t.has(SAVINGS_WORD) && t.has(LIST_PRICE)) {
    t.takeOne(DISCOUNT_ASKED) ?? t.takeOne(SAVINGS_WORD);
    t.takeOne(LIST_PRICE);
    return 'savings';
  }
  if (t.takeOne(DISCOUNT_ASKED) || t.takeOne(SAVED_ASKED)) return 'savings';
  return null;
}
