/**
 * What a Slack message says around its question: a lead-in before it ("hey penny 👋 quick one
 * before standup —", "hi! finance here 👋", "ping @penny —", "yo —") and a sentence after it that
 * says why it is asked or how it feels ("trying to figure out if the migration landed", "feels like
 * it jumped", "need it for the board deck", "it looks huge", "looks spiky"). Neither is part of the query; a
 * lead-in is set aside only when it carries nothing the planner reads (asked-sentence.ts then checks
 * that the question needs nothing from it).
 */
import { dimensionOfWord } from './grouping.ts';
import { COST_WORDS } from './question-words.ts';

/**
 * A sentence after the question that gives its reason or a feeling about the number: it opens with
 * who is doing what ("trying to", "prepping", "need it for") or how it looks ("feels like", "it
 * looks huge", "seems high"), or it only waves at everything ("RIs, SPs, CUDs, all of it").
 */
const AFTERTHOUGHT = new RegExp(
  [
    String.raw`^(?:(?:i['\u2019]?m|we['\u2019]?re|i\s+am|we\s+are|just)\s+)?(?:trying\s+to|prepping|preparing|putting\s+together|working\s+on|asking\s+(?:for|because|since)|wondering|curious|double[\s-]checking|sanity[\s-]checking)\b`,
    String.raw`^(?:it\s+|this\s+|that\s+)?(?:feels?|felt|looks?|looked|seems?|seemed)\s+(?:like|huge|high|big|off|wrong|weird|odd|low|crazy|expensive)\b`,
    // "looks spiky", "seems a bit elevated": how the number looks, in a word of its own sentence.
    String.raw`^(?:it\s+|this\s+|that\s+)?(?:feels?|felt|looks?|looked|seems?|seemed)\s+(?:(?:a\s+bit|a\s+little|kinda|kind\s+of|pretty|really|very|super|way|too|so|quite|rather)\s+)?[a-z]+\W*$`,
    String.raw`^(?:i\s+|we\s+)?need(?:ed)?\s+(?:it|this|that|the\s+number)\s+for\b`,
    String.raw`(?:^|,\s?)all\s+of\s+(?:it|them)\W*$`,
  ].join('|'),
  'i',
);

/** Whether a sentence after the question is an afterthought, not more of the question. */
export function isAfterthought(sentence: string): boolean {
  return AFTERTHOUGHT.test(sentence.trim());
}

/** The longest lead-in read, in characters. */
const MAX_LEAD = 100;

/** Where a lead-in may end: a dash, a colon, a comma, or an emoji (with the blanks around it); not a colon inside an id ("arn:aws:rds:…"). */
const LEAD_END = /(?:\s?(?:[\u2014\u2013,]|:(?!\S)|-(?=\s)|\p{Extended_Pictographic}\uFE0F?))+\s?/gu;

/** Words a lead-in must not hold: what the question reads besides names and periods. */
const MEANT =
  /\b(?:ai|llm|cloud|not|no|just|only|except|excluding|without|ignore|but|by|per|each|every|top|bottom|split|breakdown|trend|daily|weekly|monthly|average|avg|share|percent|vs|versus|and|or)\b|%|\d/i;

/** A greeting, Penny addressed or pinged, and the chat around it: all said before a question. */
const SALUTATION = /^(?:hi|hello|hey|yo|morning|good\s+(?:morning|afternoon|evening)|ping|@?penny|team|all|folks|everyone|there)\b/i;

/** Whether `lead` says nothing the planner reads (names and periods are checked by the caller). */
function saysNothing(lead: string): boolean {
  if (MEANT.test(lead) || COST_WORDS.test(lead.toLowerCase())) return false;
  const words = lead.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  return words.every((w) => SALUTATION.test(w) || dimensionOfWord(w) === null);
}

/** What asked-sentence.ts checks of a lead-in found: that the planner reads nothing in it, and that the question needs nothing from it. */
export interface LeadChecks {
  /** The planner reads nothing in the lead-in ("egress —", "GPU:" are read, so they are kept). */
  readsNothing(lead: string): boolean;
  standsAlone(question: string, context: string): boolean;
}

/** The sentence's lead-in and the question after it, the longest lead-in that says nothing; null when there is none. */
export function leadIn(sentence: string, checks: LeadChecks): { lead: string; question: string } | null {
  let found: { lead: string; question: string } | null = null;
  for (const m of sentence.matchAll(LEAD_END)) {
    // A lead-in is a few words: reading longer ones again at each comma would grow with the square of the message.
    if (m.index > MAX_LEAD) break;
    const lead = sentence.slice(0, m.index).trim();
    const question = sentence.slice(m.index + m[0].length).trim();
    if (!lead) continue;
    if (!saysNothing(lead)) break;
    if (question && /[a-z$]/i.test(question)) found = { lead, question };
  }
  return found && checks.readsNothing(found.lead) && checks.standsAlone(found.question, found.lead) ? found : null;
}
