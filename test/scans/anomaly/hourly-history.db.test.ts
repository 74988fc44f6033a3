/**
 * Minimum history for hourly series: an hourly series younger than minHistoryHours (default 72,
 * per workflow and per scope) is not judged but listed as too young, with when it will be, in the
 * scan's result and in `penny scan` output; with less required, the same runaway is a finding.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import type { ScanParams } from '../../../src/scans/params.ts';
import { runScans } from '../../../src/scans/run.ts';
import { runPenny } from '../../support/cli.ts';
import { fileDb } from '../../support/file-db.ts';

const AS_OF = '2026-11-05';
const NEW = { team: 'support', feature: 'new-bot' };
const OLD = { team: 'support', feature: 'old-bot' };
const f = fileDb();

/** Four calls an hour of each feature (old-bot for six days, new-bot for its last 30 hours), and ten times that for new-bot's last three hours. */
function usage(): string {
  const lines: string[] = [];
  const call = (at: Date, feature: string, i: number) =>
    JSON.stringify({
      timestamp: at.toISOString(),
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.id': `${feature}-${at.getTime()}-${i}`,
      'gen_ai.usage.input_tokens': 100_000,
      'gen_ai.usage.output_tokens': 2000,
      ...(feature === NEW.feature ? NEW : OLD),
    });
  const end = Date.parse(`${AS_OF}T00:00:00Z`);
  for (let h = 6 * 24; h >= 1; h--) {
    const at = new Date(end - h * 3_600_000);
    for (let i = 0; i < 4; i++) lines.push(call(at, OLD.feature, i));
    if (h <= 30) for (let i = 0; i < (h <= 3 ? 40 : 4); i++) lines.push(call(at, NEW.feature, i));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  const file = path.join(f.dir, 'calls.jsonl');
  await fs.writeFile(file, usage());
  expect((await loadUsageFile(f.t.pool, file)).rejected).toBe(0);
}, 120_000);

const scan = (anomaly: ScanParams['anomaly'] = {}) => runScans(f.t.pool, { kinds: ['anomaly'], asOf: AS_OF, params: { anomaly: { daily: [], ...anomaly } } });

describe('hourly minimum history', () => {
  it('lists a series younger than 72 hours as too young instead of judging it', async () => {
    const r = await scan();
    expect(r.findings.map((x) => x.scope)).not.toContainEqual(NEW);
    expect(r.tooYoung).toEqual([{ type: 'cost_anomaly_hourly', scope: NEW, since: '2026-11-03T18:00:00Z', hours: 30, judgedFrom: '2026-11-06T18:00:00Z' }]);
  });

  it('judges it with less history required, per workflow or per scope, and finds the runaway', async () => {
    for (const anomaly of [{ minHistoryHours: 24 }, { thresholds: [{ scope: { feature: 'new-bot' }, minHistoryHours: 24 }] }]) {
      const r = await scan(anomaly);
      expect(r.tooYoung).toEqual([]);
      expect(r.findings.filter((x) => x.type === 'cost_anomaly_hourly').map((x) => [x.scope, x.evidence.start])).toEqual([[NEW, '2026-11-04T21:00:00Z']]);
    }
  });

  it('says it in `penny scan` output', async () => {
    const out = await runPenny(['scan', 'anomaly', '--as-of', AS_OF], { env: { DATABASE_URL: f.t.url, PENNY_LOG_LEVEL: undefined } });
    expect(out.stdout).toMatch(/anomaly series too young to judge yet:\n(.*\n)*  support \/ new-bot \(hourly\): 30 hours of data since 2026-11-03T18:00:00Z, judged from 2026-11-06T18:00:00Z\n/);
  }, 60_000);
});
