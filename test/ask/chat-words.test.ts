/**
 * The chat around a question (src/ask/planner/chat-words.ts), without a database: greetings,
 * requests, the asker's state of mind and the form of the answer are left out and named in the
 * how-line; a word that could change the query is never chat, and a message with no cost question
 * in it is still declined.
 */
import { describe, expect, it } from 'vitest';
import { offlinePlanner } from './support/offline-planner.ts';

const catalog = new Map<string, string[]>([
  ['team', ['search', 'checkout', 'data', 'ml']],
  ['provider', ['AWS', 'Google Cloud', 'openai', 'anthropic']],
  ['environment', ['prod', 'staging']],
  ['model', ['gpt-4o', 'claude-sonnet-4-5', 'gemini-2.0-flash']],
  ['ServiceName', ['Amazon Elastic Compute Cloud', 'Amazon Simple Email Service']],
]);
const { read, plan } = offlinePlanner(catalog, '2026-11-23');
const OCTOBER = { from: '2026-10-01', to: '2026-11-01' };

describe('chat around the question is left out, and said', () => {
  it("requests, hedges and the asker's state of mind: the query is the one without them (they were declined)", () => {
    const cases: Array<[string, string]> = [
      ['hey, can you pull the AI spend for October real quick?', 'AI spend for October'],
      ['curious how much the search team burned through in October', 'search team spend in October'],
      ['do you happen to know what we spent on openai in October', 'what we spent on openai in October'],
      ['any idea why staging went up in October', 'why staging went up in October'],
      ['remind me what the checkout team spent in October', 'what the checkout team spent in October'],
      ['so how much did staging end up costing in October', 'how much did staging cost in October'],
      ['help me understand what drove the increase in ml spend in October', 'what drove the increase in ml spend in October'],
    ];
    for (const [chatty, plain] of cases) {
      const p = plan(chatty);
      expect(p.query, chatty).toEqual(plan(plain).query);
      expect(p.assumptions.join('; '), chatty).toMatch(/left out as chat/);
    }
  });

  it('the occasion and the form of the answer: "board deck", "the numbers", "a table of"', () => {
    expect(plan("I'm putting together the board deck - what was total cloud spend in October?").query).toMatchObject({ dataset: 'cloud', time: OCTOBER });
    expect(plan('need the numbers: spend by provider in October').query.groupBy).toEqual(['provider']);
    expect(plan('can I get a table of cost by environment for October').query.groupBy).toEqual(['environment']);
    expect(plan('can you double-check the October total for me').query).toMatchObject({ time: OCTOBER, groupBy: [] });
  });

  it('the how-line names the words left out', () => {
    expect(plan('thanks in advance - spend by team in October please').assumptions).toContain('"advance" left out as chat');
  });

  it('"remind" is chat, not a misspelt model name (it was answered "did you mean gemini?")', () => {
    expect(read('remind me what the ml team spent in October').ok).toBe(true);
  });
});

describe('near misses: words that change the query are never chat', () => {
  it('a negation, "but", "well" or a word that could be what is paid for still stops the planner', () => {
    for (const q of [
      'not sure if this is the right place but how much was staging in October',
      'what did the email digest cost in October',
      'how much money does the AI bring in',
      'what does the bot cost in October',
      'cost per answer in October',
      'AI as well as cloud in October',
      "what's the likely spend this month",
    ]) {
      expect(read(q).ok, q).toBe(false);
    }
  });

  it('a message with no cost question in it is not answered because it names a day', () => {
    expect(read('hey, how are you doing today?').ok).toBe(false);
    expect(read('thanks, appreciate it!').ok).toBe(false);
  });

  it('a name read in one sentence and the question asked in another: the name is context, nothing is chat', () => {
    expect(read('Hello. The search team asked me for numbers. What did we spend in October?').ok).toBe(false);
    expect(plan('morning! what was the cloud bill in October').query.time).toEqual(OCTOBER);
  });

  it('"Penny" asked about is not chat: Penny itself spends nothing', () => {
    expect(read('What did Penny spend on openai in October?').ok).toBe(false);
  });
});
