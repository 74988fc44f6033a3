import { describe, expect, it } from 'vitest';
import { DiffError, parseDiff } from '../../src/review/diff.ts';
import { applyHunks, buildView } from '../../src/review/view.ts';

describe('parseDiff', () => {
  it('reads added, deleted, renamed and binary files with line numbers and hunk headings', () => {
    const files = parseDiff(
      [
        'diff --git a/a.ts b/a.ts',
        'index 1..2 100644',
        '--- a/a.ts',
        '+++ b/a.ts',
        '@@ -3,3 +3,4 @@ function f() {',
        ' one',
        '-two',
        '+deux',
        '+drei',
        ' three',
        'diff --git a/new.yml b/new.yml',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/new.yml',
        '@@ -0,0 +1,2 @@',
        '+a: 1',
        '+b: 2',
        'diff --git a/old.txt b/old.txt',
        'deleted file mode 100644',
        '--- a/old.txt',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-gone',
        'diff --git a/x/img.png b/x/img.png',
        'Binary files a/x/img.png and b/x/img.png differ',
        'diff --git a/src/p.md b/docs/p.md',
        'similarity index 100%',
        'rename from src/p.md',
        'rename to docs/p.md',
      ].join('\n'),
    );
    expect(files.map((f) => [f.status, f.oldPath, f.newPath, f.binary])).toEqual([
      ['modified', 'a.ts', 'a.ts', false],
      ['added', null, 'new.yml', false],
      ['deleted', 'old.txt', null, false],
      ['modified', 'x/img.png', 'x/img.png', true],
      ['renamed', 'src/p.md', 'docs/p.md', false],
    ]);
    const h = files[0]!.hunks[0]!;
    expect(h.heading).toBe('function f() {');
    expect(h.lines).toEqual([
      { kind: 'ctx', text: 'one', oldLine: 3, newLine: 3 },
      { kind: 'del', text: 'two', oldLine: 4 },
      { kind: 'add', text: 'deux', newLine: 4 },
      { kind: 'add', text: 'drei', newLine: 5 },
      { kind: 'ctx', text: 'three', oldLine: 5, newLine: 6 },
    ]);
  });

  it('names the line of a truncated hunk', () => {
    expect(() => parseDiff('--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n', 'pr.diff')).toThrow(DiffError);
    expect(() => parseDiff('--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n', 'pr.diff')).toThrow(/^pr\.diff:6: diff ends inside a hunk/);
    expect(() => parseDiff('@@ -1 +1 @@\n-a\n+b\n', 'pr.diff')).toThrow('pr.diff:1: hunk before any file header');
  });

  it('refuses text that is not a diff instead of reading it as 0 files; an empty diff is 0 files', () => {
    for (const text of [
      'resource "aws_instance" "x" {\n  instance_type = "p3.2xlarge"\n}\n',
      '{"monthlyDelta": 0}',
      'From 1a2b Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n\n---\n 0 files changed\n',
    ]) {
      expect(() => parseDiff(text, 'notes.txt')).toThrow(
        new DiffError('notes.txt: not a unified diff (no "diff --git" or "---"/"+++" file header); give the output of git diff or a pull request\'s .diff'),
      );
    }
    expect(parseDiff('', 'empty.diff')).toEqual([]);
    expect(parseDiff('\n  \n', 'empty.diff')).toEqual([]);
  });
});

describe('file views', () => {
  const diff = parseDiff(
    ['--- a/main.tf', '+++ b/main.tf', '@@ -2,3 +2,3 @@ resource "aws_instance" "x" {', '   ami = "x"', '-  instance_type = "g5.xlarge"', '+  instance_type = "g5.2xlarge"', '   count = 1'].join('\n'),
  )[0]!;
  const now = ['resource "aws_instance" "x" {', '  ami = "x"', '  instance_type = "g5.2xlarge"', '  count = 1', '}', ''].join('\n');

  it('recovers the old file from the new one by applying the diff backwards', () => {
    expect(applyHunks(now, diff.hunks, 'backwards')).toEqual(['resource "aws_instance" "x" {', '  ami = "x"', '  instance_type = "g5.xlarge"', '  count = 1', '}']);
    expect(applyHunks(now.replace('ami', 'image'), diff.hunks, 'backwards')).toBeUndefined();
  });

  it('recovers the new file from the old one (the base) by applying the diff forwards', () => {
    const old = now.replace('g5.2xlarge', 'g5.xlarge');
    expect(applyHunks(old, diff.hunks, 'forwards')).toEqual(now.trimEnd().split('\n'));
    expect(applyHunks(old.replace('count', 'cnt'), diff.hunks, 'forwards')).toBeUndefined();
  });

  it('is whole when the file is readable and matches, hunk by hunk otherwise', async () => {
    const whole = await buildView(diff, { read: async () => now });
    expect(whole.complete).toBe(true);
    expect(whole.segments[0]!.before.lines[2]).toBe('  instance_type = "g5.xlarge"');
    const stale = await buildView(diff, { read: async () => 'something else\n' });
    expect(stale.complete).toBe(false);
    expect(stale.segments[0]!.heading).toBe('resource "aws_instance" "x" {');
    expect(stale.segments[0]!.after.lineNos).toEqual([2, 3, 4]);
    // A stale checkout, but the base read matches: whole again, from the base forwards.
    const fromBase = await buildView(diff, { read: async () => 'something else\n', readBase: async () => now.replace('g5.2xlarge', 'g5.xlarge') });
    expect(fromBase.complete).toBe(true);
    expect(fromBase.segments[0]!.after.lines[2]).toBe('  instance_type = "g5.2xlarge"');
  });
});
