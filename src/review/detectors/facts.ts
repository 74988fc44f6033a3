/**
 * The comparison every detector shares: pull facts (a model id, a limit, a cron) out of the old and
 * new side of each segment, drop those present on both sides (context lines, moved lines), and
 * pair what is left by key, in line order: `model` gpt-4o-mini on the old side and `model` gpt-4o
 * on the new side is one change.
 */
import type { Side } from '../view.ts';

export interface Fact {
  /** What pairs an old fact with a new one: the setting's name. */
  key: string;
  value: string;
  line: number;
}

export type Extract = (text: string, line: number) => Fact[];

export function factsOf(side: Side, extract: Extract): Fact[] {
  const out: Fact[] = [];
  side.lines.forEach((text, i) => out.push(...extract(text, side.lineNos[i]!)));
  return out;
}

export interface Pair {
  before?: Fact;
  after?: Fact;
}

/** Facts only one side has, paired by key in order of appearance; unpaired ones stand alone. */
export function changedPairs(before: Fact[], after: Fact[]): Pair[] {
  const id = (f: Fact) => `${f.key}\u0000${f.value}`;
  const onlyIn = (mine: Fact[], other: Fact[]) => {
    const left = new Map<string, number>();
    for (const f of other) left.set(id(f), (left.get(id(f)) ?? 0) + 1);
    return mine.filter((f) => {
      const n = left.get(id(f)) ?? 0;
      left.set(id(f), n - 1);
      return n <= 0;
    });
  };
  const removed = onlyIn(before, after);
  const added = onlyIn(after, before);
  const pairs: Pair[] = [];
  const open = new Map<string, Fact[]>();
  for (const f of removed) open.set(f.key, [...(open.get(f.key) ?? []), f]);
  for (const f of added) {
    const b = open.get(f.key)?.shift();
    pairs.push(b ? { before: b, after: f } : { after: f });
  }
  for (const queue of open.values()) for (const b of queue) pairs.push({ before: b });
  return pairs;
}

/** A feature tag written in the file near the change (`feature: "query-rewrite"`, `feature="x"`). */
export function featureTag(sides: Side[]): string | undefined {
  for (const s of sides) {
    for (const line of s.lines) {
      const m = /["']?\bfeature["']?\s*[:=]\s*["']([\w.:/-]+)["']/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}
