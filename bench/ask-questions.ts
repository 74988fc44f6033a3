/**
 * The timing of the big-dataset benches' questions (bench/questions.ts; bench:ask, bench:scale): Penny's
 * own work per question through the offline planner (there is no model time to exclude), each
 * question asked ROUNDS times. A question that fails or that the planner declines is reported
 * with its reason, so a bench on a new engine still prints the rest.
 */
import type pg from 'pg';
import { answerOffline } from '../src/ask/answer/answer.ts';
import { QUESTIONS } from './questions.ts';

export { QUESTIONS };

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

const VIEWER = { admin: true, teams: [] };

/** Milliseconds to answer `q`; throws when it fails or the planner declines it. */
export async function timeQuestion(pool: pg.Pool, q: string, asOf: string): Promise<number> {
  const s = performance.now();
  const a = await answerOffline(pool, q, { viewer: VIEWER, asOf });
  if (a.query === null) throw new Error(`the planner declined it: ${a.answer}`);
  return performance.now() - s;
}

export async function timeQuestions(pool: pg.Pool, asOf: string, rounds: number): Promise<QuestionTimes> {
  const times: number[] = [];
  const perQuestion = new Map<string, number[]>();
  const failed = new Map<string, string>();
  for (let round = 0; round < rounds; round++) {
    for (const q of QUESTIONS.filter((x) => !failed.has(x))) {
      let took: number;
      try {
        took = await timeQuestion(pool, q, asOf);
      } catch (err) {
        failed.set(q, (err as Error).message);
        continue;
      }
      times.push(took);
      perQuestion.set(q, [...(perQuestion.get(q) ?? []), took]);
    }
  }
  return { times, perQuestion, failures: [...failed].map(([question, error]) => ({ question, error })) };
}
