/**
 * Feedback on anomalies as a pure matcher for the detector's `isSuppressed` hook. The scan stores
 * feedback ("expected", "planned", "not an anomaly") against a finding's scope; for that scope it
 * turns the stored rows into rules and asks `ruleMatching(rules)` which of them, if any, silences
 * an anomaly, so that silenced alerts are counted per rule. A suppressed anomaly still opens its
 * episode, so the following days of the same change are not alerted either.
 */
import type { DatedAnomaly } from './calendar.ts';
import type { Direction } from './detector.ts';

export interface SuppressionRule {
  /** Only anomalies starting in [from, to] (ISO dates or timestamps): a planned migration, a launch. */
  from?: string;
  to?: string;
  /** Only this direction. */
  direction?: Direction;
  /** Only changes up to this relative size: "+30 % is expected here" still lets a +300 % through. */
  upToRelative?: number;
}

/** The stored id of the first rule that silences an anomaly, or undefined. */
export function ruleMatching(rules: readonly { id: number; rule: SuppressionRule }[]): (a: DatedAnomaly) => number | undefined {
  return (a) =>
    rules.find(
      ({ rule: r }) =>
        (r.from === undefined || a.start >= r.from) &&
        (r.to === undefined || a.start <= r.to) &&
        (r.direction === undefined || a.direction === r.direction) &&
        (r.upToRelative === undefined || Math.abs(a.relative) <= r.upToRelative),
    )?.id;
}
