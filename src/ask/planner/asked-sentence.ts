/**
 * A long message with its question among other sentences: a greeting, why it is asked ("I'm
 * preparing the budget review", "AI is eating our budget"), thanks. Only the asking sentence, and
 * what follows it ("Month by month please."), is read: a context sentence's "budget" is not a
 * budget question, and its words are not the question's. The context is left aside only when
 * nothing in it is needed: when it names a stored value or a period the question lacks, or the
 * question points back at it ("what did they spend?"), the whole message is read as before.
 */
import type { Catalog } from './catalog.ts';
import { isAfterthought, leadIn, type LeadChecks } from './chat-context.ts';
import { planQuestion } from './plan.ts';
import { NOT_A_COST_QUESTION } from './plan-result.ts';
import { QuestionText } from './text.ts';
import { takeTimeWords } from './time.ts';
import { ValueIndex } from './value-index.ts';
import { takeValues } from './values.ts';

/**
 * A sentence that asks: a question mark, or a question's or a request's first words. Not "when",
 * "where", "why" or "who" without a question mark: "When I looked at the dashboard, …" is context.
 */
const ASKS =
  /^(?:(?:hi|hello|hey|so|and|but|ok|okay|anyway)\b[\s,\u2014-]*)?(?:what|what's|whats|how|which|is|are|was|were|did|do|does|can|could|would|will|please|pls|tell|show|give|list|send|compare|i'?d\s+like\s+to\s+(?:know|see)|i\s+would\s+like\s+to\s+(?:know|see)|i\s+(?:want|need)\s+to\s+know)\b/;
/** A greeting before the question in its own sentence: "Hello — I'd like to know …". */
const GREETING = /^(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b(?:\s+(?:all|team|everyone|folks|there))?[\s,!\u2014-]*/i;
/** Thanks and sign-offs after the question. */
const SIGN_OFF = /^(?:thanks?|thank\s+you|thx|ty|cheers|much\s+appreciated|appreciated|best|regards|kind\s+regards)\b[^a-z]*(?:(?:a\s+lot|so\s+much|in\s+advance|all|everyone|team)\b[^a-z]*)?$/;
/** Words that point back at something a context sentence named. */
const POINTS_BACK = /\b(?:they|them|their|theirs|it|its|he|she|him|her|those|these)\b/;

/** The message's sentences: each ends at ".", "!" or "?" before a blank or the end, or at a line break. */
function sentences(message: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i]!;
    const ends = c === '\n' || ((c === '.' || c === '!' || c === '?') && (i + 1 === message.length || /\s/.test(message[i + 1]!)));
    if (!ends) continue;
    const s = message.slice(start, i + 1).trim();
    if (s) out.push(s);
    start = i + 1;
  }
  const last = message.slice(start).trim();
  if (last) out.push(last);
  return out;
}

const asks = (s: string) => s.endsWith('?') || ASKS.test(s.toLowerCase().replace(/\u2019/g, "'"));

/** Whether `context` names a stored value `question` does not name. */
function namesMore(context: string, question: string, catalog: Catalog): boolean {
  const index = ValueIndex.of(catalog);
  const key = (f: { dimension: string }) => JSON.stringify(f);
  const asked = new Set(takeValues(new QuestionText(question), index).filters.map(key));
  return takeValues(new QuestionText(context), index).filters.some((f) => !asked.has(key(f)));
}

const hasTime = (text: string, asOf: string) => takeTimeWords(new QuestionText(text), asOf).time !== null;

export interface AskedPart {
  /** The asking sentence and what follows it, sign-offs left out. */
  question: string;
  /** How it was read, for the answer's how-line. */
  reading: string;
}

/**
 * Longer messages are read whole, as before: a question with its context is a few sentences, and
 * reading the context's names and periods again costs time in proportion to its length.
 */
const MAX_MESSAGE = 2_000;

/** The part of a message of several sentences that asks; null when the whole message is to be read. */
export function askedPart(message: string, catalog: Catalog, asOf: string): AskedPart | null {
  if (message.length > MAX_MESSAGE) return null;
  const all = sentences(message);
  if (all.length < 2) return reasonAside(message, catalog, asOf) ?? chatLeadIn(message, catalog, asOf);
  const first = all.findIndex(asks);
  if (first < 0) return null;
  const tail = all.slice(first + 1);
  // Thanks, and a reason or a feeling said after the question ("feels like it jumped"), are context.
  const aside = tail.map((s) => SIGN_OFF.test(s.toLowerCase()) || isAfterthought(s));
  const kept = tail.filter((_, i) => !aside[i]);
  const greeted = all[first]!.replace(GREETING, '');
  const lead = leadIn(greeted, leadChecks(catalog, asOf));
  if (first === 0 && kept.length === tail.length && !lead) return null;
  const head = lead?.question ?? greeted;
  if (!head) return null;
  const question = [head, ...kept].join(' ');
  const context = [...all.slice(0, first), ...(lead ? [lead.lead] : []), ...tail.filter((_, i) => aside[i])].join(' ');
  if (!standsAlone(question, context, catalog, asOf)) return null;
  return { question, reading: `read the question in "${question.length > 120 ? `${question.slice(0, 117)}…` : question}"; the sentences around it are context` };
}

/** A lead-in is set aside when the planner reads nothing in it and the question stands alone without it. */
function leadChecks(catalog: Catalog, asOf: string): LeadChecks {
  return {
    readsNothing: (lead) => {
      const read = planQuestion(lead, { asOf, catalog });
      return !read.ok && read.message === NOT_A_COST_QUESTION;
    },
    standsAlone: (question, context) => standsAlone(question, context, catalog, asOf),
  };
}

/** A one-sentence message with a lead-in before its question ("hey team, …", "ping @penny — …"). */
function chatLeadIn(message: string, catalog: Catalog, asOf: string): AskedPart | null {
  const greeted = message.replace(GREETING, '');
  const lead = leadIn(greeted, leadChecks(catalog, asOf)) ?? (greeted && greeted !== message ? { lead: message.slice(0, message.length - greeted.length).trim(), question: greeted } : null);
  return lead
    ? { question: lead.question, reading: `read the question in "${lead.question.length > 120 ? `${lead.question.slice(0, 117)}…` : lead.question}"; "${lead.lead}" before it is context` }
    : null;
}

/** Whether the question needs nothing from its context: no word points back, no name or period only the context has. */
function standsAlone(question: string, context: string, catalog: Catalog, asOf: string): boolean {
  if (POINTS_BACK.test(question.toLowerCase()) || namesMore(context, question, catalog)) return false;
  return !(hasTime(context, asOf) && !hasTime(question, asOf));
}

/**
 * Why it is asked, after a comma in the same sentence: "aws spend by region in may, we want to move
 * load to greener regions". Not "we want to know / see …", which goes on asking.
 */
const REASON =
  /,\s*(?:we(?:'re|\s+are)?\s+(?:want|need|plan|trying|try|would\s+like|'d\s+like)\s+to\s+(?!know|see|understand|find|check|compare|get|learn|split|break)|because\b|since\s+we\b|as\s+we(?:'re|\s+are)?\s+(?!well\b)|so\s+(?:that\s+)?we\s+can\b)/i;

/** A one-sentence message whose reason, after a comma, is set aside when the question before it stands alone. */
function reasonAside(message: string, catalog: Catalog, asOf: string): AskedPart | null {
  const m = REASON.exec(message);
  if (!m) return null;
  const question = message.slice(0, m.index).trim();
  const context = message.slice(m.index + 1).trim();
  if (!question || !standsAlone(question, context, catalog, asOf)) return null;
  return {
    question,
    reading: `read the question in "${question.length > 120 ? `${question.slice(0, 117)}…` : question}"; "${context.length > 80 ? `${context.slice(0, 77)}…` : context}" says why it is asked`,
  };
}
