/**
 * Planning a question is linear in its length: 40,000 characters (Slack's longest message) of the
 * shapes that cost cubic or quadratic time before — many names, nicknames, hints, long dotted
 * words — are planned, answered or declined, at once. Each is planned in a worker thread, so a
 * planner that freezes fails here by the deadline instead of holding up the whole test run.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Plan, Refusal } from '../../src/ask/planner/plan.ts';

const catalog = new Map<string, string[]>([
  ['team', ['search', 'checkout', 'support', 'data', 'platform', 'ml']],
  ['feature', ['query-rewrite', 'answer-synthesis', 'support-agent']],
  ['model', ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5']],
  ['provider', ['AWS', 'Google Cloud', 'Microsoft', 'openai']],
  ['environment', ['prod', 'staging', 'dev']],
  ['ServiceName', ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'Amazon CloudWatch', 'AWS Lambda']],
]);
const LENGTH = 40_000;
/** Far beyond what planning takes (tens of milliseconds); only a freeze reaches it. */
const DEADLINE_MS = 30_000;

function planInWorker(question: string): Promise<Plan | Refusal> {
  const worker = new Worker(new URL('./support/plan-worker.js', import.meta.url), { workerData: { question, asOf: '2026-11-23', catalog: [...catalog] } });
  return new Promise<Plan | Refusal>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`planning a ${question.length}-character question took over ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
    worker.once('message', (plan: Plan | Refusal) => {
      clearTimeout(timer);
      resolve(plan);
    });
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

const repeat = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

describe('a 40,000-character question', () => {
  it.each([
    ['stored names', repeat('search checkout gpt-4o prod '), true],
    ['one short name', repeat('ml '), false],
    ['one excluded name', repeat('excluding ml '), true],
    ['nicknames', repeat('ec2 '), true],
    ['names beside dimension words', repeat('team search '), false],
    ['a sentence', repeat('what did the search team spend on gpt-4o last week '), false],
    ['one long dotted word', repeat('a.'), false],
    ['one long name beside a dimension word', `spend of team ${'x'.repeat(LENGTH - 14)}`, false],
    ['dotted words after "by"', repeat('by a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z '), false],
    ['blanks before a name', `${' '.repeat(LENGTH - 2)}ml`, true],
    ['blank lines before a question', `${'\n \t'.repeat((LENGTH - 30) / 3)}ml tokens spend last week`, true],
  ])('of %s is planned at once', { timeout: DEADLINE_MS + 10_000 }, async (_shape, question, answered) => {
    const plan = await planInWorker(question);
    expect(plan.ok).toBe(answered);
    if (!plan.ok) expect(plan.message.length).toBeLessThan(500);
  });
});
