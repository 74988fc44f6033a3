/**
 * The daily part of `npm run bench:anomaly`: synthetic daily cost series with injected spikes,
 * level shifts and drifts, scored through the daily detector with the bench's cost thresholds.
 * Every generator's day 0 is a Monday, 1 January of a 365-day year, given to the detector as
 * 2018-01-01 (such a year), as the daily scan gives each series its dates.
 * Spikes and level shifts count only on their first day, drifts within 21 days of onset; a flag
 * outside any anomaly, or a second flag for the same anomaly, is a false alert. A second score
 * dates each anomaly from its first day with data: a spike lost entirely to a data outage could not
 * be seen, and a shift that began during one can be flagged no sooner than the data returns.
 */
import { DETECTORS } from '../src/scans/anomaly/calendar.ts';
import { detect, type DetectOptions } from '../src/scans/anomaly/detector.ts';
import type { Injected, SyntheticSeries } from './anomaly-synthetic.ts';

/** ISO date of day 0 of every synthetic daily series: a Monday, 1 January, in a year of 365 days. */
export const SYNTHETIC_FIRST_DAY = '2018-01-01';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/** Days after onset within which an injected anomaly counts as caught, and days it disturbs the series. */
const TOLERANCE: Record<Injected['kind'], number> = { spike: 0, 'level-shift': 0, drift: 21 };
const affectedUntil = (a: Injected) => a.start + (a.kind === 'spike' ? a.days : a.kind === 'level-shift' ? 14 : a.days + 14);

/** First day at or after an anomaly's onset with data, while it still disturbs the series (−1: none). */
function observedOnset(s: SyntheticSeries, a: Injected): number {
  for (let d = a.start; d < Math.min(affectedUntil(a), s.values.length); d++) if (s.values[d] !== null) return d;
  return -1;
}

/** Names what a false alert's day held, for a generator that knows (the calendar one); tallied per name. */
export type FalseAlertClass<S extends SyntheticSeries> = (s: S, day: number) => string;

export function benchSynthetic<S extends SyntheticSeries>(title: string, generate: (id: number) => S, seriesCount: number, days: number, classify?: FalseAlertClass<S>) {
  const options: DetectOptions = { ...DETECTORS.day.options, minImpact: 10, minRelative: 0.2, firstDay: SYNTHETIC_FIRST_DAY };
  let tp = 0;
  let fp = 0;
  let late = 0;
  let injected = 0;
  let seriesMonths = 0;
  // Scored from each anomaly's first day with data.
  let seenTp = 0;
  let unseen = 0;
  let inGap = 0;
  const delays: number[] = [];
  const byKind = new Map<string, { n: number; caught: number; delay: number }>();
  const falseBy = new Map<string, number>();
  for (let id = 0; id < seriesCount; id++) {
    const s = generate(id);
    seriesMonths += (days - s.begin) / 30.44;
    injected += s.anomalies.length;
    const first = new Map<Injected, number>();
    for (const d of detect(s.values, options)) {
      const a = s.anomalies.find((x) => d.raisedIndex >= x.start && d.raisedIndex < affectedUntil(x));
      // Outside every anomaly, or a second alert for one already reported: a false alert.
      if (a && !first.has(a)) first.set(a, d.raisedIndex);
      else {
        fp++;
        if (classify) falseBy.set(classify(s, d.raisedIndex), (falseBy.get(classify(s, d.raisedIndex)) ?? 0) + 1);
      }
    }
    for (const a of s.anomalies) {
      const k = byKind.get(a.kind) ?? { n: 0, caught: 0, delay: 0 };
      byKind.set(a.kind, k);
      k.n++;
      const onset = observedOnset(s, a);
      if (onset < 0) unseen++;
      else if (onset > a.start) inGap++;
      const raised = first.get(a);
      if (raised === undefined) continue;
      if (onset >= 0 && raised - onset <= TOLERANCE[a.kind]) seenTp++;
      const delay = raised - a.start;
      if (delay > TOLERANCE[a.kind]) {
        late++;
        continue;
      }
      tp++;
      k.caught++;
      k.delay += delay;
      delays.push(delay);
    }
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (injected || 1);
  console.log(title);
  console.log('    detector: daily, weekly and day-of-month seasonality, spikes only, z ≥ 4, impact ≥ $10/day, change ≥ 20 %,');
  console.log('    drift test on (four-week level change ≥ 25 %)');
  console.log(`    spikes and level shifts count only on their first day; drifts within ${TOLERANCE.drift} days of onset;`);
  console.log('    a flag outside any anomaly, or a second flag for the same anomaly, is a false alert');
  console.log(`  injected ${injected}  TP ${tp}  FP ${fp}  late (caught after the tolerance, counted as missed) ${late}`);
  console.log(`  precision ${pct(precision)}  recall ${pct(recall)}  F1 ${f1(precision, recall).toFixed(3)}`);
  const dayOne = delays.filter((d) => d === 0).length;
  const sudden = (byKind.get('spike')?.n ?? 0) + (byKind.get('level-shift')?.n ?? 0);
  const suddenCaught = (byKind.get('spike')?.caught ?? 0) + (byKind.get('level-shift')?.caught ?? 0);
  console.log(
    `  flagged on their first day ${pct(dayOne / (injected || 1))} of all anomalies (${dayOne}/${injected}),` +
      ` ${pct(suddenCaught / (sudden || 1))} of spikes and level shifts (${suddenCaught}/${sudden})`,
  );
  const meanDelay = delays.reduce((a, b) => a + b, 0) / (delays.length || 1);
  console.log(`  mean days-to-detect ${meanDelay.toFixed(2)} (over caught anomalies)`);
  const perHundred = (100 * fp) / seriesMonths;
  console.log(`  false alerts per 100 series-months ${perHundred.toFixed(2)} (${seriesMonths.toFixed(0)} series-months)`);
  console.log(`  alerts per 100 series-months ${((100 * (tp + fp + late)) / seriesMonths).toFixed(2)}`);
  for (const [kind, k] of byKind) {
    const delay = (k.delay / (k.caught || 1)).toFixed(2);
    console.log(`  ${kind.padEnd(12)} ${String(k.n).padStart(4)} injected  recall ${pct(k.caught / k.n)}  mean days-to-detect ${delay}`);
  }
  const seenRecall = seenTp / (injected - unseen || 1);
  const seenPrecision = seenTp / (seenTp + fp || 1);
  console.log(
    `  dated from their first day with data: ${inGap} began in a data gap, ${unseen} never had data (not counted);` +
      ` TP ${seenTp}  precision ${pct(seenPrecision)}  recall ${pct(seenRecall)}  F1 ${f1(seenPrecision, seenRecall).toFixed(3)}`,
  );
  if (classify)
    console.log(
      `  false alerts by what the day held: ${[...falseBy]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}`,
    );
}
