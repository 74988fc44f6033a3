/**
 * An hourly finding says which test fired: a runaway is a spike told by its hour ("in the hour from
 * 22:00"), a level that moved and stayed is a level shift told by when it began ("level up since
 * 19:00"), through the scan on ingested LLM usage; the change-point and window-sum tests run only
 * when the workflow turns them on.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
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

it('words a level shift by when it began and a spike by its hour, and says which test fired', async () => {
  const r = await runScans(f.t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { daily: [], hourlyMinImpact: 0.01, hourlyMinRelative: 0.2 } } });
  const hourly = r.findings.filter((x) => x.type === 'cost_anomaly_hourly');
  const rerank = hourly.find((x) => x.scope.feature === 'rerank')!;
  const agent = hourly.find((x) => x.scope.feature === 'agent')!;
  expect(rerank.title).toMatch(/^search \/ rerank: level up since 2026-11-04 19:00 UTC, about \$[\d.]+\/hour vs \$[\d.]+ expected \(\+\d+ %\)$/);
  expect(rerank.evidence).toMatchObject({ start: '2026-11-04T19:00:00Z', fired: expect.stringMatching(/^level shift/) });
  expect(agent.title).toMatch(/^search \/ agent: \$[\d.]+ in the hour from 2026-11-04 22:00 UTC vs \$[\d.]+ expected/);
  expect(agent.evidence).toMatchObject({ fired: expect.stringMatching(/^spike/) });
});

it('finds a smaller shift over more hours only when the workflow turns the change-point test on', async () => {
  const embed = async (hourlyChangePoint: boolean) => {
    const r = await runScans(f.t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { daily: [], hourlyMinImpact: 0.01, hourlyMinRelative: 0.05, hourlyChangePoint } } });
    return r.findings.filter((x) => x.type === 'cost_anomaly_hourly' && x.scope.feature === 'embed');
  };
  expect(await embed(false)).toEqual([]);
  const [shift] = await embed(true);
  expect(shift?.title).toMatch(/^search \/ embed: level up since /);
  expect(shift?.evidence).toMatchObject({ fired: expect.stringMatching(/^level shift/) });
});

it('finds a burst only three hours added up show only when the workflow turns the window-sum test on', async () => {
  const batch = async (hourlyWindowSum: boolean) => {
    const r = await runScans(f.t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { daily: [], hourlyMinImpact: 0.01, hourlyMinRelative: 0.2, hourlyWindowSum } } });
    return r.findings.filter((x) => x.type === 'cost_anomaly_hourly' && x.scope.feature === 'batch');
  };
  expect(await batch(false)).toEqual([]);
  const [burst] = await batch(true);
  expect(burst?.title).toMatch(/^search \/ batch: level up since 2026-11-04 21:00 UTC/);
  expect(burst?.evidence).toMatchObject({ fired: expect.stringMatching(/three hours added up$/) });
});
