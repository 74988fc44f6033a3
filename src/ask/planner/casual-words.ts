/**
 * How people chat in Slack, in words the planner reads: "team-wise" is by team, "cost-wise" says
 * nothing, and hedges ("roughly", "ballpark"), "these days", "pay anything" and a total that "comes
 * to" or "adds up to" shape the sentence without changing the query; a change "since last month"
 * or "up on last week" is a comparison with that period, as "vs last month"; "Q4 to date" is "Q4 so
 * far". Each is rewritten in place, to the same length, so every offset into the question (and its
 * capitals) still holds.
 */
import { dimensionOfWord } from './grouping.ts';
import { spellChatShorthand } from './chat-shorthand.ts';
import { withoutDeniedBasis } from './denied-basis.ts';

/** A word before "-wise": a dimension word ("team-wise") or a money word ("cost-wise"). */
const WISE = /\b([a-z]+)[\s-]wise\b/gi;
const MONEY = /^(?:cost|costs|money|spend|spending|price|pricing|budget|dollar|dollars)$/i;

/** Words that hedge or only carry the sentence: blanked. */
const SHAPING = new RegExp(
  [
    // Hedges: the number asked is the same.
    String.raw`\b(?:roughly|approximately|approx\.?|ballpark(?:\s+figure)?|give\s+or\s+take)(?=\W|$)`,
    // "these days", "nowadays": no period said, read as the default one (and said).
    String.raw`\b(?:these\s+days|nowadays|of\s+late)\b`,
    // "do we pay anything for …", "did we spend something on …"; "anything above 10k" is a threshold's (threshold.ts).
    String.raw`(?<=\b(?:pay|pays|paying|paid|spend|spending|spent|owe|owing)\s{1,3})(?:anything|something)\b`,
    // "anything running in us-west-1?", "is there anything in eu-west-1": whether there is spend is its total.
    String.raw`\b(?:is\s+there\s+|are\s+we\s+)?anything(?=\s+(?:running|deployed|live|left|still|billed|charged|in|on)\b)`,
    // "what did the azure bill come to", "how much does it add up to", "what has AI totalled".
    // Not "add to the report" nor "amount to date": a total's "to" has no object after it.
    String.raw`\b(?:come|comes|came|add|adds|added|amount|amounts|amounted)\s+(?:up\s+)?to\b(?!\s+(?:the|a|an|our|my|their|your|it|us|me|date)\b)`,
    String.raw`\btotall?ed\b`,
    // "what did we fork out for GCP", "shelled out on AI": paying, said casually.
    String.raw`\b(?:fork|shell)(?:s|ed|ing)?\s+out\b`,
    // "where is most of our money going": where it goes is what it is spent on (ranked-thing.ts).
    String.raw`(?<=\b(?:money|spend|spending|budget|cash)\s+)going(?=\W*$)`,
    // "the AI part of october", "the ml part of the bill": the slice itself, asked with no share word;
    // "on its own", "by itself" add nothing to one name ("each on its own" is a list's, asides.ts).
    String.raw`(?<=\bthe\s+[a-z0-9][\w.-]*(?:\s+[a-z0-9][\w.-]*)?\s+)part(?=\s+of\b)`,
    String.raw`(?<!\beach\s+)\bon\s+(?:its|their)\s+own\b|\bby\s+itself\b`,
    // "what does X cost us per task", "costing me a day": who pays says nothing before a unit or a rate.
    String.raw`(?<=\b(?:cost|costs|costing|charge|charges|charging)\s+)(?:us|me|them|you)(?=\s+(?:per|a|an|each|for\s+each|on\s+average)\b)`,
    // "no team virtual tag": Cloudability's and Vantage's name for a tag derived by rules, as Penny's team tags are.
    String.raw`\bvirtual(?=\s+tags?\b)`,
    // "I'd like to know how much …", "I need to know …": the request's lead-in; the question follows.
    String.raw`\bi(?:['\u2019]d|\s+would)\s+like\s+to\s+(?:know|see)\b|\bi\s+(?:want|need)\s+to\s+know\b`,
    // "in september month", "may month": the month said with its kind, as some languages say it
    // (the literal first, so the look-behind is tried only after "month").
    String.raw`month\b(?<=\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\smonth)`,
    // "which day cost the most? looking for outliers": why the ranking is asked, not what it ranks.
    String.raw`\b(?:looking|checking|searching)\s+for\s+(?:any\s+)?outliers\b`,
    // "distribution of cost by charge category", "spend distribution across teams": a breakdown by what follows.
    String.raw`\bdistribution\s+of\s+(?=(?:the\s+|our\s+)?(?:cost|costs|spend|spending)\s+(?:by|across|over|among)\b)|distribution(?<=\b(?:cost|spend)\sdistribution)(?=\s+(?:by|across|over|among)\b)`,
    // "total w/ anthropic": "with", said short; not "w/o" (without), nor after a word that "with" completes.
    String.raw`(?<!\b(?:compared|tagged|labell?ed|along|together)\s{1,3})\bw/(?=\s)`,
    // "nov so far vs the same days in october": a month in progress is compared with the same days of the month named already.
    String.raw`\b(?:the\s+)?same\s+(?:days|dates|period|stretch)\s+(?:in|of)\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b)`,
    // "numbers for the weekly digest: total spend last week": what the figure is for, not what it is ("report-builder" is a name).
    String.raw`\b(?:(?:the\s+)?(?:numbers?|figures?|stats)\s+)?for\s+(?:the|our|my|a|this\s+week's)\s+(?:(?:weekly|monthly|daily|exec|board|team)\s+)?(?:digest|deck|newsletter|recap|standup|write-?up)(?![\w-])(?:\s?:)?`,
    // "Azure Monitor looks huge — what's …": a feeling about the number before the question, not part of it.
    String.raw`\b(?:looks?|seems?|feels?)\s+(?:huge|high|big|off|wrong|weird|odd|crazy|expensive|low)(?=\s?(?:[\u2014\u2013:]|\s-\s))`,
    // How short the answer should be ("one line pls", "in a sentence", "tl;dr"): every answer is one line.
    String.raw`\b(?:in\s+)?(?:one|1|a|a\s+single)[\s-]?(?:liner|line|sentence)\b(?![\s-]+items?\b)|\b(?:short|quick)\s+answer\b|\btl;?dr\b`,
  ].join('|'),
  'gi',
);

/** The period a change is measured from: "since last month", "on the previous week". */
const FROM_PERIOD = String.raw`(?=\s+(?:the\s+)?(?:last|previous|prior)\s+(?:week|month|quarter|year)\b)`;
/** "has spend gone up since last month", "AI costs dropped a lot since last week", "got worse since", "dropped off since …". */
const CHANGED_SINCE = new RegExp(
  String.raw`\b((?:gone|went|go|gotten|got|come|came|been)\s+(?:up|down)|(?:increas|decreas|ris|fall|dropp|grow|chang|improv|worse|better|jump|spik|climb|shrunk|shrank|fell|rose|grew|soar|surg|dipp|plummet|tank|balloon|skyrocket)[a-z]*(?:\s+(?:off|up|down))?)(\s+(?:much\s+|a\s+lot\s+|at\s+all\s+)?)(?:since|on)${FROM_PERIOD}`,
  'gi',
);
/** "is AI spend up on last week?", "are we down on last month": a change asked as a yes/no. */
const UP_ON = new RegExp(String.raw`^(\s*(?:is|are|was|were)\b.*?\b(?:up|down))(\s+)on${FROM_PERIOD}`, 'i');

/** "Q4 to date", "November to date", "2026-to-date": that period so far, as "Q4 so far" reads (same length). */
const NAMED_TO_DATE =
  /\b((?:q[1-4]|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|20\d\d)(?:\s+20\d\d)?[\s-])to[\s-]date\b/gi;
/** "fastest growing service": the top of a ranking by growth, as "top growing service" reads (same length). */
const FASTEST_GROWING = /\bfastest(?=[\s-]+grow(?:ing|th)\b)/gi;
/** "$$ on ai", "top svcs by $$$": money said twice is "$", which the planner reads as a cost word. */
const DOLLARS = /\$\$+/g;
/** "in average": "on average", as it is meant. */
const IN_AVERAGE = /\bin(?=\s+average\b)/gi;

/**
 * "which cost center does BigQuery roll up to?", "which team does X belong to": at the end of a
 * "which …" question, where the name sits in that grouping, as "which cost center does BigQuery" reads.
 */
const ROLLS_UP = /\b(?:roll(?:s|ed)?\s+up\s+(?:to|under|into)|belong(?:s|ed)?\s+to|fall(?:s)?\s+under|sit(?:s)?\s+under|come(?:s)?\s+under)(?=\s?[?.!]?\s?$)/gi;
const WHICH = /^\s*(?:which|what)\b/i;

/** "did anything spike yesterday", "has anything gone up": what changed, as "what spiked yesterday" asks (its movers). */
const ANYTHING_CHANGED = /\b(?:did|has|have|had)\s+anything(?=\s+(?:spik|jump|surg|balloon|shot|shoot|go|went|gone|ris|rose|increas|grow|grew|climb|drop|fall|fell|dip|chang)[a-z]*\b)/gi;

const blank = (s: string) => ' '.repeat(s.length);
/** "since" or "on" as "vs", padded to its length. */
const versus = (word: string) => `vs${blank(word.slice(2))}`;

/** The question with casual phrasings made plain; the question itself when it has none. */
export function plainSpeech(question: string): string {
  return (
    // Shorthand first, spelt out at its own length (chat-shorthand.ts): the rewrites below keep theirs.
    spellChatShorthand(withoutDeniedBasis(question))
      .replace(WISE, (whole, word: string) => {
        if (MONEY.test(word)) return `${word}${blank(whole.slice(word.length))}`;
        // "team-wise" → "by team": two characters longer than the word, as "-wise" is five.
        return dimensionOfWord(word.toLowerCase()) ? `by ${word}${blank(whole.slice(word.length + 3))}` : whole;
      })
      .replace(SHAPING, blank)
      .replace(ROLLS_UP, (whole) => (WHICH.test(question) ? blank(whole) : whole))
      .replace(ANYTHING_CHANGED, (whole) => `what${blank(whole.slice(4))}`)
      .replace(NAMED_TO_DATE, (_whole, period: string) => `${period}so far `)
      .replace(DOLLARS, (run) => `$${blank(run.slice(1))}`)
      .replace(FASTEST_GROWING, 'top    ')
      // "per day in average": "on average", as non-native speakers say it; the same length.
      .replace(IN_AVERAGE, 'on')
      .replace(CHANGED_SINCE, (whole, verb: string, gap: string) => `${verb}${blank(gap)}${versus(whole.slice(verb.length + gap.length))}`)
      .replace(UP_ON, (whole, before: string, gap: string) => `${before}${gap}${versus(whole.slice(before.length + gap.length))}`)
  );
}
