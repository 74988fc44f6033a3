/**
 * Export files of one folder that no manifest describes: which are parts of one delivery and which
 * are separate full snapshots, and in which order they load.
 *
 * FOCUS restates a billing period whole: every export of a (provider, billing account, billing
 * period) is a full snapshot, so of two snapshots only the later may stay (periods.ts replaces the
 * earlier). A provider splits one snapshot into numbered parts (AWS `…-00001.csv.gz`, Azure
 * `part_0_0001.csv`, `part-1.csv`): files whose names differ only in their numbers, and not in a
 * date, are parts of one delivery and add up. Any other files of the folder are separate
 * snapshots, loaded oldest first so the newest is the one kept. Oldest by, in this order:
 * - the date or date-time written in their names (`…-20241015T030000Z.csv`, `…-2024-10-15.csv`),
 *   when every snapshot has one and no two are equal;
 * - else their modification time (what `aws s3 sync` and a download set), when no two are equal;
 * - else name order.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/** How the snapshots of a folder were ordered, as the summary says it. */
export type SnapshotBasis = 'the date-time in its name' | 'its modification time' | 'name order';

export interface SnapshotOrder {
  /** The file's snapshot within its folder: its parts share it. */
  snapshot: string;
  /** Set when the folder holds more than one snapshot. */
  basis?: SnapshotBasis;
}

// A date (2024-10-15, 20241015), with a time of day only after ISO 8601's T (T03:00:00Z, T030000Z):
// a bare number after a date is more often a part's counter than a time.
const DATE_TIME = /(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?Z?)?/;

/** The date-time a file's name states (epoch ms, read as UTC), if it states a valid one. */
export function statedTime(name: string): number | undefined {
  const m = DATE_TIME.exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const valid = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  return valid ? ms : undefined;
}

/** What the parts of one snapshot share: the name without its date-time and with every other number as `#`. */
const partKey = (name: string) => (statedTime(name) === undefined ? name : name.replace(DATE_TIME, '')).replace(/\d+/g, '#');

interface Snapshot {
  key: string;
  files: string[];
  stated?: number;
  modified?: number;
}

/** Times that order every snapshot: all known and no two equal. */
const distinct = (times: readonly (number | undefined)[]) => times.every((t) => t !== undefined) && new Set(times).size === times.length;

function basisOf(snapshots: readonly Snapshot[]): SnapshotBasis {
  if (distinct(snapshots.map((s) => s.stated))) return 'the date-time in its name';
  if (distinct(snapshots.map((s) => s.modified))) return 'its modification time';
  return 'name order';
}

const ORDER: Record<SnapshotBasis, (a: Snapshot, b: Snapshot) => number> = {
  'the date-time in its name': (a, b) => a.stated! - b.stated!,
  'its modification time': (a, b) => a.modified! - b.modified!,
  'name order': (a, b) => a.files[0]!.localeCompare(b.files[0]!),
};

/**
 * The files of one folder, oldest snapshot first and each snapshot's parts in name order, with
 * the snapshot each belongs to. A file that cannot be read keeps its place among the snapshots by name.
 */
export async function orderSnapshots(files: readonly string[]): Promise<{ file: string; order: SnapshotOrder }[]> {
  const byKey = new Map<string, Snapshot>();
  for (const file of [...files].sort()) {
    const name = path.basename(file);
    const stated = statedTime(name);
    const key = `${path.dirname(path.resolve(file))}|${stated ?? ''}|${partKey(name)}`;
    const modified = (await fs.stat(file).catch(() => undefined))?.mtimeMs;
    const s = byKey.get(key) ?? { key, files: [], stated };
    s.files.push(file);
    if (modified !== undefined) s.modified = Math.max(s.modified ?? 0, modified);
    byKey.set(key, s);
  }
  const snapshots = [...byKey.values()];
  const basis = snapshots.length > 1 ? basisOf(snapshots) : undefined;
  if (basis) snapshots.sort(ORDER[basis]);
  return snapshots.flatMap((s) => s.files.map((file) => ({ file, order: { snapshot: s.key, ...(basis && { basis }) } })));
}

/** The loads whose rows a load replaced (restated billing periods). */
export async function replacedLoads(pool: pg.Pool, loadId: number): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>('select distinct load_id as id from ingest_load_periods where superseded_by = $1 order by 1', [loadId]);
  return rows.map((r) => Number(r.id));
}
