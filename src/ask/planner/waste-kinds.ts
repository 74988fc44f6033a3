/**
 * Waste asked by its kind: "are we using premium models for simple tasks?", "which agents are
 * looping?", "where are we missing prompt caching?", "oversized prompts", "what's left running
 * 24/7", "idle instances". Each is a check of the waste scan (src/scans/waste), whose stored
 * findings answer it; the question is a waste question even with no waste word in it.
 */

/** The finding types a kind of waste is stored as, the words that ask for it, and what answers call it. */
const KINDS: Array<{ words: RegExp; types: string[]; label: string }> = [
  {
    words:
      /\b(?:premium|expensive|pricey|frontier|flagship|top[\s-]tier|big|large|overkill)\s+(?:llms?\s+|ai\s+)?models?\s+(?:\w+\s+)?(?:on|for|doing|handling|to\s+do)\s+(?:\w+\s+)?(?:simple|easy|trivial|small|basic|short|cheap)\b|\bmodel\s+overkill\b/,
    types: ['premium_model'],
    label: 'premium model',
  },
  { words: /\b(?:agent\s+)?loop(?:s|ing|ed)?\b(?<!\bfeedback\s+loops?)|\b(?:stuck|runaway)\s+agents?\b/, types: ['agent_loop'], label: 'agent loop' },
  {
    words: /\b(?:missing|not\s+using|without|lack(?:s|ing)?(?:\s+of)?|no)\s+(?:prompt\s+)?caching\b|\b(?:should|could)\s+(?:we\s+)?(?:be\s+)?(?:using\s+)?(?:prompt\s+)?caching\b/,
    types: ['prompt_caching'],
    label: 'prompt caching',
  },
  { words: /\b(?:oversized|bloated|huge|too\s+(?:long|large|big))\s+(?:context(?:\s+windows?)?|prompts?)\b/, types: ['oversized_context'], label: 'oversized context' },
  { words: /\b(?:always[\s-]on|left\s+(?:on|running)|running\s+(?:24\/7|24x7|all\s+night|around\s+the\s+clock))\b/, types: ['nonprod_always_on'], label: 'non-production always on' },
  { words: /\bidle\b|\bunderused\b|\bunder-?utili[sz]ed\b/, types: ['idle_compute', 'no_utilisation'], label: 'idle' },
];

/** Any kind's words: a question with one is a waste question. */
export const WASTE_KIND_WORDS = new RegExp(KINDS.map((k) => k.words.source).join('|'));

/** The kind of waste a question asks for, or null when it asks for all of it. */
export function wasteKindOf(text: string): { types: string[]; label: string } | null {
  const kind = KINDS.find((k) => k.words.test(text));
  return kind ? { types: kind.types, label: kind.label } : null;
}
