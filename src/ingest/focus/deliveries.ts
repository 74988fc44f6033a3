/**
 * What `penny ingest focus` is given, as files and deliveries. Providers split a billing period's
 * export into several files (AWS Data Exports' numbered parts, Azure's part_N files of one run),
 * and the parts of one delivery add up instead of restating each other; a new delivery of the
 * period replaces the previous one whole.
 *
 * - A manifest (AWS `…-Manifest.json`, Azure `manifest.json`; see manifests.ts), given itself or
 *   found under a folder given, names a delivery's files. Its key is stored with each part's load,
 *   so parts loaded in separate calls still belong together. Under a folder with manifests, export
 *   files no manifest lists are left out: they are other deliveries' (older snapshots) files.
 * - Without a manifest, the files of one folder in one call are parts of one delivery when their
 *   names say so (numbered parts); otherwise each is a full snapshot, loaded oldest first, so the
 *   newest replaces the others' billing periods (see snapshots.ts).
 *
 * A folder argument stands for the export files under it (CSV, CSV.gz, Parquet), in name order;
 * hidden files are skipped. Manifest deliveries load oldest first, so the newest ends up stored.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { FocusFileResult } from './load.ts';
import { MANIFEST_FILE, readManifest, type ManifestDelivery } from './manifests.ts';
import { orderSnapshots, type SnapshotBasis } from './snapshots.ts';

const EXPORT_FILE = /\.(csv|csv\.gz|gz|parquet)$/i;

export interface ExportFile {
  file: string;
  /** The manifest delivery it is part of; none for a file grouped by its folder. */
  delivery?: string;
  /** The records its manifest says it holds, where the manifest says (Azure). */
  expectedRows?: number;
  /** Without a manifest: the snapshot of its folder it is a part of (see snapshots.ts). */
  snapshot?: string;
  /** How its folder's snapshots were ordered, when the folder holds more than one. */
  basis?: SnapshotBasis;
}

export interface MissingPart {
  /** The file as the manifest names it. */
  listed: string;
  manifest: string;
  delivery: string;
}

export interface ExportPaths {
  files: ExportFile[];
  /** Folders given that hold no export file. */
  empty: string[];
  /** Manifests that could not be read. */
  failed: { file: string; error: string }[];
  /** Files a manifest lists that are not on disk: stored by an earlier call, or yet to arrive. */
  missing: MissingPart[];
  /** Export files under a folder with manifests that no manifest lists. */
  leftOut: string[];
  /** Manifests under a folder that were not used, and why. */
  notes: string[];
}

async function filesUnder(dir: string, test: (name: string) => boolean): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && test(e.name) && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const isManifest = (name: string) => MANIFEST_FILE.test(name);
const isExport = (name: string) => EXPORT_FILE.test(name) && !isManifest(name);

async function readAll(manifests: string[]): Promise<{ read: ManifestDelivery[]; unread: { file: string; error: string }[] }> {
  const read: ManifestDelivery[] = [];
  const unread: { file: string; error: string }[] = [];
  for (const m of manifests) {
    try {
      read.push(await readManifest(m));
    } catch (err) {
      unread.push({ file: m, error: (err as Error).message });
    }
  }
  return { read, unread };
}

function addDeliveries(read: ManifestDelivery[], out: ExportPaths): Set<string> {
  const listed = new Set<string>();
  for (const d of read.sort((a, b) => a.writtenMs - b.writtenMs)) {
    for (const file of d.files) {
      listed.add(path.resolve(file));
      out.files.push({ file, delivery: d.key, expectedRows: d.expectedRows.get(file) });
    }
    for (const name of d.missing) out.missing.push({ listed: name, manifest: d.manifest, delivery: d.key });
  }
  return listed;
}

/**
 * The manifest delivery that lists a file given on its own, so a part loaded in a later call joins
 * its delivery: manifests in the file's folder (Azure keeps one beside each run's files) and, up
 * to four folders above it, under a `metadata` folder (AWS keeps them in metadata/BILLING_PERIOD=…).
 */
async function deliveryListing(file: string): Promise<string | undefined> {
  const target = path.resolve(file);
  let dir = path.dirname(target);
  for (let up = 0; up <= 4; up++, dir = path.dirname(dir)) {
    const here = up === 0 ? (await fs.readdir(dir)).filter(isManifest).map((m) => path.join(dir, m)) : [];
    const metadata = path.join(dir, 'metadata');
    const below = (await fs.stat(metadata).catch(() => undefined))?.isDirectory() ? await filesUnder(metadata, isManifest) : [];
    for (const m of [...here, ...below]) {
      const d = await readManifest(m).catch(() => undefined);
      if (d?.files.some((f) => path.resolve(f) === target)) return d.key;
    }
  }
  return undefined;
}

/** Expands folder and manifest arguments; anything else (a file, a missing path) is left for the loader to judge. */
export async function expandExportPaths(args: string[]): Promise<ExportPaths> {
  const out: ExportPaths = { files: [], empty: [], failed: [], missing: [], leftOut: [], notes: [] };
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => undefined);
    if (stat?.isFile() && isManifest(path.basename(arg))) {
      const { read, unread } = await readAll([arg]);
      out.failed.push(...unread);
      addDeliveries(read, out);
      continue;
    }
    if (!stat?.isDirectory()) {
      out.files.push({ file: arg, delivery: stat ? await deliveryListing(arg) : undefined });
      continue;
    }
    const { read, unread } = await readAll(await filesUnder(arg, isManifest));
    // Under a folder, a manifest of another kind (legacy CUR's reportKeys) is a note, not a failure.
    out.notes.push(...unread.map((u) => `${u.file} was not used: ${u.error}`));
    const found = await filesUnder(arg, isExport);
    if (read.length === 0) {
      if (found.length === 0) out.empty.push(arg);
      out.files.push(...found.map((file) => ({ file })));
      continue;
    }
    const listed = addDeliveries(read, out);
    out.leftOut.push(...found.filter((f) => !listed.has(path.resolve(f))));
  }
  await orderByFolder(out.files);
  return out;
}

/** Orders the files no manifest describes by snapshot within their folder, in the places that folder's files hold. */
async function orderByFolder(files: ExportFile[]): Promise<void> {
  const slots = new Map<string, number[]>();
  files.forEach((f, i) => {
    if (f.delivery !== undefined) return;
    const dir = path.dirname(path.resolve(f.file));
    slots.set(dir, [...(slots.get(dir) ?? []), i]);
  });
  for (const places of slots.values()) {
    const ordered = await orderSnapshots(places.map((i) => files[i]!.file));
    ordered.forEach(({ file, order }, n) => {
      files[places[n]!] = { file, snapshot: order.snapshot, ...(order.basis && { basis: order.basis }) };
    });
  }
}

/** A part a manifest lists but that is gone from disk, as stored by an earlier call of the same delivery (unchanged). */
export async function storedPart(pool: pg.Pool, delivery: string, listed: string): Promise<FocusFileResult | undefined> {
  const { rows } = await pool.query<{ id: string; file_path: string; rows: string; rejected: string }>(
    "select id, file_path, rows, rejected from ingest_loads where kind = 'focus' and status = 'loaded' and delivery = $1 order by id desc",
    [delivery],
  );
  const name = path.posix.basename(listed);
  const hit = rows.find((r) => path.basename(r.file_path) === name);
  if (!hit) return undefined;
  const stored = Number(hit.rows),
    rejected = Number(hit.rejected);
  return { file: hit.file_path, status: 'unchanged', lines: stored + rejected, rows: stored, rejected, replaced: 0, periods: [], warnings: [], loadId: Number(hit.id) };
}

/** Load ids of each delivery met in this call: a manifest's, else a snapshot's of a folder (a folder's for a file not expanded). */
export class Deliveries {
  private readonly byDelivery = new Map<string, number[]>();

  siblingsOf(f: ExportFile): readonly number[] {
    return [...(this.byDelivery.get(deliveryOf(f)) ?? [])];
  }

  /** Records a file's current load (loaded now, or unchanged since an earlier load). */
  add(f: ExportFile, loadId: number): void {
    const key = deliveryOf(f);
    this.byDelivery.set(key, [...(this.byDelivery.get(key) ?? []), loadId]);
  }
}

const deliveryOf = (f: ExportFile) => (f.delivery !== undefined ? `manifest:${f.delivery}` : (f.snapshot ?? `folder:${path.dirname(path.resolve(f.file))}`));
