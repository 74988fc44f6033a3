/**
 * "did checkout spend more on AI or on cloud", "is search spending less on LLMs than on cloud":
 * the two kinds of spend of a scope side by side (a row each and the difference), as "AI vs cloud"
 * is read in plan.ts.
 */
import type { QuestionText } from './text.ts';

const AI = String.raw`(?:ai|llms?|genai|gen\s+ai|models?)`;
const CLOUD = String.raw`(?:the\s+)?(?:cloud|infra(?:structure)?)`;
const ON = String.raw`(?:on|for|in)\s+`;

export function takeAiOrCloud(t: QuestionText): boolean {
  const pair = (a: string, b: string) => String.raw`\b(?:more|less)\s+${ON}${a}(?:\s+spend)?\s+(?:or|than)\s+(?:${ON})?${b}\b|\b${a}\s+or\s+${b}\s+(?:spend\s+)?(?:more|less)\b`;
  return t.takeOne(new RegExp(`${pair(AI, CLOUD)}|${pair(CLOUD, AI)}`)) !== null;
}
