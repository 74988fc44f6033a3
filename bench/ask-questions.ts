/**
 * The question set of the big-dataset benches (bench:ask, bench:scale) and their timing: Penny's
 * own work per question through the offline planner (there is no model time to exclude), each
 * question asked ROUNDS times. A question that fails or that the planner declines is reported
 * with its reason, so a bench on a new engine still prints the rest.
 */
import type pg from 'pg';
import { answerOffline } from '../src/ask/answer.ts';

export const QUESTIONS = [
  'What did we spend last month?',
  'total billed cost last month',
  'top 5 services last month',
  'spend by team this month',
  'what did the search team spend last week?',
  'daily cost for the last 30 days',
  'weekly spend over the last 12 weeks',
  'monthly cloud cost trend',
  'EC2 spend this month vs last month',
  'why did CloudWatch go up?',
  'biggest movers last week',
  'how much spend is untagged?',
  'AI spend by model last month',
  'how many tokens did we use yesterday?',
  'cost per request by feature this month',
  'cost per successful task for the support agent this month',
  'spend on gpt-4o in the last 30 days',
  'cost per 1k tokens by model',
  'spend by region last quarter',
  'which team spent the most last month?',
  'AWS spend excluding prod last month',
  'spend by provider year to date',
];

/** The p-th percentile (nearest rank) of xs. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

export interface QuestionTimes {
  /** Milliseconds of every answered question of every round. */
  times: number[];
  perQuestion: Map<string, number[]>;
  failures: { question: string; error: string }[];
}

export async function timeQuestions(pool: pg.Pool, asOf: string, rounds: number): Promise<QuestionTimes> {
  const viewer = { admin: true, teams: [] };
  const times: number[] = [];
  const perQuestion = new Map<string, number[]>();
  const failed = new Map<string, string>();
  for (let round = 0; round < rounds; round++) {
    for (const q of QUESTIONS.filter((x) => !failed.has(x))) {
      const s = performance.now();
      try {
        const a = await answerOffline(pool, q, { viewer, asOf });
        if (a.query === null) throw new Error(`the planner declined it: ${a.answer}`);
      } catch (err) {
        failed.set(q, (err as Error).message);
        continue;
      }
      const took = performance.now() - s;
      times.push(took);
      perQuestion.set(q, [...(perQuestion.get(q) ?? []), took]);
    }
  }
  return { times, perQuestion, failures: [...failed].map(([question, error]) => ({ question, error })) };
}
