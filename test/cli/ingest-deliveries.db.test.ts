/**
 * Manifest-described deliveries as `penny ingest focus` meets them (repeated snapshots without a
 * manifest are in ingest-focus.db.test.ts): a manifest (AWS Data Exports, Azure cost exports) names
 * a delivery's parts, which add up even when they arrive in separate calls, and together replace
 * the period's previous delivery; of several deliveries in one folder, the latest is stored. The
 * deliveries are the FinOps Foundation sample's rows of one billing period, cut to different lengths.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { sumDecimals, toScaled } from '../support/decimal.ts';
import { readSample, tempDir, writeCsv } from '../support/focus-sample.ts';

let t: TestDb;
let dir: string;
let header: string[];
/** The sample's rows of the first row's (provider, billing account, billing period). */
let period: string[][];

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  const sample = await readSample();
  header = sample.header;
  const key = (r: string[]) => ['ProviderName', 'BillingAccountId', 'BillingPeriodStart'].map((c) => r[header.indexOf(c)]).join('|');
  period = sample.rows.filter((r) => key(r) === key(sample.rows[0]!));
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.pool.query('truncate cost_lines, ingest_rejects, ingest_load_periods, ingest_loads');
});

const ingest = (...args: string[]) => runPenny(['ingest', 'focus', ...args, '--json'], { env: { DATABASE_URL: t.url } });
const stored = async () => {
  const r = (await t.pool.query<{ n: number; billed: string }>('select count(*)::int as n, coalesce(sum(billed_cost), 0)::text as billed from cost_lines')).rows[0]!;
  return { n: r.n, billed: toScaled(r.billed) };
};
const billed = (rows: string[][]) => sumDecimals(rows.map((r) => r[header.indexOf('BilledCost')]!));
const write = async (rel: string, rows: string[][]) => {
  await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  return writeCsv(dir, rel, header, rows);
};
const writeJson = async (rel: string, doc: unknown) => {
  await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await fs.writeFile(path.join(dir, rel), JSON.stringify(doc, null, 2));
  return path.join(dir, rel);
};
/** An AWS Data Exports manifest, as the export writes it under metadata/BILLING_PERIOD=…/. */
const awsManifest = (executionId: string, parts: string[]) => ({
  version: '1.0',
  exportArn: 'arn:aws:bcm-data-exports:us-east-1:111122223333:export/focus-daily-1a2b3c',
  exportName: 'focus-daily',
  executionId,
  billingPeriod: { start: '2024-09-01T00:00:00Z', end: '2024-10-01T00:00:00Z' },
  dataFiles: parts.map((p) => `s3://acme-billing/exports/focus-daily/data/BILLING_PERIOD=2024-09/${p}`),
});

describe('a manifest delivery', () => {
  it('AWS: its parts add up across calls and replace the previous delivery whole; unlisted files are left out', async () => {
    const root = 'aws/exports/focus-daily';
    // The previous delivery, in two parts.
    await write(`${root}/data/BILLING_PERIOD=2024-09/old/focus-daily-00001.csv`, period.slice(0, 10));
    await write(`${root}/data/BILLING_PERIOD=2024-09/old/focus-daily-00002.csv`, period.slice(10, 20));
    const manifest = await writeJson(`${root}/metadata/BILLING_PERIOD=2024-09/focus-daily-Manifest.json`, awsManifest('exec-old', ['old/focus-daily-00001.csv', 'old/focus-daily-00002.csv']));
    expect((await ingest(manifest)).code).toBe(0);
    expect(await stored()).toEqual({ n: 20, billed: billed(period.slice(0, 20)) });

    // The next delivery: only its first part has arrived when the first call runs.
    await write(`${root}/data/BILLING_PERIOD=2024-09/new/focus-daily-00001.csv`, period.slice(0, 15));
    await writeJson(`${root}/metadata/BILLING_PERIOD=2024-09/focus-daily-Manifest.json`, awsManifest('exec-new', ['new/focus-daily-00001.csv', 'new/focus-daily-00002.csv']));
    const first = await ingest(path.join(dir, 'aws'));
    expect(first.code).toBe(1);
    const doc = JSON.parse(first.stdout);
    expect(doc.files.filter((f: { status: string }) => f.status === 'failed').map((f: { error: string }) => f.error)).toEqual([
      expect.stringMatching(/^listed in focus-daily-Manifest\.json but not found/),
    ]);
    expect(doc.leftOut.map((f: string) => path.basename(path.dirname(f)))).toEqual(['old', 'old']);
    // The old delivery is gone whole, not only the rows the first part overlaps.
    expect(await stored()).toEqual({ n: 15, billed: billed(period.slice(0, 15)) });

    // The second part arrives and is loaded on its own: it finds its manifest and keeps the first part.
    const part2 = await write(`${root}/data/BILLING_PERIOD=2024-09/new/focus-daily-00002.csv`, period.slice(15, 30));
    const second = await ingest(part2);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).files).toMatchObject([{ status: 'loaded', rows: 15, replaced: 0 }]);
    expect(await stored()).toEqual({ n: 30, billed: billed(period.slice(0, 30)) });

    // A later run over the folder after the first part was cleaned away: it is stored, not missing.
    await fs.rm(path.join(dir, `${root}/data/BILLING_PERIOD=2024-09/new/focus-daily-00001.csv`));
    const third = await ingest(path.join(dir, 'aws'));
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout).files.map((f: { status: string }) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(await stored()).toEqual({ n: 30, billed: billed(period.slice(0, 30)) });
  });

  it('Azure: runs in one folder, each with its manifest; the latest run is stored, its parts together', async () => {
    const run = async (id: string, submitted: string, parts: string[][][], miscounted?: number) => {
      const blobs = [];
      for (const [i, rows] of parts.entries()) {
        const name = `focus/cost-export/20240901-20240930/${id}/part_0_000${i + 1}.csv`;
        await write(`azure/${name}`, rows);
        blobs.push({ blobName: name, byteCount: 1, dataRowCount: i === miscounted ? rows.length + 1 : rows.length });
      }
      await writeJson(`azure/focus/cost-export/20240901-20240930/${id}/manifest.json`, {
        manifestVersion: '2024-04-01',
        byteCount: 1,
        blobCount: blobs.length,
        dataRowCount: parts.flat().length,
        exportConfig: {
          exportName: 'cost-export',
          resourceId: '/subscriptions/0000/providers/Microsoft.CostManagement/exports/cost-export',
          dataVersion: '1.0',
          apiVersion: '2023-07-01-preview',
          type: 'FocusCost',
          timeFrame: 'MonthToDate',
          granularity: 'Daily',
        },
        deliveryConfig: { partitionData: true, dataOverwriteBehavior: 'CreateNewReport', fileFormat: 'Csv', compressionMode: 'None' },
        runInfo: { executionType: 'Scheduled', submittedTime: submitted, runId: id, startDate: '2024-09-01T00:00:00', endDate: '2024-09-30T00:00:00' },
        blobs,
      });
    };
    // Run ids sort against their times: the submission time decides which is latest.
    await run('0b9d4e71', '2024-09-16T04:00:00Z', [period.slice(0, 12), period.slice(12, 25)], 1);
    await run('f1a0c3e2', '2024-09-09T04:00:00Z', [period.slice(0, 18)]);
    const r = await ingest(path.join(dir, 'azure'));
    expect(r.code).toBe(0);
    expect(await stored()).toEqual({ n: 25, billed: billed(period.slice(0, 25)) });
    // A part whose row count differs from its manifest's dataRowCount is loaded, and said so.
    const warned = JSON.parse(r.stdout).files.filter((f: { warnings: string[] }) => f.warnings.some((w) => w.startsWith('its manifest says')));
    expect(warned.map((f: { file: string; warnings: string[] }) => [path.basename(f.file), f.warnings.at(-1)])).toEqual([
      ['part_0_0002.csv', 'its manifest says 14 rows, the file holds 13: an incomplete download or a changed file?'],
    ]);
  });

  it('a manifest that is not one fails alone, with the reason', async () => {
    const bad = await writeJson('bad/x-Manifest.json', { executionId: 'e1', dataFiles: [] });
    const r = await ingest(bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('x-Manifest.json: not an AWS Data Exports or Azure cost export manifest (dataFiles: lists no data file)');
  });
});
