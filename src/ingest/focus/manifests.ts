/**
 * Manifests that describe one delivery of a billing export: which files make it up.
 *
 * - AWS Data Exports write `metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json`, whose
 *   `dataFiles` lists the delivery's files as S3 URIs (`s3://bucket/prefix/<export>/data/…`), with
 *   the `executionId` of the export run that wrote them.
 * - Azure Cost Management exports write a `manifest.json` beside each run's files, whose `blobs`
 *   list them by `blobName` (path in the container) with their `dataRowCount`, and the run's
 *   `runInfo.runId` and `submittedTime`. A part holding another count is loaded with a warning.
 *
 * A listed file is looked for where a downloaded copy of the bucket or container keeps it: the
 * longest tail of its path found under the manifest's folder or one of its ancestors, else its
 * name beside the manifest. The delivery's key (provider, export and run) is what loads of its
 * parts are grouped by across calls (see deliveries.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = /(^|[-_.])manifest\.json$/i;

/** Folders above the manifest searched for its files: AWS's data/ and metadata/ are siblings under the export's folder. */
const ANCESTORS = 4;

const AwsManifest = z.object({
  executionId: z.string().min(1),
  exportArn: z.string().optional(),
  exportName: z.string().optional(),
  dataFiles: z.array(z.union([z.string().min(1), z.object({ key: z.string().min(1) }).transform((f) => f.key)]), { error: 'expected dataFiles: a list of S3 URIs' }).min(1, 'lists no data file'),
});

const AzureManifest = z.object({
  runInfo: z.object({ runId: z.string().min(1), submittedTime: z.string().optional() }),
  exportConfig: z.object({ exportName: z.string().optional(), resourceId: z.string().optional() }).optional(),
  blobs: z.array(z.object({ blobName: z.string().min(1), dataRowCount: z.number().int().nonnegative().optional() }), { error: 'expected blobs: a list of {blobName}' }).min(1, 'lists no blob'),
});

export interface ManifestDelivery {
  manifest: string;
  /** Groups the delivery's loads across calls: provider, export and run. */
  key: string;
  /** The listed files found on disk, in the manifest's order. */
  files: string[];
  /** Records the manifest says a found file holds (Azure's dataRowCount), by file. */
  expectedRows: Map<string, number>;
  /** Listed files not found on disk (as the manifest names them). */
  missing: string[];
  /** When the delivery was written (ms): the run's submission time, else the manifest's mtime. */
  writtenMs: number;
}

/** `s3://bucket/a/b/c.csv` → `a/b/c.csv` without the bucket; a container path stays as it is. */
function keyPath(uri: string): string[] {
  const withoutScheme = uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i, '');
  return withoutScheme.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
}

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function locate(listed: string, manifestDir: string): Promise<string | undefined> {
  const parts = keyPath(listed);
  // The longest tail first, so a path that names its folders wins over a same-named file elsewhere.
  for (let i = 0; i < parts.length; i++) {
    let base = manifestDir;
    for (let up = 0; up <= ANCESTORS; up++, base = path.dirname(base)) {
      const candidate = path.join(base, ...parts.slice(i));
      if (await isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Reads a manifest; throws an Error whose message says, in one line, why it is not one. */
export async function readManifest(manifest: string): Promise<ManifestDelivery> {
  let doc: unknown;
  try {
    doc = JSON.parse(await fs.readFile(manifest, 'utf8'));
  } catch (err) {
    throw new Error(`not a readable JSON manifest (${(err as Error).message})`);
  }
  const dir = path.dirname(path.resolve(manifest));
  let key: string;
  let listed: string[];
  const counts = new Map<string, number>();
  let submitted: string | undefined;
  const aws = AwsManifest.safeParse(doc);
  const azure = AzureManifest.safeParse(doc);
  if (aws.success) {
    key = `aws:${aws.data.exportArn ?? aws.data.exportName ?? dir}:${aws.data.executionId}`;
    listed = aws.data.dataFiles;
  } else if (azure.success) {
    key = `azure:${azure.data.exportConfig?.resourceId ?? azure.data.exportConfig?.exportName ?? dir}:${azure.data.runInfo.runId}`;
    listed = azure.data.blobs.map((b) => b.blobName);
    for (const b of azure.data.blobs) if (b.dataRowCount !== undefined) counts.set(b.blobName, b.dataRowCount);
    submitted = azure.data.runInfo.submittedTime;
  } else {
    const which = doc !== null && typeof doc === 'object' && 'blobs' in doc ? azure : aws;
    const issue = which.error!.issues[0]!;
    throw new Error(`not an AWS Data Exports or Azure cost export manifest (${issue.path.join('.') || 'manifest'}: ${issue.message})`);
  }
  const files: string[] = [];
  const missing: string[] = [];
  const expectedRows = new Map<string, number>();
  for (const name of listed) {
    const found = await locate(name, dir);
    if (!found) missing.push(name);
    else {
      files.push(found);
      if (counts.has(name)) expectedRows.set(found, counts.get(name)!);
    }
  }
  const submittedMs = submitted ? Date.parse(submitted) : NaN;
  return { manifest, key, files, expectedRows, missing, writtenMs: Number.isNaN(submittedMs) ? (await fs.stat(manifest)).mtimeMs : submittedMs };
}
