/**
 * The thresholds that apply to one series: the workflow's, overridden by the `thresholds` entry
 * whose scope the series matches most narrowly (src/scans/params.ts). A FinOps lead sets a higher
 * bar for a noisy team and a lower one for a small, critical account without a second workflow.
 */
import type { AnomalyParams } from '../params.ts';

export interface Thresholds {
  minImpact: number;
  minRelative: number;
  hourlyMinImpact: number;
  hourlyMinRelative: number;
  minHistoryDays: number;
  minHistoryHours: number;
}

const matches = (entry: Record<string, string>, scope: Record<string, string>) => Object.entries(entry).every(([k, v]) => scope[k] === v);

export function thresholdsFor(o: AnomalyParams, scope: Record<string, string>): Thresholds {
  let best: AnomalyParams['thresholds'][number] | undefined;
  for (const t of o.thresholds) {
    if (matches(t.scope, scope) && Object.keys(t.scope).length > Object.keys(best?.scope ?? {}).length) best = t;
  }
  return {
    minImpact: best?.minImpact ?? o.minImpact,
    minRelative: best?.minRelative ?? o.minRelative,
    hourlyMinImpact: best?.hourlyMinImpact ?? o.hourlyMinImpact,
    hourlyMinRelative: best?.hourlyMinRelative ?? o.hourlyMinRelative,
    minHistoryDays: best?.minHistoryDays ?? o.minHistoryDays,
    minHistoryHours: best?.minHistoryHours ?? o.minHistoryHours,
  };
}
