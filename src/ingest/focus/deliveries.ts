/**
 * What `penny ingest focus` is given, as files and deliveries. Providers split a billing period's
 * export into several files in one folder (AWS Data Exports' numbered parts, Azure's part_N files
 * of one run), so the files of one folder in one call are parts of one delivery: they add up
 * instead of restating each other. A folder argument stands for the export files under it
 * (CSV, CSV.gz, Parquet), in name order; manifests and hidden files are skipped.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

const EXPORT_FILE = /\.(csv|csv\.gz|gz|parquet)$/i;

export interface ExportPaths {
  files: string[];
  /** Folders given that hold no export file. */
  empty: string[];
}

async function exportFilesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && EXPORT_FILE.test(e.name) && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Expands folder arguments; anything else (a file, a missing path) is left for the loader to judge. */
export async function expandExportPaths(args: string[]): Promise<ExportPaths> {
  const out: ExportPaths = { files: [], empty: [] };
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => undefined);
    if (!stat?.isDirectory()) {
      out.files.push(arg);
      continue;
    }
    const found = await exportFilesUnder(arg);
    if (found.length === 0) out.empty.push(arg);
    out.files.push(...found);
  }
  return out;
}

/** Load ids of each delivery met so far: a file's siblings are the loads of its folder in this call. */
export class Deliveries {
  private readonly byFolder = new Map<string, number[]>();

  siblingsOf(file: string): readonly number[] {
    return [...(this.byFolder.get(folderOf(file)) ?? [])];
  }

  /** Records a file's current load (loaded now, or unchanged since an earlier load). */
  add(file: string, loadId: number): void {
    const folder = folderOf(file);
    this.byFolder.set(folder, [...(this.byFolder.get(folder) ?? []), loadId]);
  }
}

const folderOf = (file: string) => path.dirname(path.resolve(file));
