/**
 * The chat around a question in Slack: "hey, can you pull the AI spend for last month real quick?",
 * "I'm putting together the board deck - what was cloud spend in October?", "curious how much …",
 * "any idea why EC2 went up". Words about the asking (greetings, requests, the asker's state of
 * mind, the form or occasion of the answer) say nothing the query reads. Left over once everything
 * else is read, they are left out and the answer names them; any other word left over still stops
 * the planner. A word that could narrow, negate, compare, count or forecast is never chat, so none
 * is in these lists ("not", "but", "only", "well", "sort", "likely", "second", "call", "plan", "answer").
 */
import type { QuestionText, Span } from './text.ts';

const CHAT = new Set(
  [
    // Greetings, thanks, reactions, who is addressed ("Penny" is read by question-words.ts: "what did Penny cost" asks about Penny).
    'hi hello hiya howdy yo morning gm afternoon evening greetings cheers thank ty tysm appreciate appreciated sorry apologies pardon',
    'lol haha hah hmm hm um umm uh uhh er erm oh ah ahh aha ugh yikes wow whoa oops ooh alright cool great awesome nice sweet perfect',
    'folks guys everyone everybody yall buddy mate pal',
    // Asking for the answer: what the asker wants done, not what is counted ("bring in", "shoot up", "reply" are not here).
    'pull pulling grab grabbing fetch fetching find finding check checking checked confirm confirming verify verifying double-check',
    'remind reminding ping dig digging figuring calculate calculating calc crunch crunching provide providing',
    'prepare preparing prep prepping putting assemble assembling compiling draft drafting',
    'help helping understand understanding explain explaining clarify clarifying walk',
    // The asker's state of mind, hedges and manners.
    'curious curiosity wondering wonder wondered wonders idea clue think thinking thought guess guessing suppose assuming believe',
    'bother bothering disturb interrupt sure unsure confused surprised shocked worried concerned interested keen glad hoping hope trying try tried mind',
    'maybe perhaps possibly kinda sorta somewhat basically actually literally really truly exactly precisely essentially',
    'frankly seriously definitely certainly simply quite pretty very asap urgent urgently quickly meantime meanwhile happen happens',
    "i'm im i've ive i'll we're we've we'll you're it's that's there's here's let's myself someone somebody anyone anybody",
    'anyway anyways though however fyi ps qq nvm question questions ask asking chance',
    // The form the answer is wanted in: words no bill has a line for (a dashboard, an email or a bot may cost money).
    'numbers figures stats statistics info information details lowdown rundown recap summary overview snapshot picture update updates',
    'story readout writeup write-up deck slides standup stand-up',
  ]
    .join(' ')
    .split(' '),
);

/** Chat only beside the words that make it chat: "real quick", "end up", "a table of", "thanks in advance". */
const CHAT_BESIDE: Record<string, RegExp> = {
  real: /real\s+(?:quick|fast)\b/y,
  end: /end(?:s|ed)?\s+up\b/y,
  ended: /ended\s+up\b/y,
  turn: /turn(?:s|ed)?\s+out\b/y,
  turned: /turned\s+out\b/y,
  table: /table\s+(?:of|form|format|view|please|pls)\b|table\W*$/y,
  chart: /chart(?<=\b(?:a|the|in|as)\s+chart)\s+(?:of|for|showing)\b/y,
  graph: /graph(?<=\b(?:a|the|in|as)\s+graph)\s+(?:of|for|showing)\b/y,
  put: /put\s+together\b/y,
  board: /board\s+(?:deck|meeting|review|update|slides)\b/y,
  asked: /asked\s+(?:me|us|for)\b/y,
  advance: /advance\b(?<=\bin\s+advance)/y,
};

const MAX_SAID = 6;
/** "the october total": a total asks for money, as a cost word does. */
const TOTAL = /\btotals?\b/;

/** Whether the sticky pattern matches at `at` (a look-behind sees the words before). */
function besideAt(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

/** Where a sentence ends inside a message: ".", "!" or "?" before more words. */
const SENTENCE_END = /[.!?]+\s+(?=\S)/g;

/**
 * Whether more than one sentence has words the planner read: "The search team asked me for numbers.
 * What did we spend last month?" reads a name in one sentence and asks in another, and the name is
 * context, not the question's (asked-sentence.ts keeps such messages whole): none of it is chat.
 */
function readAcrossSentences(t: QuestionText): boolean {
  let start = 0;
  let read = 0;
  for (const m of t.text.matchAll(SENTENCE_END)) {
    if (!t.isFree({ start, end: m.index })) read++;
    start = m.index + m[0].length;
  }
  if (!t.isFree({ start, end: t.text.length })) read++;
  return read > 1;
}

/**
 * Splits the words left over into chat and the rest; `reading` names the chat left out. Chat is left
 * out only when the rest of the question asks for money, a total, a measure, a breakdown or a name (`asked`):
 * "hey Penny, how are you today?" is no cost question; and only when one sentence holds what was read.
 */
export function splitChat(t: QuestionText, leftovers: Array<{ word: string } & Span>, asked: boolean): { rest: Array<{ word: string } & Span>; reading: string | null } {
  const text = t.text;
  if (leftovers.length === 0 || (!asked && !TOTAL.test(text))) return { rest: leftovers, reading: null };
  const chat: string[] = [];
  const rest = leftovers.filter((w) => {
    const beside = Object.hasOwn(CHAT_BESIDE, w.word) && besideAt(CHAT_BESIDE[w.word]!, text, w.start);
    if (!beside && !CHAT.has(w.word)) return true;
    chat.push(w.word);
    return false;
  });
  // Sentences are looked at only when there is chat to leave out: most questions have none.
  if (chat.length === 0 || readAcrossSentences(t)) return { rest: leftovers, reading: null };
  const said = chat.slice(0, MAX_SAID).map((w) => `"${w}"`);
  return { rest, reading: `${said.join(', ')}${chat.length > MAX_SAID ? ' and more' : ''} left out as chat` };
}
