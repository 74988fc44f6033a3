/**
 * Words that say why or how a question is asked, not what it asks: the occasion ("for the
 * month-end close", "for the board deck", "showback by team"), a judgement asked yes or no ("is
 * staging expensive?": the amount is what it is judged by) and, after names listed, "separately" (a list
 * is answered a row per name already, lists.ts). Taken so they do not stop the planner; nothing else is read
 * from them.
 */
import type { Named } from './lists.ts';
import type { QuestionText } from './text.ts';

/** "month-end close", "for the close", "for the books", "for finance", "for the board (deck)", "for the CFO". */
const OCCASION =
  /\b(?:for\s+(?:the\s+|our\s+)?)?(?:month|quarter|year)[\s-]*end\s+close\b|\bfor\s+(?:the\s+|our\s+)?(?:close|books|finance(?:\s+team)?|cfo|board(?:\s+(?:deck|meeting|review))?|(?:qbr|mbr)(?:\s+deck)?)\b/;

/**
 * Who the numbers are for: "for the CEO report", "for the exec summary", "for leadership", "for my
 * report" ending a clause ("for the report builder" names a feature). Taken before names are read,
 * so "report" is not read as a name it starts (a "report-builder" feature).
 */
const AUDIENCE =
  /\bfor\s+(?:the\s+|our\s+|my\s+)?(?:(?:ceo|cto|coo|vp|execs?|executives?|leadership|management|investors?)(?:'s)?(?:\s+(?:report|deck|update|summary|review|meeting|slides|memo|email|pack))?|(?:monthly\s+|weekly\s+|quarterly\s+)?(?:report|deck|slides|memo|summary|update)(?=\s*(?:[?.!,;:]|$))|(?:monthly\s+|weekly\s+|quarterly\s+)?(?:report|deck|slides|memo|summary|update)\s+(?:for|to)\s+(?:the\s+)?(?:ceo|cto|coo|cfo|board|execs?|executives?|leadership|management|investors?))\b/;

/**
 * "an amortized cost report by account", "spend summary for Q3": the form the numbers are asked in,
 * a document word after a money word. Taken before names are read, so "report" is not read as a
 * word of a stored name (a "report-builder" feature); "report cost" before a money word is the name.
 */
const REPORT_NOUN = /(?<=\b(?:cost|costs|spend|spending|billing|usage|showback|chargeback|expense|expenses)\s+)(?:report|summary|overview|rundown|snapshot)s?\b/;

/**
 * A question relayed from someone else, at the start of a clause: "my boss wants to know …",
 * "finance is asking what …", "the CFO asked me to find out …". Who asks is no part of what is
 * asked; "how much does finance want to spend" is no relay (no clause starts at "finance").
 */
const RELAYED =
  /(?:^|[,.;:!?]\s*|\s-\s*)(?:(?:my|our|the)\s+(?:boss|manager|director|vp|cfo|ceo|cto|coo|skip(?:[\s-]level)?|execs?|leadership|finance(?:\s+team)?|accounting)|finance(?:\s+team)?|leadership|accounting|(?:the\s+)?(?:cfo|ceo|cto|vp))\s+(?:wants|would\s+like|needs|asked|asks|is\s+asking|are\s+asking|was\s+asking|is\s+wondering|wanted)(?:\s+(?:me\s+|us\s+)?to\s+(?:know|see|find\s+out|check|get))?(?:\s+(?:for|about))?\b/;

/** Takes who the numbers are for, who asked for them, and the document they are asked as; before names and periods are read. */
export function takeAudience(t: QuestionText): void {
  t.takeOne(RELAYED);
  t.takeOne(AUDIENCE);
  t.takeOne(REPORT_NOUN);
}

/** "showback by team", "for chargeback": how the numbers will be used, not what they are. */
const REPORT = /\b(?:for\s+(?:the\s+|our\s+)?)?(?:showback|chargeback)(?:\s+(?:report|view|numbers))?\b/;

/** "is staging expensive?", "are we paying a lot for S3?"; not "more expensive", a change or a comparison read elsewhere. */
const JUDGEMENT = /(?<!\b(?:more|less|most|least|too|getting)\s)\b(?:expensive|pricey|costly|a\s+lot)\b/;
const YES_NO = /^\W*(?:is|are|was|were|isn'?t|aren'?t)\b/;

/** "…, separately", "each on its own", "individually", "one by one", "broken out". */
const SEPARATELY = /\b(?:separately|individually|each\s+on\s+(?:its|their)\s+own|one\s+by\s+one|broken\s+out|itemi[sz]ed)\b/;

/** Takes the occasion words, and "separately" when two names of one kind were read (a list). */
export function takeAsides(t: QuestionText, named: Named[]): void {
  t.takeOne(OCCASION);
  t.takeOne(REPORT);
  if (YES_NO.test(t.text)) t.takeOne(JUDGEMENT);
  const kinds = named.filter((n) => !n.negated).map((n) => n.dimension);
  if (kinds.some((d, i) => kinds.indexOf(d) !== i)) t.takeOne(SEPARATELY);
}
