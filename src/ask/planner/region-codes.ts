/**
 * A region code in a cloud's own shape that no stored charge carries ("anything running in
 * us-west-1?"): that region, which then has no charges (answered $0 and said), not a typo of a stored
 * one ("did you mean us-west-2"): a security engineer asking about a region means that region. AWS's
 * and Google's codes are unmistakable ("us-west-1", "europe-west4"); Azure's ("westus3") are plain
 * words, left to names and typos. Read after stored names, so a stored code is never read here.
 */
import type { QuestionText } from './text.ts';

const AWS = /^(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d{1,2}$/;
const GOOGLE = /^(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)\d{1,2}$/;
/** "region" after the code only says what it is. */
const REGION_WORD = /^\s+regions?\b/;

/** Region codes no stored charge carries, their words taken, with how they were read; null when none is typed. */
export function takeAbsentRegionCodes(t: QuestionText): { codes: string[]; reading: string } | null {
  const codes: string[] = [];
  for (const w of t.words()) {
    const code = w.word.toLowerCase();
    if (!AWS.test(code) && !GOOGLE.test(code)) continue;
    const word = REGION_WORD.exec(t.text.slice(w.end, w.end + 10));
    t.mark({ start: w.start, end: w.end + (word ? word[0].length : 0) });
    if (!codes.includes(code)) codes.push(code);
  }
  if (codes.length === 0) return null;
  return { codes, reading: `${codes.map((c) => `"${c}"`).join(', ')} read as the region${codes.length > 1 ? 's' : ''} of that code, which no stored charge carries` };
}
