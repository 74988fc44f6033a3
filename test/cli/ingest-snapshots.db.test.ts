/**
 * Two full snapshots of the same billing period in one folder, without a manifest: by FOCUS
 * semantics each restates the period whole, so loading the folder leaves exactly one copy, the
 * newer's, and the summary says which file was taken as the newer and why. Numbered parts of one
 * snapshot still add up (test/cli/ingest-focus.db.test.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { readSample, writeCsv } from '../support/focus-sample.ts';

const f = fileDb({ truncate: 'cost_lines, ingest_rejects, ingest_load_periods, ingest_loads' });

/** The sample with every BilledCost set to `billed`, written as `name` in `folder`, modified at `modified`. */
async function snapshot(folder: string, name: string, billed: string, modified: string): Promise<string> {
  const { header, rows } = await readSample();
  const at = header.indexOf('BilledCost');
  const out = path.join(f.dir, folder);
  await fs.mkdir(out, { recursive: true });
  const file = await writeCsv(
    out,
    name,
    header,
    rows.map((r) => r.map((v, i) => (i === at ? billed : v))),
  );
  await fs.utimes(file, new Date(modified), new Date(modified));
  return out;
}

async function stored(): Promise<{ n: number; billed: string }> {
  const { rows } = await f.t.pool.query<{ n: number; billed: string }>('select count(*)::int as n, sum(billed_cost)::text as billed from cost_lines');
  return rows[0]!;
}

interface FileDoc {
  file: string;
  status: string;
  replaced: number;
  warnings: string[];
}

async function ingest(folder: string): Promise<FileDoc[]> {
  const r = await runPenny(['ingest', 'focus', folder, '--json'], { env: { DATABASE_URL: f.t.url } });
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { files: FileDoc[] }).files;
}

it('without a date in their names, the later modified snapshot is kept, whatever the name order', async () => {
  // a-focus.csv comes first by name, but was downloaded last
  const folder = await snapshot('downloads', 'a-focus.csv', '3', '2024-10-20T08:00:00Z');
  await snapshot('downloads', 'b-focus.csv', '2', '2024-10-10T08:00:00Z');
  const files = await ingest(folder);
  expect(files.map((x) => [path.basename(x.file), x.status, x.replaced])).toEqual([
    ['b-focus.csv', 'loaded', 0],
    ['a-focus.csv', 'loaded', 1000],
  ]);
  expect(files[1]!.warnings).toContain("a full snapshot of the same billing period as b-focus.csv in its folder: taken as the newer snapshot by its modification time, it replaced that file's rows");
  expect(await stored()).toEqual({ n: 1000, billed: '3000' });

  // The folder loaded again still holds one copy, the newer's.
  await ingest(folder);
  expect(await stored()).toEqual({ n: 1000, billed: '3000' });
});

it("a date-time in the names orders the snapshots before the files' modification times", async () => {
  const folder = await snapshot('exports', 'focus-20241020T030000Z.csv', '5', '2024-10-01T00:00:00Z');
  await snapshot('exports', 'focus-20241005T030000Z.csv', '7', '2024-10-25T00:00:00Z');
  const files = await ingest(folder);
  expect(files.map((x) => path.basename(x.file))).toEqual(['focus-20241005T030000Z.csv', 'focus-20241020T030000Z.csv']);
  expect(files[1]!.warnings.join('\n')).toContain('taken as the newer snapshot by the date-time in its name');
  expect(await stored()).toEqual({ n: 1000, billed: '5000' });
});

it('--one-delivery keeps every file given: they are parts that add up', async () => {
  const folder = await snapshot('split-by-hand', 'compute.csv', '1', '2024-10-01T00:00:00Z');
  await snapshot('split-by-hand', 'storage.csv', '2', '2024-10-02T00:00:00Z');
  const r = await runPenny(['ingest', 'focus', folder, '--one-delivery', '--json'], { env: { DATABASE_URL: f.t.url } });
  expect(r.code).toBe(0);
  expect((JSON.parse(r.stdout) as { files: FileDoc[] }).files.map((x) => x.replaced)).toEqual([0, 0]);
  expect(await stored()).toEqual({ n: 2000, billed: '3000' });
});

it('the human summary names the file taken as the newer snapshot', async () => {
  const folder = await snapshot('same-time', 'costs.csv', '2', '2024-10-01T00:00:00Z');
  await snapshot('same-time', 'costs-again.csv', '4', '2024-10-01T00:00:00Z');
  const r = await runPenny(['ingest', 'focus', folder], { env: { DATABASE_URL: f.t.url } });
  expect(r.code).toBe(0);
  // Equal modification times: name order decides, and the summary says so.
  expect(r.stdout).toMatch(
    /✓ costs\.csv: 1,000 rows loaded, 0 rejected, replaced 1,000 rows of an earlier export of the same period\n {2}note: a full snapshot of the same billing period as costs-again\.csv in its folder: taken as the newer snapshot by name order/,
  );
  expect(await stored()).toEqual({ n: 1000, billed: '2000' });
});
