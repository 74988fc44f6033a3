/**
 * Loads workflows/*.yaml. Each file is checked on its own: a bad one is reported with its file,
 * line and field (`workflows/x.yaml:3: schedule: …`) and skipped, and the good ones still run,
 * because one typo must not silence every other scheduled scan.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { shippedPath } from '../config/shipped.ts';
import type { JobRegistry } from './jobs.ts';
import { WorkflowSchema, type Workflow } from './workflow.ts';

export interface LoadedWorkflow extends Workflow {
  /** The file as the directory was given, e.g. workflows/daily-anomaly.yaml. */
  file: string;
}

export interface WorkflowProblem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export interface LoadResult {
  workflows: LoadedWorkflow[];
  problems: WorkflowProblem[];
}

export function formatWorkflowProblem(p: WorkflowProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/** `['notify', 'channels', 0]` → `notify.channels[0]`. */
function fieldName(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

// zod reports unknown keys once, at their object; point at each key instead.
function flatIssues(issues: z.core.$ZodIssue[], prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ path: [...prefix, ...i.path, k], message: 'unknown field' })) : [{ path: [...prefix, ...i.path], message: i.message }],
  );
}

/** Checks one file's text; `file` names it in problems. */
export function parseWorkflowFile(file: string, text: string, jobs: JobRegistry): { workflow?: LoadedWorkflow; problems: WorkflowProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => ({ file, line: lineCounter.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split('\n')[0]}` })) };
  }
  // The line of the deepest node on the path that exists.
  const lineOf = (p: PropertyKey[]): number | undefined => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const located = (issues: { path: PropertyKey[]; message: string }[]) =>
    issues.map((i) => ({
      file,
      line: lineOf(i.path),
      field: fieldName(i.path) || undefined,
      // zod says "expected string, received undefined"; people wrote nothing at all.
      message: i.path.length > 0 && !doc.hasIn(i.path) ? 'required, but missing' : i.message,
    }));
  const js: unknown = doc.toJS();
  if (js === null || typeof js !== 'object' || Array.isArray(js)) {
    return { problems: [{ file, message: 'expected a mapping with name, schedule, timezone, job, params and notify' }] };
  }
  const parsed = WorkflowSchema.safeParse(js);
  if (!parsed.success) return { problems: located(flatIssues(parsed.error.issues)) };
  const job = jobs[parsed.data.job];
  if (!job) {
    const available = Object.keys(jobs);
    const message = `the ${parsed.data.job} job is not available in this Penny (it comes with its module)${available.length ? `; available: ${available.join(', ')}` : ''}`;
    return { problems: located([{ path: ['job'], message }]) };
  }
  const params = job.params.safeParse(parsed.data.params);
  if (!params.success) return { problems: located(flatIssues(params.error.issues, ['params'])) };
  return { workflow: { ...parsed.data, params: params.data as Record<string, unknown>, file }, problems: [] };
}

const DEFAULT_DIR = 'workflows';
const SHIPPED_DIR = shippedPath('workflows');

/**
 * The folder to load: PENNY_WORKFLOWS_DIR as given, except that the default (`workflows`) missing
 * from the working directory means the workflows shipped with Penny, so `npx penny start` in any
 * folder still runs the standard scans.
 */
export async function resolveWorkflowsDir(dir: string): Promise<string> {
  if (dir !== DEFAULT_DIR) return dir;
  const here = await fs.stat(dir).catch(() => null);
  return here?.isDirectory() ? dir : SHIPPED_DIR;
}

/** Reads every .yaml/.yml file of `dir`, in name order. Names must be unique across files. */
export async function loadWorkflows(dir: string, jobs: JobRegistry): Promise<LoadResult> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { workflows: [], problems: [{ file: dir, message: code === 'ENOENT' ? 'no such directory (set PENNY_WORKFLOWS_DIR)' : `cannot read: ${(err as Error).message}` }] };
  }
  const result: LoadResult = { workflows: [], problems: [] };
  const byName = new Map<string, LoadedWorkflow>();
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      result.problems.push({ file, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    const { workflow, problems } = parseWorkflowFile(file, text, jobs);
    result.problems.push(...problems);
    if (!workflow) continue;
    const first = byName.get(workflow.name);
    if (first) {
      result.problems.push({ file, field: 'name', message: `${workflow.name} is already the name of ${first.file}; this file is skipped` });
      continue;
    }
    byName.set(workflow.name, workflow);
    result.workflows.push(workflow);
  }
  return result;
}
