/**
 * Synthetic daily cost series with known anomalies, for bench/anomaly.ts. Deterministic (seeded).
 *
 * Each series: a base of $50–5,000 a day (log-uniform), a yearly trend of −20 % to +60 %, weekly
 * seasonality (weekend factor 0.6–0.9, each weekday ±5 %), multiplicative log-normal noise with
 * σ 5–15 %, 0.5 % missing days and 0.3 % zero days (late or broken exports). A third of the
 * series start late in the year (new services). Into each, 0–3 anomalies at random dates after a
 * four-week warm-up: spikes (+50 % to +300 %, 1–3 days), level shifts (×1.3 to ×2.5 from that day
 * on) and slow drifts (a ramp to ×1.5–2.5 over 14–35 days, then held).
 * The parameters describe cost data, not the detector: it never sees them.
 */
import { seeded, type Random } from '../src/demo/random.ts';

export type InjectedKind = 'spike' | 'level-shift' | 'drift';

export interface Injected {
  kind: InjectedKind;
  /** Day index of onset. */
  start: number;
  /** Days the anomaly keeps the series away from normal (spike length, drift ramp). */
  days: number;
  /** Peak multiplier over the normal value. */
  factor: number;
}

export interface SyntheticSeries {
  id: number;
  /** One value per day from day 0 (a Monday); null = missing day or before the series began. */
  values: (number | null)[];
  anomalies: Injected[];
  /** First day with data. */
  begin: number;
}

const uniform = (r: Random, lo: number, hi: number) => lo + (hi - lo) * r();

/** Standard normal deviate (Box–Muller). */
function normal(r: Random): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Multiplier of anomaly `a` on day d (1 when it does not apply). */
export function effect(a: Injected, d: number): number {
  if (d < a.start) return 1;
  switch (a.kind) {
    case 'spike':
      return d < a.start + a.days ? a.factor : 1;
    case 'level-shift':
      return a.factor;
    case 'drift':
      return 1 + (a.factor - 1) * Math.min(1, (d - a.start + 1) / a.days);
  }
}

/** 0–3 anomalies after a four-week warm-up, 45 days apart or more (drifts: after their ramp). */
export function injectAnomalies(r: Random, begin: number, length: number): Injected[] {
  const out: Injected[] = [];
  const count = Math.floor(r() * 4);
  // Anomalies at least 45 days apart, so each one is scored against its own onset.
  let earliest = begin + 28;
  for (let i = 0; i < count; i++) {
    const start = earliest + Math.floor(r() * 60);
    if (start >= length - 5) break;
    const x = r();
    const a: Injected =
      x < 0.5
        ? { kind: 'spike', start, days: 1 + Math.floor(r() * 3), factor: uniform(r, 1.5, 4) }
        : x < 0.75
          ? { kind: 'level-shift', start, days: 1, factor: uniform(r, 1.3, 2.5) }
          : { kind: 'drift', start, days: 14 + Math.floor(r() * 22), factor: uniform(r, 1.5, 2.5) };
    out.push(a);
    earliest = start + 45 + (a.kind === 'drift' ? a.days : 0);
  }
  return out;
}

export function syntheticSeries(id: number, seed: number, length = 365): SyntheticSeries {
  const r = seeded(seed * 7919 + id);
  const base = 50 * Math.exp(r() * Math.log(100));
  const growthPerDay = Math.log(1 + uniform(r, -0.2, 0.6)) / 365;
  const weekend = uniform(r, 0.6, 0.9);
  const weekly = Array.from({ length: 7 }, (_, d) => (d >= 5 ? weekend : 1) * uniform(r, 0.95, 1.05));
  const sigma = uniform(r, 0.05, 0.15);
  const begin = r() < 1 / 3 ? Math.floor(r() * 180) : 0;
  const anomalies = injectAnomalies(r, begin, length);

  const values: (number | null)[] = [];
  for (let d = 0; d < length; d++) {
    if (d < begin || r() < 0.005) {
      values.push(null);
      continue;
    }
    if (r() < 0.003) {
      values.push(0);
      continue;
    }
    const normalValue = base * Math.exp(growthPerDay * d) * weekly[d % 7]!;
    const shock = anomalies.reduce((m, a) => m * effect(a, d), 1);
    values.push(Math.round(normalValue * shock * Math.exp(sigma * normal(r)) * 100) / 100);
  }
  return { id, values, anomalies, begin };
}
