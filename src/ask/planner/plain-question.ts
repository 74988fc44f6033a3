/**
 * A question rewritten in the planner's plain words before it is read, each rewrite keeping the
 * question's length where it can: SQL words ("select … where env = prod"), column names typed as in
 * FOCUS ("EffectiveCost"), casual speech ("real quick", "L30D"), a day written with slashes ("11/20"), "which of the two" and a share said
 * part first ("AI as % of total spend"). A run of blanks becomes one: a look-behind rescans a run
 * from each place in it, and one space keeps planning linear.
 */
import { plainSpeech } from './casual-words.ts';
import { spellColumnNames } from './column-names.ts';
import { partFirstShare } from './part-first-share.ts';
import { spellSlashDates } from './slash-dates.ts';
import { sqlWords } from './sql-words.ts';
import { whichOfTwo } from './which-of-two.ts';

export function plainQuestion(question: string): string {
  return partFirstShare(whichOfTwo(plainSpeech(spellColumnNames(sqlWords(spellSlashDates(question.replace(/\s{2,}/g, ' ')))))));
}
