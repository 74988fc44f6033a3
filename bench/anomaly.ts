/**
 * `npm run bench:anomaly`: scores src/scans/anomaly on
 *  (a) NAB realAWSCloudwatch with NAB's label windows (a detection anywhere in a window counts once,
 *      further ones in it are neither credit nor fault, as NAB scores), also split into a
 *      development half and a held-out half,
 *  (b) synthetic daily cost series with injected spikes, level shifts and drifts (anomaly-synthetic.ts),
 *  (c) the Microsoft cloud-monitoring set (per-point labels, runs of labelled points as windows,
 *      and again with NAB's windows: each run widened to a tenth of the series over its runs),
 *      split as NAB is into a development half (even files) and a held-out half,
 *  (d) synthetic hourly AI spend (anomaly-synthetic-hourly.ts), seed 42 and the development seed 7,
 *  (e) synthetic daily cost series from a second generator (anomaly-heldout.ts): seed 2718, used
 *      once for validation, and (f, g) the held-out seeds 1618 and 31415, never used for any choice,
 *  (h) synthetic daily cost series with calendar shapes (anomaly-calendar.ts: month-end bumps,
 *      holidays, outages, blips), held-out seed 2026, never used for any choice; its false alerts
 *      are also counted by what the day held (month-end, blip, after an outage).
 * Hourly sets are scored with the hourly scan's own detector (hourly-detector.ts, calendar.ts DETECTORS.hour), with the
 * log-space detector it replaced (DETECTORS.hourLog) alone and with the change-point test (HOURLY_CHANGE_POINT) or the
 * window-sum test (HOURLY_WINDOW_SUM), which a workflow can still ask for, on hourly sums instead of
 * means (a cost series adds up its hour; a metric's mean and sum differ only in hours missing some points) and, for
 * comparison, with the daily one on hourly steps; each line gives precision, recall, F1 and alerts per 100 series-months. A flag counts at the step it is raised (after persistence).
 * Prints the figures and how each set was scored. Deterministic. The public sets are read from
 * PENNY_BENCH_DATA (default bench/data, filled by `npm run bench:data`; see bench/data.ts).
 * `-- --daily` runs only the synthetic daily sets (b, e–h), which need no public data;
 * `-- --calendar-seeds=11,12,13` adds the calendar generator on development seeds, where its choices are tried.
 * While iterating on the hourly detector: `-- --sets=a,c,d` runs only the sets of those letters, and
 * `-- --scan-only` only the hourly scan's own detector on them (minutes instead of half an hour).
 * The daily sets are scored in anomaly-daily.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DETECTORS, HOURLY_BASELINE, HOURLY_CHANGE_POINT, HOURLY_WINDOW_SUM } from '../src/scans/anomaly/calendar.ts';
import { detect, type Anomaly, type DetectOptions } from '../src/scans/anomaly/detector.ts';
import { detectBursts } from '../src/scans/anomaly/hourly-detector.ts';
import { calendarFalseAlert, calendarSeries, CALENDAR_HELD_OUT_SEED } from './anomaly-calendar.ts';
import { benchSynthetic } from './anomaly-daily.ts';
import { heldOutSeries, HELD_OUT_SEED, SECOND_HELD_OUT_SEED, VALIDATION_SEED } from './anomaly-heldout.ts';
import { syntheticSeries } from './anomaly-synthetic.ts';
import { HOURLY_DAYS, syntheticHourly } from './anomaly-synthetic-hourly.ts';
import { MS_CLOUD_MONITORING, NAB, requireSet } from './data.ts';

const HOUR_MS = 3_600_000;
/** Synthetic hourly seed on which hourly choices are tried (seed 42 only measures them). */
const HOURLY_DEVELOPMENT_SEED = 7;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

interface Tally {
  tp: number;
  fp: number;
  windows: number;
  /** Hours scored (after warm-up), for alerts per 100 series-months. */
  hours: number;
}

const HOURS_PER_MONTH = 24 * 30.44;

function report(label: string, t: Tally) {
  const precision = t.tp + t.fp > 0 ? t.tp / (t.tp + t.fp) : 0;
  const recall = t.windows > 0 ? t.tp / t.windows : 0;
  const perHundred = (100 * (t.tp + t.fp)) / (t.hours / HOURS_PER_MONTH || 1);
  console.log(
    `  ${label.padEnd(40)} windows ${String(t.windows).padStart(3)}` +
      `  TP ${String(t.tp).padStart(3)}  FP ${String(t.fp).padStart(4)}` +
      `  precision ${pct(precision)}  recall ${pct(recall)}  F1 ${f1(precision, recall).toFixed(3)}` +
      `  alerts/100 series-months ${perHundred.toFixed(0)}`,
  );
}

/**
 * Mean of the points in each clock hour, from the first point's hour; empty hours are null. With
 * `sum`, their sum, as a cost series adds up its hour (a timestamp given twice counts once).
 */
function hourly(points: { time: number; value: number }[], sum = false) {
  if (sum) points = points.filter((p, i) => i === 0 || p.time !== points[i - 1]!.time);
  const first = Math.floor(points[0]!.time / HOUR_MS);
  const last = Math.floor(points[points.length - 1]!.time / HOUR_MS);
  const total = new Array<number>(last - first + 1).fill(0);
  const count = new Array<number>(last - first + 1).fill(0);
  for (const p of points) {
    const k = Math.floor(p.time / HOUR_MS) - first;
    total[k]! += p.value;
    count[k]! += 1;
  }
  return { start: first * HOUR_MS, values: total.map((s, k) => (count[k] ? (sum ? s : s / count[k]!) : null)) };
}

/**
 * Window scoring: an hour flagged that overlaps a label window is a TP for that window (one per
 * window); one overlapping none is an FP; hours starting before `warmupEnd` are ignored.
 */
function scoreWindows(series: { start: number; values: (number | null)[] }, windows: [number, number][], warmupEnd: number, options: DetectOptions, tally: Tally, run: Detector = detect) {
  const hit = new Set<number>();
  tally.hours += series.values.filter((_, k) => series.start + k * HOUR_MS >= warmupEnd).length;
  for (const a of run(series.values, options)) {
    const from = series.start + a.raisedIndex * HOUR_MS;
    if (from < warmupEnd) continue;
    const w = windows.findIndex(([s, e]) => from <= e && from + HOUR_MS > s);
    if (w < 0) tally.fp++;
    else if (!hit.has(w)) hit.add(w), tally.tp++;
  }
  tally.windows += windows.length;
}

const parseTime = (s: string) => Date.parse(`${s.replace(' ', 'T').replace(/Z$/, '')}Z`);

function readCsv(file: string) {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/["\r]/g, '').split(','))
    .map(([time, value, label]) => ({ time: parseTime(time!), value: Number(value), label: label?.trim() === '1' }));
}

type Detector = (values: readonly (number | null)[], options: DetectOptions) => Anomaly[];

/** Hourly setups tried on the metric sets; thresholds are relative only (these are not dollars). */
const METRIC = { minImpact: 0, minRelative: 0.2, drops: true };
const SCAN_DETECTOR: DetectOptions = { ...METRIC, baseline: { ...HOURLY_BASELINE, minHistory: 48 } };
const LOG_DETECTOR: DetectOptions = { ...METRIC, ...DETECTORS.hourLog.options, baseline: { ...HOURLY_BASELINE, minHistory: 48 } };
const HOURLY: { label: string; options: DetectOptions; run?: Detector; sum?: boolean }[] = [
  { label: 'hourly scan detector (hourly-detector.ts)', options: SCAN_DETECTOR, run: detectBursts },
  { label: 'log-space detector (before, hourLog)', options: LOG_DETECTOR },
  { label: 'log-space + change point (CUSUM, opt-in)', options: { ...LOG_DETECTOR, changePoint: HOURLY_CHANGE_POINT } },
  { label: 'log-space + window sum (3 h, opt-in)', options: { ...LOG_DETECTOR, windowSum: HOURLY_WINDOW_SUM } },
  { label: 'scan detector on hourly sums', options: SCAN_DETECTOR, run: detectBursts, sum: true },
  {
    label: 'hourly mean, daily cycle, daily detector',
    options: { ...METRIC, baseline: { period: 24, cycles: 7, levelWindow: 24, minHistory: 48 } },
  },
  {
    label: 'hourly mean, no seasonality',
    options: { ...METRIC, baseline: { period: 1, cycles: 1, levelWindow: 24, minHistory: 48 } },
  },
];
/** `--scan-only`: only the hourly scan's own detector, on hourly means. */
const scanOnly = process.argv.includes('--scan-only');
const scanned = (setup: { run?: Detector; sum?: boolean }) => !scanOnly || (setup.run === detectBursts && !setup.sum);

function benchNab(nab: string) {
  const labels = fs.readFileSync(path.join(nab, 'labels/combined_windows.json'), 'utf8');
  const windowsByFile = JSON.parse(labels) as Record<string, [string, string][]>;
  const dir = path.join(nab, 'data/realAWSCloudwatch');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  console.log(`(a) NAB realAWSCloudwatch: ${files.length} files of 5-minute CloudWatch metrics, resampled to hourly means (one setup: hourly sums, as a cost series);`);
  console.log('    spikes and drops, z ≥ 4 and |change| ≥ 20 %; first 15 % of each file is warm-up; scored by window');
  console.log('    each setup also split: the development half (even files in name order), where choices are tried, and the held-out half (odd files)');
  for (const setup of HOURLY.filter(scanned)) {
    const halves: Tally[] = [0, 1].map(() => ({ tp: 0, fp: 0, windows: 0, hours: 0 }));
    files.forEach((file, i) => {
      const points = readCsv(path.join(dir, file));
      const windows = (windowsByFile[`realAWSCloudwatch/${file}`] ?? []).map(([s, e]) => [parseTime(s), parseTime(e)] as [number, number]);
      const warmupEnd = points[Math.floor(points.length * 0.15)]!.time;
      scoreWindows(hourly(points, setup.sum), windows, warmupEnd, setup.options, halves[i % 2]!, setup.run);
    });
    const [dev, held] = halves as [Tally, Tally];
    report(setup.label, { tp: dev.tp + held.tp, fp: dev.fp + held.fp, windows: dev.windows + held.windows, hours: dev.hours + held.hours });
    report('    development half', dev);
    report('    held-out half', held);
  }
}

/** NAB's scoring windows for a set labelled per point: each labelled run widened, centred, to a tenth of the series over its number of runs; overlaps merged. */
function nabWindows(runs: [number, number][], hours: number): [number, number][] {
  const width = runs.length ? (0.1 * hours * HOUR_MS) / runs.length : 0;
  const merged: [number, number][] = [];
  for (const [s, e] of runs) {
    const pad = Math.max(0, (width - (e - s)) / 2);
    const last = merged.at(-1);
    if (last && s - pad <= last[1]) last[1] = Math.max(last[1], e + pad);
    else merged.push([s - pad, e + pad]);
  }
  return merged;
}

function benchMicrosoft(microsoft: string) {
  const root = path.join(microsoft, 'data');
  const files = fs
    .readdirSync(root)
    .flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)))
    .filter((f) => f.endsWith('.csv'))
    .sort();
  console.log(`(c) Microsoft cloud-monitoring: ${files.length} series (minute or hourly), resampled to hourly means (one setup: hourly sums);`);
  console.log('    each run of labelled points is a window; first 15 % of each series is warm-up; same detector setups as (a);');
  console.log('    last lines: the hourly scan detector and the log-space one, scored with NAB windows (runs widened to 10 % of the series / runs, merged)');
  console.log('    split as NAB is: the development half (even files in name order), where choices are tried, and the held-out half (odd files)');
  const runs = [
    ...HOURLY.map((setup) => ({ ...setup, nab: false })),
    { ...HOURLY[0]!, label: 'hourly scan detector, NAB windows', nab: true },
    { ...HOURLY[1]!, label: 'log-space detector, NAB windows', nab: true },
  ];
  for (const setup of runs.filter(scanned)) {
    const halves: Tally[] = [0, 1].map(() => ({ tp: 0, fp: 0, windows: 0, hours: 0 }));
    files.forEach((file, i) => {
      const points = readCsv(file).filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value));
      const windows: [number, number][] = [];
      for (let j = 0; j < points.length; j++) {
        if (!points[j]!.label) continue;
        const start = points[j]!.time;
        while (j + 1 < points.length && points[j + 1]!.label) j++;
        windows.push([start, points[j]!.time]);
      }
      const warmupEnd = points[Math.floor(points.length * 0.15)]!.time;
      const kept = windows.filter(([, e]) => e >= warmupEnd);
      const series = hourly(points, setup.sum);
      scoreWindows(series, setup.nab ? nabWindows(kept, series.values.length) : kept, warmupEnd, setup.options, halves[i % 2]!, setup.run);
    });
    const [dev, held] = halves as [Tally, Tally];
    report(setup.label, { tp: dev.tp + held.tp, fp: dev.fp + held.fp, windows: dev.windows + held.windows, hours: dev.hours + held.hours });
    report('    development half', dev);
    report('    held-out half', held);
  }
}

/**
 * Synthetic hourly AI spend (anomaly-synthetic-hourly.ts) through the hourly scan's detector with
 * its default cost thresholds: a runaway counts if flagged while it runs, a step change within
 * three hours of the deploy; any other flag, or a second one for the same anomaly, is false.
 */
function benchSyntheticHourly(seriesCount: number, seed: number, extra: Partial<DetectOptions> = {}, run: Detector = detectBursts) {
  const options: DetectOptions = { minImpact: 5, minRelative: 1, ...extra, baseline: HOURLY_BASELINE };
  const byKind = new Map<string, { n: number; caught: number; firstHour: number }>();
  let fp = 0;
  let alerts = 0;
  for (let id = 0; id < seriesCount; id++) {
    const s = syntheticHourly(id, seed);
    const caught = new Set<number>();
    for (const d of run(s.values, options)) {
      alerts++;
      const i = s.anomalies.findIndex((a) => d.raisedIndex >= a.start && d.raisedIndex < a.start + (a.kind === 'step' ? 3 : a.hours));
      if (i < 0 || caught.has(i)) fp++;
      else {
        caught.add(i);
        const k = byKind.get(s.anomalies[i]!.kind) ?? { n: 0, caught: 0, firstHour: 0 };
        byKind.set(s.anomalies[i]!.kind, k);
        k.caught++;
        if (d.raisedIndex === s.anomalies[i]!.start) k.firstHour++;
      }
    }
    for (const a of s.anomalies) {
      const k = byKind.get(a.kind) ?? { n: 0, caught: 0, firstHour: 0 };
      byKind.set(a.kind, k);
      k.n++;
    }
  }
  const kinds = [...byKind.values()];
  const tp = kinds.reduce((a, k) => a + k.caught, 0);
  const injected = kinds.reduce((a, k) => a + k.n, 0);
  const precision = tp / (tp + fp || 1);
  const recall = tp / (injected || 1);
  const seriesMonths = (seriesCount * HOURLY_DAYS) / 30.44;
  const role = seed === HOURLY_DEVELOPMENT_SEED ? 'development seed, where choices are tried' : 'measured, not tried on';
  console.log(`(d) synthetic hourly AI spend: ${seriesCount} series × ${HOURLY_DAYS} days, seed ${seed}, ${role} (bench/anomaly-synthetic-hourly.ts);`);
  const added = extra.changePoint ? ' + change point (CUSUM, opt-in)' : extra.windowSum ? ' + window sum (3 h, opt-in)' : '';
  const which = run === detectBursts ? 'the hourly scan detector (hourly-detector.ts)' : `the log-space detector (before, hourLog)${added}`;
  console.log(`    ${which} with its default thresholds (impact ≥ $5/hour, change ≥ +100 %)`);
  console.log(
    `  injected ${injected}  TP ${tp}  FP ${fp}  precision ${pct(precision)}  recall ${pct(recall)}  F1 ${f1(precision, recall).toFixed(3)}  alerts/100 series-months ${((100 * alerts) / seriesMonths).toFixed(0)}`,
  );
  for (const [kind, k] of byKind) console.log(`  ${kind.padEnd(8)} ${String(k.n).padStart(4)} injected  recall ${pct(k.caught / (k.n || 1))}  in their first hour ${pct(k.firstHour / (k.n || 1))}`);
}

/** Synthetic daily sets only (no public data needed): `npm run bench:anomaly -- --daily`. */
const dailyOnly = process.argv.includes('--daily');
/** The sets asked for by letter (`--sets=a,c,d`); all when not given. */
const letters = process.argv
  .find((a) => a.startsWith('--sets='))
  ?.split('=')[1]
  ?.split(',');
const wanted = (letter: string) => !letters || letters.includes(letter);
/** Development seeds for the calendar generator, where its choices are tried: `--calendar-seeds=11,12,13`. */
const calendarSeeds = (process.argv.find((a) => a.startsWith('--calendar-seeds='))?.split('=')[1] ?? '').split(',').filter(Boolean).map(Number);
const started = performance.now();
const syntheticDaily = () => benchSynthetic('(b) synthetic daily cost: 200 series × 365 days, seed 42 (bench/anomaly-synthetic.ts);', (id) => syntheticSeries(id, 42, 365), 200, 365);
if (dailyOnly) syntheticDaily();
else {
  if (wanted('a')) {
    benchNab(requireSet('bench:anomaly', NAB));
    console.log();
  }
  if (wanted('b')) {
    syntheticDaily();
    console.log();
  }
  if (wanted('c')) {
    benchMicrosoft(requireSet('bench:anomaly', MS_CLOUD_MONITORING));
    console.log();
  }
  for (const seed of wanted('d') ? [42, HOURLY_DEVELOPMENT_SEED] : []) {
    benchSyntheticHourly(200, seed);
    if (scanOnly) continue;
    benchSyntheticHourly(200, seed, DETECTORS.hourLog.options, detect);
    benchSyntheticHourly(200, seed, { ...DETECTORS.hourLog.options, changePoint: HOURLY_CHANGE_POINT }, detect);
    benchSyntheticHourly(200, seed, { ...DETECTORS.hourLog.options, windowSum: HOURLY_WINDOW_SUM }, detect);
  }
}
if (wanted('e')) {
  console.log();
  benchSynthetic(
    `(e) second daily generator, validation seed ${VALIDATION_SEED} (chose the tail-aware spread's percentile, checked the drift test's reference after an episode): 200 series × 365 days (bench/anomaly-heldout.ts);`,
    (id) => heldOutSeries(id, VALIDATION_SEED),
    200,
    365,
  );
}
for (const [label, seed] of [
  ['f', HELD_OUT_SEED],
  ['g', SECOND_HELD_OUT_SEED],
] as const) {
  if (!wanted(label)) continue;
  console.log();
  benchSynthetic(`(${label}) second daily generator, HELD-OUT seed ${seed}, never used for any choice: 200 series × 365 days (bench/anomaly-heldout.ts);`, (id) => heldOutSeries(id, seed), 200, 365);
}
for (const seed of calendarSeeds) {
  console.log();
  benchSynthetic(
    `(h-dev) third daily generator with calendar shapes, development seed ${seed}: 200 series × 365 days (bench/anomaly-calendar.ts);`,
    (id) => calendarSeries(id, seed),
    200,
    365,
    calendarFalseAlert,
  );
}
if (wanted('h')) {
  console.log();
  benchSynthetic(
    `(h) third daily generator with calendar shapes, HELD-OUT seed ${CALENDAR_HELD_OUT_SEED}, never used for any choice: 200 series × 365 days (bench/anomaly-calendar.ts);`,
    (id) => calendarSeries(id, CALENDAR_HELD_OUT_SEED),
    200,
    365,
    calendarFalseAlert,
  );
}
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
