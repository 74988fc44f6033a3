/**
 * What a detector sees of one changed file: pairs of before/after text with real line numbers.
 * When the whole file is known (an added or deleted file, or the new file read from the checkout
 * and the diff applied backwards to recover the old one) there is one complete pair, so a detector
 * can see a Terraform resource or a CronJob whole. Where the new file cannot be read (or is not
 * the diff's head), the old one read at the pull request's base has the diff applied forwards.
 * Otherwise each hunk is a pair of its context and changed lines, with git's hunk heading as a
 * hint of the enclosing block.
 */
import { filePath, type DiffLine, type FileDiff, type Hunk } from './diff.ts';

export interface Side {
  lines: string[];
  /** 1-based line number in its file of each entry of `lines`. */
  lineNos: number[];
}

export interface Segment {
  before: Side;
  after: Side;
  /** The hunk heading (enclosing block) when the segment is one hunk; '' for a whole file. */
  heading: string;
}

export interface FileView {
  path: string;
  diff: FileDiff;
  /** True when the segment holds the whole old and new file. */
  complete: boolean;
  segments: Segment[];
  /** Only the added and removed lines, for detectors that look at what changed and nothing else. */
  added: Side;
  removed: Side;
}

/** Reads a file of one version of the pull request (the checkout, or the GitHub API); undefined when absent. */
export type SourceReader = (path: string) => Promise<string | undefined>;

const side = (): Side => ({ lines: [], lineNos: [] });
const push = (s: Side, text: string, no: number) => {
  s.lines.push(text);
  s.lineNos.push(no);
};

function hunkSegment(h: Hunk): Segment {
  const before = side();
  const after = side();
  for (const l of h.lines) {
    if (l.kind !== 'add') push(before, l.text, l.oldLine!);
    if (l.kind !== 'del') push(after, l.text, l.newLine!);
  }
  return { before, after, heading: h.heading };
}

/** Lines of a text file, without the empty string a final newline leaves. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function numbered(lines: string[]): Side {
  return { lines, lineNos: lines.map((_, i) => i + 1) };
}

/**
 * One version of a file from the other and the hunks: the old from the new (`backwards`) or the
 * new from the old. Undefined when the text read does not match the hunks (the checkout or the
 * base read is not the diff's), so a stale file is never passed off as the truth.
 */
export function applyHunks(text: string, hunks: Hunk[], direction: 'backwards' | 'forwards'): string[] | undefined {
  // Lines of the other version come from the hunks; the rest are read and checked against them.
  const [want, lineOf] = direction === 'backwards' ? (['del', (l: DiffLine) => l.newLine] as const) : (['add', (l: DiffLine) => l.oldLine] as const);
  const from = splitLines(text);
  const out: string[] = [];
  let at = 0; // next unread index of `from`
  for (const h of hunks) {
    // A hunk with no line on the known side (`+N,0`) means "after line N", so it starts at index N.
    const first = h.lines.find((l) => l.kind !== want);
    const startIdx = first === undefined ? (direction === 'backwards' ? h.newStart : h.oldStart) : lineOf(first)! - 1;
    if (startIdx < at || startIdx > from.length) return undefined;
    out.push(...from.slice(at, startIdx));
    at = startIdx;
    for (const l of h.lines) {
      if (l.kind === want) {
        out.push(l.text);
        continue;
      }
      if (from[at] !== l.text) return undefined;
      if (l.kind === 'ctx') out.push(l.text);
      at++;
    }
  }
  out.push(...from.slice(at));
  return out;
}

/** Readers of the two versions a view may read whole: the head (new) and the base (old). */
export interface Readers {
  read?: SourceReader;
  readBase?: SourceReader;
}

export async function buildView(f: FileDiff, readers: Readers = {}): Promise<FileView> {
  const { read, readBase } = readers;
  const added = side();
  const removed = side();
  for (const h of f.hunks) {
    for (const l of h.lines) {
      if (l.kind === 'add') push(added, l.text, l.newLine!);
      else if (l.kind === 'del') push(removed, l.text, l.oldLine!);
    }
  }
  const path = filePath(f);
  const whole = (before: string[], after: string[]): FileView => ({
    path,
    diff: f,
    complete: true,
    added,
    removed,
    segments: [{ before: numbered(before), after: numbered(after), heading: '' }],
  });
  if (f.status === 'added' && f.hunks.length > 0) return whole([], added.lines);
  if (f.status === 'deleted' && f.hunks.length > 0) return whole(removed.lines, []);
  if (read && f.newPath && f.hunks.length > 0) {
    const text = await read(f.newPath);
    const old = text === undefined ? undefined : applyHunks(text, f.hunks, 'backwards');
    if (text !== undefined && old) return whole(old, splitLines(text));
  }
  if (readBase && f.oldPath && f.hunks.length > 0) {
    const text = await readBase(f.oldPath);
    const now = text === undefined ? undefined : applyHunks(text, f.hunks, 'forwards');
    if (text !== undefined && now) return whole(splitLines(text), now);
  }
  return { path, diff: f, complete: false, added, removed, segments: f.hunks.map(hunkSegment) };
}
