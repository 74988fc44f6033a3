/**
 * Chat shorthand for the planner's own words: "acct", "svc", "gw", and words typed without their
 * vowels ("rsrcs", "mnth", "spnd"). A shorthand is read as a word only when it stands for exactly
 * one; typos.ts reads it corrected and the answer says so ('read "rsrcs" as "resources"').
 */

/** Abbreviations in common use that no vowel-dropping rule finds ("acct" keeps a c, drops the n and u). */
const ABBREVIATIONS: Record<string, string> = {
  acct: 'account',
  accts: 'accounts',
  acnt: 'account',
  acnts: 'accounts',
  svc: 'service',
  svcs: 'services',
  srv: 'service',
  gw: 'gateway',
  gws: 'gateways',
  proj: 'project',
  projs: 'projects',
  amt: 'amount',
  wk: 'week',
  wks: 'weeks',
  yr: 'year',
  yrs: 'years',
  prev: 'previous',
  tot: 'total',
  yday: 'yesterday',
  thru: 'through',
  db: 'database',
  dbs: 'databases',
};

/** A word with every vowel after its first letter dropped: "resources" → "rsrcs". */
const skeleton = (word: string) => word[0] + word.slice(1).replace(/[aeiouy]/g, '');

const byWords = new WeakMap<readonly string[], Map<string, string | null>>();

/** Skeletons of `words` that stand for one word only (null marks a skeleton two words share). */
function skeletons(words: readonly string[]): Map<string, string | null> {
  let out = byWords.get(words);
  if (out) return out;
  out = new Map();
  for (const w of words) {
    const s = skeleton(w);
    // A skeleton as long as its word dropped nothing; under 3 letters it stands for too many.
    if (s.length < 3 || s === w) continue;
    out.set(s, out.has(s) && out.get(s) !== w ? null : w);
  }
  byWords.set(words, out);
  return out;
}

/** The word `typed` is shorthand for among `words` (the planner's lexicon), or null. */
export function shorthandOf(typed: string, words: readonly string[]): string | null {
  // Own keys only: "constructor" is on every object's prototype.
  const known = Object.hasOwn(ABBREVIATIONS, typed) ? ABBREVIATIONS[typed] : undefined;
  if (known) return known;
  // Only a word typed with no vowel after its first letter is read as a skeleton.
  if (typed.length < 3 || skeleton(typed) !== typed) return null;
  return skeletons(words).get(typed) ?? null;
}
