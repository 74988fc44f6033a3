#!/usr/bin/env node
/**
 * The layering rules of docs/design.md, checked on every import in src/ (`npm run lint:deps`):
 * data flows sources → ingest → Postgres → query and scans → channels, and no import points back.
 * Imports are read with the TypeScript compiler's own pre-processor (static, dynamic and type-only
 * imports and re-exports all count), so the check needs nothing beyond the typescript package.
 * dependency-cruiser would do the same, but its current releases need Node 22.
 *
 * Prints one line per forbidden import and exits 1 when there is any. Checks the repository it is
 * in, or the one given as its argument.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const SRC = path.join(ROOT, 'src');

const MODEL = /^(src\/agent\/|@langchain\/|openai$|js-tiktoken)/;
const CHANNEL = /^(src\/(slack|github)\/|@slack\/|@octokit\/)/;
const SLACK = /^(src\/slack\/|@slack\/)/;

/** `from` matches the importing file (relative to the repository), `to` the imported file or package. */
const RULES = [
  { name: 'the vocabulary (src/schema) is the bottom layer: it imports nothing of Penny', from: /^src\/schema\//, to: /^src\/(?!schema\/)/ },
  { name: 'the store knows no source: src/db imports only config, log and schema', from: /^src\/db\//, to: /^src\/(?!(db|config|log|schema)\/)/ },
  { name: 'configuration reads no source', from: /^src\/config\//, to: /^src\/ingest\// },
  { name: 'the query layer reads the store, not a source', from: /^src\/costs\//, to: /^src\/ingest\// },
  { name: 'the query layer knows no model', from: /^src\/costs\//, to: MODEL },
  { name: 'the query layer knows no channel', from: /^src\/costs\//, to: CHANNEL },
  { name: 'scans write findings that channels read: no scan imports Slack', from: /^src\/scans\//, to: SLACK },
  { name: 'answering a question never reaches remediation', from: /^src\/(ask|agent)\//, to: /^src\/remediation\// },
  { name: 'the scheduler runs jobs that faces register: it imports no Slack', from: /^src\/scheduler\//, to: SLACK },
  { name: 'remediation, notifications and reports produce messages that Slack delivers: they import no Slack', from: /^src\/(remediation|notifications|reports)\//, to: SLACK },
];

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** A relative import as a repository path (`src/costs/query.ts`), a package by its name (`@slack/bolt`). */
function target(file, specifier) {
  if (specifier.startsWith('.'))
    return path
      .relative(ROOT, path.resolve(path.dirname(file), specifier))
      .split(path.sep)
      .join('/');
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const violations = [];
for (const file of sourceFiles(SRC)) {
  const from = path.relative(ROOT, file).split(path.sep).join('/');
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  for (const imported of importedFiles) {
    const to = target(file, imported.fileName);
    for (const rule of RULES) if (rule.from.test(from) && rule.to.test(to)) violations.push(`${from} → ${to}: ${rule.name}`);
  }
}

if (violations.length) {
  process.stderr.write(`${violations.join('\n')}\n${violations.length} import(s) against the layering rules (docs/design.md)\n`);
  process.exit(1);
}
process.stdout.write('layers: every import follows the data\n');
