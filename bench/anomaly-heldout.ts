/**
 * Held-out synthetic daily cost series for bench/anomaly.ts: a second generator with its own seed
 * and shapes, written apart from the first (anomaly-synthetic.ts), so its score says whether the
 * daily figures hold on series the detector was not fitted to. Seed 2718 served once as a
 * validation set (it chose the 80th percentile for the daily tail-aware spread, baseline.ts, over
 * the 90th, and checked the drift test's reference after an episode, detector.ts); seed 1618 is the held-out test, never used for any choice, and so is seed 31415, added
 * after the hourly level-shift and spread changes without being run before. Deterministic (seeded).
 *
 * Each series: a base of $20–20,000 a day (log-uniform); a weekday profile drawn per series (a
 * business week with quiet weekends at 35–80 %, or a seven-day service with every day 0.85–1.15);
 * compounding growth of −30 % to +100 % a year; heavy-tailed noise (Student t, 5 degrees of
 * freedom, scale 3–12 %); 1 % missing days. A quarter of the series begin within the first 200
 * days. Anomalies after a six-week warm-up, 40 days apart or more: spikes (×1.6–5 for 1–4 days),
 * level shifts (×1.35–3 from that day on) and drifts (a linear ramp to ×1.6–3 over 10–40 days).
 */
import { seeded, type Random } from '../src/demo/random.ts';
import type { Injected, SyntheticSeries } from './anomaly-synthetic.ts';

export const VALIDATION_SEED = 2718;
export const HELD_OUT_SEED = 1618;
export const SECOND_HELD_OUT_SEED = 31415;

const uniform = (r: Random, lo: number, hi: number) => lo + (hi - lo) * r();
const normal = (r: Random) => Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r());

/** Student t with `dof` degrees of freedom: a normal over the root of a scaled chi-square. */
function studentT(r: Random, dof: number): number {
  let chi = 0;
  for (let i = 0; i < dof; i++) chi += normal(r) ** 2;
  return normal(r) / Math.sqrt(chi / dof);
}

function anomaliesFor(r: Random, begin: number, length: number): Injected[] {
  const out: Injected[] = [];
  let day = begin + 42 + Math.floor(r() * 30);
  while (day < length - 7 && out.length < 4) {
    const x = r();
    const a: Injected =
      x < 0.45
        ? { kind: 'spike', start: day, days: 1 + Math.floor(r() * 4), factor: uniform(r, 1.6, 5) }
        : x < 0.75
          ? { kind: 'level-shift', start: day, days: 1, factor: uniform(r, 1.35, 3) }
          : { kind: 'drift', start: day, days: 10 + Math.floor(r() * 31), factor: uniform(r, 1.6, 3) };
    out.push(a);
    day += 40 + (a.kind === 'drift' ? a.days : 0) + Math.floor(r() * 50);
  }
  return out;
}

function multiplier(a: Injected, d: number): number {
  if (d < a.start) return 1;
  if (a.kind === 'spike') return d < a.start + a.days ? a.factor : 1;
  if (a.kind === 'level-shift') return a.factor;
  return 1 + (a.factor - 1) * Math.min(1, (d - a.start + 1) / a.days);
}

export function heldOutSeries(id: number, seed: number, length = 365): SyntheticSeries {
  const r = seeded(seed * 104_729 + id);
  const base = 20 * Math.exp(r() * Math.log(1000));
  const business = r() < 0.6;
  const quiet = uniform(r, 0.35, 0.8);
  const weekdays = Array.from({ length: 7 }, (_, d) => (business ? (d >= 5 ? quiet : uniform(r, 0.9, 1.1)) : uniform(r, 0.85, 1.15)));
  const growth = Math.log(1 + uniform(r, -0.3, 1)) / 365;
  const scale = uniform(r, 0.03, 0.12);
  const begin = r() < 0.25 ? Math.floor(r() * 200) : 0;
  const anomalies = anomaliesFor(r, begin, length);
  const values = Array.from({ length }, (_, d) => {
    if (d < begin || r() < 0.01) return null;
    const shock = anomalies.reduce((m, a) => m * multiplier(a, d), 1);
    return Math.round(base * Math.exp(growth * d) * weekdays[d % 7]! * shock * Math.exp(scale * studentT(r, 5)) * 100) / 100;
  });
  return { id, values, anomalies, begin };
}
