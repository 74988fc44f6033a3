/**
 * Reviews a pull request's diff: parse it, look at each changed file with the detectors its kind
 * calls for, tie each finding to a feature and estimate its monthly cost change. The same function
 * serves the CLI, the GitHub Action and the webhook; only where the diff and files come from differs.
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import { EMPTY_CONFIG, parseConfig, type ReviewConfig } from './config.ts';
import { parseDiff } from './diff.ts';
import { detectCallSites } from './detectors/call-sites.ts';
import { detectKarpenter } from './detectors/karpenter.ts';
import { detectKubernetesGpus } from './detectors/kubernetes.ts';
import { changesLimitConstant, detectLimits, limitNames } from './detectors/limits.ts';
import { detectModels } from './detectors/models.ts';
import { promptFindings, promptTexts, type PromptText } from './detectors/prompts.ts';
import { detectSchedules } from './detectors/schedules.ts';
import { detectTerraform } from './detectors/terraform.ts';
import { changedVars, moduleVars, unchangedUser, type ModuleVars } from './detectors/terraform-vars.ts';
import { estimate, type ReviewItem } from './estimate.ts';
import { resolveFeature } from './features.ts';
import { classify, type FileKind } from './files.ts';
import type { Finding } from './finding.ts';
import type { UsageHistory } from './history.ts';
import { priceBook, recordingBook, tableSource, type PriceBook, type PriceLookup, type PriceWants } from './compute-prices/book.ts';
import { priceTable } from './instance-prices.ts';
import { modelNames } from './model-names.ts';
import { encodingFor, tokenCounter } from './tokens.ts';
import { buildView, type FileView, type SourceReader } from './view.ts';

export interface ReviewResult {
  monthlyDelta: number;
  currency: 'USD';
  items: ReviewItem[];
  asOf: string;
  /** The usage window history estimates come from: [from, to). */
  history: { from: string; to: string };
  files: number;
  /** Items shown without a figure ("no usage data", or not in the price table). */
  unestimated: number;
  priceTable: { source: string; date: string } | null;
}

export interface ReviewOptions {
  diff: string;
  /** Name of the diff for error messages. */
  source?: string;
  config: ReviewConfig;
  history: UsageHistory;
  asOf: string;
  /** Reads the new version of a file, to see changed blocks whole; optional. */
  read?: SourceReader;
  /** Reads the old version (the pull request's base), for when the new one cannot be read. */
  readBase?: SourceReader;
  /** Looks up compute prices before the table (the organisation's FOCUS data, public price APIs). */
  prices?: PriceLookup;
}

/** penny.yml (or penny.yaml) at the repository root, else no feature mapping. */
export async function loadConfig(read: SourceReader): Promise<ReviewConfig> {
  for (const name of ['penny.yml', 'penny.yaml']) {
    const text = await read(name);
    if (text !== undefined) return parseConfig(text, name);
  }
  return EMPTY_CONFIG;
}

/** Reads files under a folder (the checkout), refusing paths that leave it. */
export function folderReader(root: string): SourceReader {
  const base = path.resolve(root);
  return async (file) => {
    const full = path.resolve(base, file);
    if (full !== base && !full.startsWith(base + path.sep)) return undefined;
    try {
      return await fs.readFile(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}

export async function reviewDiff(o: ReviewOptions): Promise<ReviewResult> {
  const files = parseDiff(o.diff, o.source);
  const readers = { ...(o.read ? { read: o.read } : {}), ...(o.readBase ? { readBase: o.readBase } : {}) };
  const names = modelNames(o.config.deployments);
  const views: Array<{ view: FileView; kind: FileKind }> = [];
  for (const f of files) {
    if (f.binary) continue;
    const kind = classify((f.newPath ?? f.oldPath)!, o.config);
    if (kind === 'ignored' || kind === 'doc') continue;
    // Reading the whole file only pays where a block must be seen whole.
    const wantsWhole = kind === 'terraform' || kind === 'yaml' || kind === 'prompt' || (kind === 'code' && changesLimitConstant(f));
    views.push({ view: await buildView(f, wantsWhole ? readers : {}), kind });
  }
  // A limit passed as a constant may be set in another file of the same change.
  const passed = limitNames(views.map((v) => v.view));
  const findings: Finding[] = [];
  const prompts: PromptText[] = [];
  for (const { view, kind } of views) {
    findings.push(...detectModels(view, kind, names), ...detectLimits(view, kind, names, passed), ...detectCallSites(view, kind, names), ...detectSchedules(view, kind, o.config));
    prompts.push(...promptTexts(view, kind));
  }
  if (prompts.length > 0) {
    // Each prompt is counted with the tokenizer of the model its feature calls (most calls first).
    const tokenized = prompts.map((t) => {
      const feature = resolveFeature(t.file, t.featureHint, o.config, o.history);
      return { ...t, ...encodingFor(feature?.history[0]?.model ?? names.resolve(feature?.assumption?.model ?? '') ?? feature?.assumption?.model) };
    });
    const counters = new Map(await Promise.all([...new Set(tokenized.map((t) => t.encoding))].map(async (e) => [e, await tokenCounter(e)] as const)));
    findings.push(...promptFindings(tokenized, counters));
  }
  const terraform = views.filter((v) => v.kind === 'terraform');
  const vars = terraform.length
    ? await moduleVars(
        terraform.map((v) => v.view),
        readers,
      )
    : new Map<string, ModuleVars>();
  // A variable changed (a tfvars file) changes the compute of the module's main.tf, outside the diff.
  for (const [folder, v] of vars) {
    const names = changedVars(v);
    const user = names.length && !terraform.some((t) => t.view.path === (folder === '.' ? 'main.tf' : `${folder}/main.tf`)) ? await unchangedUser(folder, names, readers) : undefined;
    if (user) terraform.push({ view: user, kind: 'terraform' });
  }
  const infrastructure = (book: PriceBook) => [
    ...terraform.flatMap(({ view }) => detectTerraform(view, book, vars.get(path.posix.dirname(view.path)))),
    ...views.flatMap(({ view, kind }) => (kind === 'yaml' ? [...detectKubernetesGpus(view), ...detectKarpenter(view, book)] : [])),
  ];
  // Detection is cheap: run once to learn what needs a price, look those up, run again with them.
  const wants: PriceWants = { instances: new Set(), accelerators: new Set() };
  let compute = infrastructure(recordingBook(priceBook(), wants));
  if (o.prices && compute.length > 0 && wants.instances.size + wants.accelerators.size > 0) compute = infrastructure(priceBook(await o.prices(wants)));
  findings.push(...compute);

  const table = compute.some((f) => f.sources?.some((s) => s.endsWith(tableSource()))) ? priceTable() : undefined;
  const ctx = { at: new Date(`${o.asOf}T00:00:00Z`), historyFrom: o.history.from, historyTo: o.history.to };
  // penny.yml's usage.model may name a deployment too.
  const features = o.config.features.map((f) => (f.usage?.model ? { ...f, usage: { ...f.usage, model: names.resolve(f.usage.model) ?? f.usage.model } } : f));
  const config = { ...o.config, features };
  const items = findings.map((f) => estimate(f, resolveFeature(f.file, f.featureHint, config, o.history), ctx)).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const total = items.reduce((s, i) => s + (i.monthlyDelta ?? 0), 0);
  return {
    monthlyDelta: Math.round(total * 100) / 100,
    currency: 'USD',
    items,
    asOf: o.asOf,
    history: { from: o.history.from, to: o.history.to },
    files: files.length,
    unestimated: items.filter((i) => i.monthlyDelta === null).length,
    priceTable: table ? { source: table.source, date: table.date } : null,
  };
}
