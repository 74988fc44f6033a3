/**
 * An hourly finding says which detector ran and which test fired, through the scan on ingested LLM
 * usage: by default the square-root detector (DETECTORS.hour) tells a spike by its hour ("in the
 * hour from 22:00") and a burst only three hours show by when it began ("level up since 14:00");
 * a workflow turning on the change-point or window-sum test gets the log-space detector
 * (DETECTORS.hourLog) with it, which tells a level shift by when it began.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { DETECTORS } from '../../../src/scans/anomaly/calendar.ts';
import { runScans } from '../../../src/scans/run.ts';
import { fileDb } from '../../support/file-db.ts';
import { series } from './series.ts';

const AS_OF = '2026-11-05';
const HOURS = 6 * 24;
const f = fileDb();

/**
 * One call an hour for six days per feature: rerank ×1.35 from its last five hours on, agent ×10
 * in its last two, embed ×1.12 from its last ten (a shift no three hours show on their own), batch
 * bursty (hours vary by 50 %) and ×4 in its last four (a burst only their sum shows).
 */
function usage(): string {
  const end = Date.parse(`${AS_OF}T00:00:00Z`);
  const rerank = series(HOURS, 1, { noise: 0.1, seed: 15 }).map((x, i) => (i >= HOURS - 5 ? x * 1.35 : x));
  const agent = series(HOURS, 1, { noise: 0.1, seed: 16 }).map((x, i) => (i >= HOURS - 2 ? x * 10 : x));
  const embed = series(HOURS, 1, { noise: 0.05, seed: 17 }).map((x, i) => (i >= HOURS - 10 ? x * 1.12 : x));
  const batch = series(HOURS, 1, { noise: 0.5, seed: 20 }).map((x, i) => (i >= HOURS - 4 ? x * 4 : x));
  const lines: string[] = [];
  for (let i = 0; i < HOURS; i++) {
    const at = new Date(end - (HOURS - i) * 3_600_000 + 60_000).toISOString();
    for (const [feature, v] of [
      ['rerank', rerank],
      ['agent', agent],
      ['embed', embed],
      ['batch', batch],
    ] as const) {
      lines.push(
        JSON.stringify({
          timestamp: at,
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.id': `${feature}-${i}`,
          'gen_ai.usage.input_tokens': Math.round(200_000 * v[i]!),
          'gen_ai.usage.output_tokens': 0,
          team: 'search',
          feature,
        }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  const file = path.join(f.dir, 'calls.jsonl');
  await fs.writeFile(file, usage());
  expect((await loadUsageFile(f.t.pool, file)).rejected).toBe(0);
}, 120_000);

const hourlyFindings = async (extra: { hourlyChangePoint?: boolean; hourlyWindowSum?: boolean }, hourlyMinRelative = 0.2) => {
  const r = await runScans(f.t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { daily: [], hourlyMinImpact: 0.01, hourlyMinRelative, ...extra } } });
  const hourly = r.findings.filter((x) => x.type === 'cost_anomaly_hourly');
  return (feature: string) => hourly.filter((x) => x.scope.feature === feature);
};

it("by default: a runaway, the bursty feature's ×4 burst and the first hour of a shift, each told by its hour", async () => {
  const of = await hourlyFindings({});
  const [agent] = of('agent');
  expect(agent?.title).toMatch(/^search \/ agent: \$[\d.]+ in the hour from 2026-11-04 22:00 UTC vs \$[\d.]+ expected/);
  expect(agent?.evidence).toMatchObject({ detector: DETECTORS.hour.text, fired: expect.stringMatching(/^spike/) });
  // Hours vary by 50 %: the log-space detector finds this burst only with the window-sum test on.
  expect(of('batch').map((x) => x.title)).toEqual([expect.stringMatching(/^search \/ batch: \$[\d.]+ in the hour from 2026-11-04 21:00 UTC/)]);
  expect(of('rerank').map((x) => x.title)).toEqual([expect.stringMatching(/^search \/ rerank: \$[\d.]+ in the hour from 2026-11-04 19:00 UTC/)]);
  expect(of('embed')).toEqual([]);
});

it('finds a +12 % shift no hour shows as a burst of three hours, dated from where it began', async () => {
  const [embed] = (await hourlyFindings({}, 0.05))('embed');
  expect(embed?.title).toMatch(/^search \/ embed: level up since 2026-11-04 14:00 UTC/);
  expect(embed?.evidence).toMatchObject({ detector: DETECTORS.hour.text, fired: expect.stringMatching(/^burst: three hours added up/) });
});

it('with the change-point test on, runs the log-space detector, which words a level shift by when it began', async () => {
  const [rerank] = (await hourlyFindings({ hourlyChangePoint: true }))('rerank');
  expect(rerank?.title).toMatch(/^search \/ rerank: level up since 2026-11-04 19:00 UTC, about \$[\d.]+\/hour vs \$[\d.]+ expected \(\+\d+ %\)$/);
  expect(rerank?.evidence).toMatchObject({ start: '2026-11-04T19:00:00Z', detector: DETECTORS.hourLog.text, fired: expect.stringMatching(/^level shift/) });
});

it('with the window-sum test on, the log-space detector finds the burst in three hours added up', async () => {
  const [burst] = (await hourlyFindings({ hourlyWindowSum: true }))('batch');
  expect(burst?.title).toMatch(/^search \/ batch: level up since 2026-11-04 21:00 UTC/);
  expect(burst?.evidence).toMatchObject({ detector: DETECTORS.hourLog.text, fired: expect.stringMatching(/three hours added up$/) });
});
