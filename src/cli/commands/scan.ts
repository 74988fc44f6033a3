/**
 * `penny scan [anomaly|waste|budget|all] [--as-of YYYY-MM-DD] [--json]`: runs the scans now and
 * prints the findings of this run, largest monthly impact first: a table for people, or with
 * --json exactly one document {"findings":[…]} (docs/design.md). Anomaly series too young to be judged
 * yet are said after the table, and in the document as "tooYoung":[…] when there are any.
 * `penny scan anomaly --suppressed` lists what feedback has silenced instead (scan-suppressed.ts).
 * An anomaly on a scope mapped to repositories in penny.yml says what changed there (src/changes),
 * on a line under it and in its evidence as `changes`.
 */
import { Command } from 'commander';
import { whatChangedFromEnv } from '../../changes/from-env.ts';
import { changesText } from '../../changes/evidence.ts';
import type { Finding, ScanKind } from '../../findings/finding.ts';
import type { YoungSeries } from '../../scans/anomaly/scan.ts';
import { scopeText } from '../../scans/format.ts';
import { runScans } from '../../scans/run.ts';
import { money } from '../../scans/format.ts';
import { printJson, UserError, withDb } from '../context.ts';
import { printSuppressed } from './scan-suppressed.ts';
import { isIsoDay } from '../../schema/days.ts';

const WHICH: Record<string, ScanKind[]> = { anomaly: ['anomaly'], waste: ['waste'], budget: ['budget'], all: ['anomaly', 'waste', 'budget'] };

function findingJson(f: Finding) {
  return {
    type: f.type,
    fingerprint: f.fingerprint,
    scope: f.scope,
    impactMonthly: f.impactMonthly,
    currency: f.currency,
    status: f.status,
    title: f.title,
    evidence: f.evidence,
    kind: f.kind,
    expected: f.expected,
    actual: f.actual,
    unit: f.unit,
    remediation: f.remediation,
    ownerHint: f.ownerHint,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
  };
}

function table(findings: Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const rows = findings.map((f) => [money(f.impactMonthly, f.currency), f.type, f.status, f.ownerHint ?? '', f.title]);
  const head = ['impact/month', 'type', 'status', 'owner', 'finding'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 4 ? 0 : r[i]!.length))));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padStart(widths[i]!) : i === 4 ? c : c.padEnd(widths[i]!))).join('  ');
  // What changed on GitHub goes on its own line under the finding, where the finding column starts.
  const indent = ' '.repeat(widths.slice(0, 4).reduce((a, w) => a + w + 2, 0));
  const under = (f: Finding) => {
    const c = changesText(f.evidence);
    return c ? [`${indent}what changed: ${c}`] : [];
  };
  return [line(head), ...rows.flatMap((r, i) => [line(r), ...under(findings[i]!)])].join('\n');
}

/** Series not judged yet: how many, and the first few by name, so nobody mistakes silence for calm. */
const SHOWN_YOUNG = 5;
function youngText(young: YoungSeries[]): string {
  if (young.length === 0) return '';
  const lines = young
    .slice(0, SHOWN_YOUNG)
    .map(
      (y) =>
        `  ${scopeText(y.scope)}${y.hours === undefined ? '' : ' (hourly)'}: ${y.hours ?? y.days} ${y.hours === undefined ? 'days' : 'hours'} of data since ${y.since}, judged from ${y.judgedFrom}`,
    );
  if (young.length > SHOWN_YOUNG) lines.push(`  …and ${young.length - SHOWN_YOUNG} more (--json lists them all)`);
  return `\n${young.length} anomaly series too young to judge yet:\n${lines.join('\n')}\n`;
}

export function scanCommand(): Command {
  return new Command('scan')
    .argument('[which]', 'anomaly, waste, budget or all', 'all')
    .option('--as-of <date>', 'evaluate as if today were this date (YYYY-MM-DD)')
    .option('--json', 'print one JSON document on stdout')
    .option('--suppressed', 'with anomaly: list the anomalies feedback has silenced (runs no scan)')
    .action(async (which: string, opts: { asOf?: string; json?: boolean; suppressed?: boolean }) => {
      const kinds = WHICH[which];
      if (!kinds) throw new UserError(`unknown scan "${which}"; use anomaly, waste, budget or all`);
      if (opts.suppressed) {
        if (which !== 'anomaly') throw new UserError('--suppressed lists silenced anomalies: use `penny scan anomaly --suppressed`');
        return withDb(({ db }) => printSuppressed(db.pool, opts.json === true));
      }
      if (opts.asOf !== undefined && !isIsoDay(opts.asOf)) {
        throw new UserError(`--as-of must be a date YYYY-MM-DD, got "${opts.asOf}"`);
      }
      const result = await withDb(({ env, db }) => runScans(db.pool, { kinds, asOf: opts.asOf, whatChanged: whatChangedFromEnv(env, db.pool) }));
      if (opts.json) return printJson({ findings: result.findings.map(findingJson), ...(result.tooYoung.length ? { tooYoung: result.tooYoung } : {}) });
      const { counts } = result;
      process.stdout.write(
        `${table(result.findings)}\n\n${result.findings.length} findings (${counts.new} new, ${counts.updated} updated, ${counts.resolved} resolved) in ${(result.durationMs / 1000).toFixed(1)} s\n${youngText(result.tooYoung)}`,
      );
    });
}
