import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Deliveries, expandExportPaths } from '../../../src/ingest/focus/deliveries.ts';
import { tempDir } from '../../support/focus-sample.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
  for (const f of ['exports/BILLING_PERIOD=2024-10/x-00002.csv.gz', 'exports/BILLING_PERIOD=2024-10/x-00001.csv.gz', 'exports/BILLING_PERIOD=2024-09/x-00001.snappy.parquet', 'exports/BILLING_PERIOD=2024-09/x-Manifest.json', 'exports/.hidden.csv', 'exports/notes.txt', 'empty/readme.md']) {
    await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await fs.writeFile(path.join(dir, f), '');
  }
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

it('a folder stands for the export files under it in name order; files and missing paths stay as given', async () => {
  const got = await expandExportPaths([path.join(dir, 'exports'), path.join(dir, 'missing.csv'), path.join(dir, 'empty')]);
  expect(got.files.map((f) => path.relative(dir, f))).toEqual([
    'exports/BILLING_PERIOD=2024-09/x-00001.snappy.parquet',
    'exports/BILLING_PERIOD=2024-10/x-00001.csv.gz',
    'exports/BILLING_PERIOD=2024-10/x-00002.csv.gz',
    'missing.csv',
  ]);
  expect(got.empty).toEqual([path.join(dir, 'empty')]);
});

it('a file\'s siblings are the loads met in its own folder', () => {
  const d = new Deliveries();
  d.add('/e/2024-10/a.csv', 1);
  d.add('/e/2024-10/b.csv', 2);
  d.add('/e/2024-09/a.csv', 3);
  expect(d.siblingsOf('/e/2024-10/c.csv')).toEqual([1, 2]);
  expect(d.siblingsOf('/e/2024-09/b.csv')).toEqual([3]);
  expect(d.siblingsOf('/e/other/a.csv')).toEqual([]);
});
