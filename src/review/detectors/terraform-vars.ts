/**
 * Terraform variables and `dynamic` blocks, so compute set through them is priced: a variable's
 * value is its `default`, overridden by `terraform.tfvars` / `*.auto.tfvars` assignments, read from
 * the files of the diff and from the module folder's variables.tf and terraform.tfvars (head for the
 * new side, base for the old). `machine_type = var.gpu_type` then reads as its value, and a
 * `dynamic "guest_accelerator" { content { … } }` as the block its content describes.
 */
import path from 'node:path';
import { splitLines, type FileView, type Readers } from '../view.ts';
import type { HclNode } from './hcl.ts';
import { parseHcl } from './hcl.ts';

export type Vars = ReadonlyMap<string, string>;

/** Variable values of the module a file is in, before and after the change. */
export interface ModuleVars {
  before: Vars;
  after: Vars;
}

/** The module folder's files that set variables, read when the diff does not show them whole. */
const VARIABLE_FILES = ['variables.tf', 'terraform.tfvars'];
const isTfvars = (file: string) => /\.tfvars$/.test(file);

const REF = /^(?:\$\{)?var\.([A-Za-z_][\w-]*)\}?$/;

/** Variable defaults (`variable "x" { default = … }`) and tfvars assignments (`x = …`) of one file. */
export function variableValues(text: string, tfvars: boolean): { defaults: Map<string, string>; assigned: Map<string, string> } {
  const lines = text.split(/\r?\n/);
  const root = parseHcl(
    lines,
    lines.map((_, i) => i + 1),
  );
  const defaults = new Map<string, string>();
  for (const b of root.children) {
    const d = b.key === 'variable' ? b.attrs.get('default') : undefined;
    if (d?.literal && b.labels[0]) defaults.set(b.labels[0], d.value);
  }
  const assigned = new Map<string, string>();
  if (tfvars) for (const [k, v] of root.attrs) if (v.literal) assigned.set(k, v.value);
  return { defaults, assigned };
}

/** Defaults first, tfvars over them, as Terraform applies them. */
function merge(files: Array<{ text: string; file: string }>): Map<string, string> {
  const parsed = files.map((f) => variableValues(f.text, isTfvars(f.file)));
  return new Map([...parsed.flatMap((p) => [...p.defaults]), ...parsed.flatMap((p) => [...p.assigned])]);
}

/** Each touched module folder's variables before and after, from the diff's whole files and the folder's variable files. */
export async function moduleVars(views: FileView[], readers: Readers): Promise<Map<string, ModuleVars>> {
  const out = new Map<string, ModuleVars>();
  const folders = new Map<string, FileView[]>();
  for (const v of views) folders.set(path.posix.dirname(v.path), [...(folders.get(path.posix.dirname(v.path)) ?? []), v]);
  for (const [folder, inDiff] of folders) {
    // Reading the folder's variable files (API calls in a webhook) only pays where variables are used or set.
    const touchesVars = inDiff.some((v) => isTfvars(v.path) || v.path.endsWith('variables.tf') || v.segments.some((g) => [...g.before.lines, ...g.after.lines].some((l) => l.includes('var.'))));
    if (!touchesVars) continue;
    const before: Array<{ text: string; file: string }> = [];
    const after: Array<{ text: string; file: string }> = [];
    for (const v of inDiff.filter((x) => x.complete)) {
      before.push({ text: v.segments[0]!.before.lines.join('\n'), file: v.path });
      after.push({ text: v.segments[0]!.after.lines.join('\n'), file: v.path });
    }
    for (const name of VARIABLE_FILES) {
      const file = folder === '.' ? name : `${folder}/${name}`;
      if (inDiff.some((v) => v.path === file)) continue;
      const text = (await readers.read?.(file)) ?? (await readers.readBase?.(file));
      if (text !== undefined) {
        before.push({ text, file });
        after.push({ text, file });
      }
    }
    out.set(folder, { before: merge(before), after: merge(after) });
  }
  return out;
}

/** Names whose value differs between the two sides. */
export function changedVars(v: ModuleVars): string[] {
  return [...new Set([...v.before.keys(), ...v.after.keys()])].filter((k) => v.before.get(k) !== v.after.get(k));
}

/**
 * A module file outside the diff that uses a changed variable (`main.tf` using `var.gpu_count`
 * when only prod.tfvars changed), as a view of the same text on both sides, so the detector
 * prices it with the old and the new values. Undefined when it cannot be read or uses none of them.
 */
export async function unchangedUser(folder: string, names: string[], readers: Readers): Promise<FileView | undefined> {
  const file = folder === '.' ? 'main.tf' : `${folder}/main.tf`;
  const text = (await readers.read?.(file)) ?? (await readers.readBase?.(file));
  if (text === undefined || !names.some((n) => text.includes(`var.${n}`))) return undefined;
  const lines = splitLines(text);
  const side = { lines, lineNos: lines.map((_, i) => i + 1) };
  const none = { lines: [], lineNos: [] };
  return {
    path: file,
    diff: { oldPath: file, newPath: file, status: 'modified', binary: false, hunks: [] },
    complete: true,
    segments: [{ before: side, after: side, heading: '' }],
    added: none,
    removed: none,
  };
}

/** Replaces `var.x` attribute values with their literal values, and `dynamic` blocks with their content, in place. */
export function resolveNode(n: HclNode, vars: Vars): void {
  const valueOf = (a: { value: string; literal: boolean }) => {
    const name = a.literal && !a.value.startsWith('${') ? undefined : REF.exec(a.value)?.[1];
    return name === undefined ? undefined : vars.get(name);
  };
  for (const [k, a] of n.attrs) {
    const value = valueOf(a);
    if (value !== undefined) n.attrs.set(k, { value, literal: true, line: a.line });
  }
  n.items = n.items.map((item) => {
    const value = valueOf(item);
    return value === undefined ? item : { value, literal: true };
  });
  n.children = n.children.map((c) => {
    const content = c.key === 'dynamic' ? c.children.find((x) => x.key === 'content') : undefined;
    return content && c.labels[0] ? { ...content, key: c.labels[0], line: c.line } : c;
  });
  for (const c of n.children) resolveNode(c, vars);
}
