import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orderSnapshots, statedTime } from '../../../src/ingest/focus/snapshots.ts';
import { tempDir } from '../../support/focus-sample.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Writes the files (name → modification time) and returns each snapshot's files, in load order. */
async function snapshots(folder: string, files: Record<string, string>): Promise<string[][]> {
  await fs.mkdir(path.join(dir, folder));
  for (const [name, modified] of Object.entries(files)) {
    const file = path.join(dir, folder, name);
    await fs.writeFile(file, '');
    await fs.utimes(file, new Date(modified), new Date(modified));
  }
  const ordered = await orderSnapshots(Object.keys(files).map((n) => path.join(dir, folder, n)));
  const out: string[][] = [];
  let last: string | undefined;
  for (const { file, order } of ordered) {
    if (order.snapshot !== last) out.push([]);
    out.at(-1)!.push(path.basename(file));
    last = order.snapshot;
  }
  return out;
}

it('reads a date or an ISO 8601 date-time in a name, not a part counter', () => {
  expect(statedTime('focus-20241015T030000Z.csv')).toBe(Date.parse('2024-10-15T03:00:00Z'));
  expect(statedTime('x-2024-10-15T03:00:00Z.csv.gz')).toBe(Date.parse('2024-10-15T03:00:00Z'));
  expect(statedTime('focus-2024-10-15.csv')).toBe(Date.parse('2024-10-15T00:00:00Z'));
  expect(statedTime('focus-20241015-0001.csv')).toBe(Date.parse('2024-10-15T00:00:00Z'));
  for (const n of ['focus-00001.csv.gz', 'part_0_0001.csv', 'export-000000000001.csv', 'a-20241399.csv']) expect(statedTime(n)).toBeUndefined();
});

it("numbered parts are one snapshot: AWS's, Azure's, BigQuery's and plain counters, also after a date", async () => {
  const t = '2024-10-01T00:00:00Z';
  expect(await snapshots('aws', { 'focus-00002.csv.gz': t, 'focus-00001.csv.gz': t })).toEqual([['focus-00001.csv.gz', 'focus-00002.csv.gz']]);
  expect(await snapshots('azure', { 'part_1_0001.csv': t, 'part_0_0001.csv': t })).toEqual([['part_0_0001.csv', 'part_1_0001.csv']]);
  expect(await snapshots('bq', { 'export-000000000000.csv': t, 'export-000000000001.csv': t })).toEqual([['export-000000000000.csv', 'export-000000000001.csv']]);
  expect(await snapshots('dated', { 'focus-20241015-0002.csv': t, 'focus-20241015-0001.csv': t })).toEqual([['focus-20241015-0001.csv', 'focus-20241015-0002.csv']]);
});

it('other files are snapshots, oldest first: by the dates in their names, else modification time, else name', async () => {
  const by = (basis: string) => async (folder: string, files: Record<string, string>) => {
    const ordered = await orderSnapshots(Object.keys(files).map((n) => path.join(dir, folder, n)));
    expect(ordered.every((o) => o.order.basis === basis)).toBe(true);
  };
  const dated = { 'focus-2024-10-20.csv': '2024-10-01T00:00:00Z', 'focus-2024-10-15.csv': '2024-10-30T00:00:00Z' };
  expect(await snapshots('days', dated)).toEqual([['focus-2024-10-15.csv'], ['focus-2024-10-20.csv']]);
  await by('the date-time in its name')('days', dated);
  const downloaded = { 'a.csv': '2024-10-20T00:00:00Z', 'b.csv': '2024-10-10T00:00:00Z' };
  expect(await snapshots('downloads', downloaded)).toEqual([['b.csv'], ['a.csv']]);
  await by('its modification time')('downloads', downloaded);
  const copied = { 'b.csv': '2024-10-20T00:00:00Z', 'a.csv': '2024-10-20T00:00:00Z' };
  expect(await snapshots('copied', copied)).toEqual([['a.csv'], ['b.csv']]);
  await by('name order')('copied', copied);
});
