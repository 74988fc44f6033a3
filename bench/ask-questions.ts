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
