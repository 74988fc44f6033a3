/**
 * A unified-diff parser (`git diff`, GitHub's `application/vnd.github.diff`). It keeps each hunk's
 * lines with their old and new line numbers and the hunk heading git writes after `@@` (the
 * enclosing function or block), which detectors use when the block itself is outside the hunk.
 * A malformed diff fails with the line number and what was expected, and a file that is not a
 * diff at all (no file header) fails as such; an empty diff is no files. One linear pass, so a
 * 1,000-file diff parses in milliseconds.
 */

export type LineKind = 'add' | 'del' | 'ctx';

export interface DiffLine {
  kind: LineKind;
  text: string;
  /** Line in the old file (del, ctx). */
  oldLine?: number;
  /** Line in the new file (add, ctx). */
  newLine?: number;
}

export interface Hunk {
  oldStart: number;
  newStart: number;
  /** Text after the second `@@`: git's enclosing-block heading, often a Terraform resource line. */
  heading: string;
  lines: DiffLine[];
}

export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed';

export interface FileDiff {
  /** Path before the change; null for an added file. */
  oldPath: string | null;
  /** Path after the change; null for a deleted file. */
  newPath: string | null;
  status: FileStatus;
  binary: boolean;
  hunks: Hunk[];
}

export class DiffError extends Error {
  override name = 'DiffError';
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** `a/x` → `x`; `/dev/null` → null; git quotes paths with unusual characters. */
function stripPath(raw: string): string | null {
  let p = raw.replace(/\t.*$/, '').trim();
  if (p.startsWith('"') && p.endsWith('"')) p = JSON.parse(p) as string;
  if (p === '/dev/null') return null;
  return p.replace(/^[ab]\//, '');
}

/** Paths from `diff --git a/x b/y` when no ---/+++ lines follow (binary, rename, mode change). */
function gitHeaderPaths(line: string): [string, string] | undefined {
  const m = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
  return m ? [m[1]!, m[2]!] : undefined;
}

/** The file's path for people and for feature mapping: the new path, else the old. */
export function filePath(f: FileDiff): string {
  return (f.newPath ?? f.oldPath)!;
}

export function parseDiff(text: string, source = 'diff'): FileDiff[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const files: FileDiff[] = [];
  let file: FileDiff | undefined;
  let hunk: Hunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  const fail = (i: number, what: string): never => {
    throw new DiffError(`${source}:${i + 1}: ${what}`);
  };
  const start = (oldPath: string | null, newPath: string | null): FileDiff => {
    file = { oldPath, newPath, status: 'modified', binary: false, hunks: [] };
    files.push(file);
    hunk = undefined;
    return file;
  };
  const settle = (f: FileDiff) => {
    if (f.oldPath === null) f.status = 'added';
    else if (f.newPath === null) f.status = 'deleted';
    else if (f.status !== 'added' && f.status !== 'deleted' && f.oldPath !== f.newPath) f.status = 'renamed';
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const c = line[0];
      if (c === ' ' || line === '') {
        hunk.lines.push({ kind: 'ctx', text: line.slice(1), oldLine: oldNo++, newLine: newNo++ });
        oldLeft--;
        newLeft--;
      } else if (c === '-') {
        hunk.lines.push({ kind: 'del', text: line.slice(1), oldLine: oldNo++ });
        oldLeft--;
      } else if (c === '+') {
        hunk.lines.push({ kind: 'add', text: line.slice(1), newLine: newNo++ });
        newLeft--;
      } else if (c === '\\') {
        continue; // "\ No newline at end of file"
      } else {
        fail(i, `hunk ends early: expected ${oldLeft} more old and ${newLeft} more new lines, got ${JSON.stringify(line.slice(0, 60))}`);
      }
      if (oldLeft < 0 || newLeft < 0) fail(i, 'hunk has more lines than its @@ header counts');
      continue;
    }
    if (line.startsWith('\\')) continue;
    if (line.startsWith('diff --git ')) {
      const paths = gitHeaderPaths(line);
      start(paths?.[0] ?? null, paths?.[1] ?? null);
      continue;
    }
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      const oldPath = stripPath(line.slice(4));
      const newPath = stripPath(lines[i + 1]!.slice(4));
      // A plain `diff -u` has no `diff --git` line; a git diff's ---/+++ refine the paths it gave.
      if (!file || file.hunks.length > 0 || hunk) start(oldPath, newPath);
      file!.oldPath = oldPath;
      file!.newPath = newPath;
      settle(file!);
      i++;
      continue;
    }
    const h = HUNK.exec(line);
    if (h) {
      if (!file) fail(i, 'hunk before any file header (expected "diff --git" or "---"/"+++" lines)');
      oldNo = Number(h[1]);
      newNo = Number(h[3]);
      oldLeft = h[2] === undefined ? 1 : Number(h[2]);
      newLeft = h[4] === undefined ? 1 : Number(h[4]);
      hunk = { oldStart: oldNo, newStart: newNo, heading: h[5] ?? '', lines: [] };
      file!.hunks.push(hunk);
      continue;
    }
    if (!file) continue; // preamble (e.g. a `git format-patch` mail header)
    if (line.startsWith('new file mode')) {
      file.status = 'added';
      file.oldPath = null;
    } else if (line.startsWith('deleted file mode')) {
      file.status = 'deleted';
      file.newPath = null;
    } else if (line.startsWith('rename from ')) {
      file.oldPath = line.slice(12);
    } else if (line.startsWith('rename to ')) {
      file.newPath = line.slice(10);
      file.status = 'renamed';
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      file.binary = true;
    }
  }
  if (hunk && (oldLeft > 0 || newLeft > 0)) fail(lines.length - 1, `diff ends inside a hunk (${oldLeft} old and ${newLeft} new lines missing)`);
  for (const f of files) if (f.oldPath === null && f.newPath === null) throw new DiffError(`${source}: a file header without paths`);
  // Text without a single file header is some other file, not a diff that changes nothing.
  if (files.length === 0 && /\S/.test(text)) {
    throw new DiffError(`${source}: not a unified diff (no "diff --git" or "---"/"+++" file header); give the output of git diff or a pull request's .diff`);
  }
  return files;
}
