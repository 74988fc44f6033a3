import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Deliveries, expandExportPaths } from '../../../src/ingest/focus/deliveries.ts';
import { tempDir } from '../../support/focus-sample.ts';

let dir: string;
const put = async (f: string, text = '') => {
  await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
  await fs.writeFile(path.join(dir, f), text);
};
const rel = (f: string) => path.relative(dir, f);

beforeAll(async () => {
  dir = await tempDir();
  for (const f of [
    'exports/BILLING_PERIOD=2024-10/x-00002.csv.gz',
    'exports/BILLING_PERIOD=2024-10/x-00001.csv.gz',
    'exports/BILLING_PERIOD=2024-09/x-00001.snappy.parquet',
    'exports/.hidden.csv',
    'exports/notes.txt',
    'empty/readme.md',
  ])
    await put(f);
  // An AWS Data Exports tree: the manifest lists the newer execution's two parts, not the older file.
  for (const f of [
    'aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00001.csv.gz',
    'aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00002.csv.gz',
    'aws/focus/data/BILLING_PERIOD=2024-10/e1/focus-00001.csv.gz',
  ])
    await put(f);
  await put(
    'aws/focus/metadata/BILLING_PERIOD=2024-10/focus-Manifest.json',
    JSON.stringify({
      exportArn: 'arn:aws:bcm-data-exports:us-east-1:111122223333:export/focus',
      executionId: 'e2',
      dataFiles: [
        's3://bucket/aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00001.csv.gz',
        's3://bucket/aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00002.csv.gz',
        's3://bucket/aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00003.csv.gz',
      ],
    }),
  );
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

it('a folder without manifests stands for the export files under it in name order; files and missing paths stay as given', async () => {
  const got = await expandExportPaths([path.join(dir, 'exports'), path.join(dir, 'missing.csv'), path.join(dir, 'empty')]);
  expect(got.files.map((f) => rel(f.file))).toEqual([
    'exports/BILLING_PERIOD=2024-09/x-00001.snappy.parquet',
    'exports/BILLING_PERIOD=2024-10/x-00001.csv.gz',
    'exports/BILLING_PERIOD=2024-10/x-00002.csv.gz',
    'missing.csv',
  ]);
  expect(got.files.every((f) => f.delivery === undefined)).toBe(true);
  expect(got.empty).toEqual([path.join(dir, 'empty')]);
});

it('a folder with a manifest: the files it lists as one delivery, a listed file not on disk missing, the rest left out', async () => {
  const got = await expandExportPaths([path.join(dir, 'aws')]);
  const key = 'aws:arn:aws:bcm-data-exports:us-east-1:111122223333:export/focus:e2';
  expect(got.files.map((f) => [rel(f.file), f.delivery])).toEqual([
    ['aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00001.csv.gz', key],
    ['aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00002.csv.gz', key],
  ]);
  expect(got.missing).toEqual([{ listed: 's3://bucket/aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00003.csv.gz', manifest: expect.stringMatching(/focus-Manifest\.json$/), delivery: key }]);
  expect(got.leftOut.map(rel)).toEqual(['aws/focus/data/BILLING_PERIOD=2024-10/e1/focus-00001.csv.gz']);
});

it('a part given on its own finds the manifest that lists it; a file no manifest lists has none', async () => {
  const got = await expandExportPaths([path.join(dir, 'aws/focus/data/BILLING_PERIOD=2024-10/e2/focus-00002.csv.gz'), path.join(dir, 'aws/focus/data/BILLING_PERIOD=2024-10/e1/focus-00001.csv.gz')]);
  expect(got.files.map((f) => f.delivery)).toEqual(['aws:arn:aws:bcm-data-exports:us-east-1:111122223333:export/focus:e2', undefined]);
});

it("a file's siblings are the loads met in its own delivery: its manifest's, else its folder's", () => {
  const d = new Deliveries();
  d.add({ file: '/e/2024-10/a.csv' }, 1);
  d.add({ file: '/e/2024-10/b.csv' }, 2);
  d.add({ file: '/e/2024-09/a.csv' }, 3);
  d.add({ file: '/e/2024-09/m1/a.csv', delivery: 'azure:x:run1' }, 4);
  expect(d.siblingsOf({ file: '/e/2024-10/c.csv' })).toEqual([1, 2]);
  expect(d.siblingsOf({ file: '/e/2024-09/b.csv' })).toEqual([3]);
  expect(d.siblingsOf({ file: '/e/other/a.csv' })).toEqual([]);
  expect(d.siblingsOf({ file: '/e/2024-09/m2/b.csv', delivery: 'azure:x:run1' })).toEqual([4]);
});
