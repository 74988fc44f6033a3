/**
 * The same period said twice: "did yesterday blow up the bill? total spend yesterday vs the day
 * before", "spend last week — last week's total pls". People restate a question in a second
 * sentence; its period is the one already read, not a word left over to decline on. Another period
 * ("yesterday … last week") is not taken: which one is meant is not for the planner to guess.
 */
import { QuestionText } from './text.ts';
import { takeTimeWords, type TimeWords } from './time.ts';

/** Longer messages are not read a second time for their periods: the cost grows with the length. */
const MAX_CHARS = 2_000;

/** Takes a second saying of `when`'s period from `t`, when what is left reads as that period and nothing else. */
export function takeRepeatedPeriod(t: QuestionText, when: TimeWords, asOf: string): void {
  if (when.time === null || t.text.length > MAX_CHARS) return;
  const before = t.rest();
  const again = new QuestionText(before);
  const second = takeTimeWords(again, asOf);
  const same = second.time !== null && JSON.stringify(second.time) === JSON.stringify(when.time);
  const onlyPeriod = !second.compare && !second.movers && second.granularity === null && second.topPeriods === null && !second.rate && !second.judged;
  if (!same || !onlyPeriod) return;
  const after = again.rest();
  let start = -1;
  for (let i = 0; i <= before.length; i++) {
    const taken = i < before.length && before[i] !== ' ' && after[i] === ' ';
    if (taken && start < 0) start = i;
    if (!taken && start >= 0) {
      t.mark({ start, end: i });
      start = -1;
    }
  }
}
