/**
 * `penny audit [--since <when>] [--proposal <id>] [--json]`: the remediation audit log, oldest
 * first: every proposal, card sent, click (accepted or refused, and why), decision, execution,
 * result and rollback. `--since` takes a date, a timestamp, or an age such as 24h or 7d.
 */
import { Command } from 'commander';
import { listAudit, type AuditEntry } from '../../remediation/audit.ts';
import { printJson, UserError, withDb } from '../context.ts';
import { DAY_MS } from '../../schema/days.ts';

const AGE = /^(\d+)\s*(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: DAY_MS } as const;

export function parseSince(text: string, now = Date.now()): Date {
  const age = AGE.exec(text.trim());
  if (age) return new Date(now - Number(age[1]) * UNIT_MS[age[2] as keyof typeof UNIT_MS]);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) {
    const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text.trim());
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new UserError(`--since must be a date (YYYY-MM-DD), a timestamp, or an age such as 24h or 7d; got "${text}"`);
}

function line(e: AuditEntry): string {
  const detail = Object.entries(e.detail)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return [e.at, e.proposalId ?? '-', e.event.padEnd(17), e.actor, detail].join('  ');
}

export function auditCommand(): Command {
  return new Command('audit')
    .option('--since <when>', 'only entries from then on: YYYY-MM-DD, a timestamp, or an age such as 24h or 7d')
    .option('--proposal <id>', 'only the entries of one proposal')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: { since?: string; proposal?: string; json?: boolean }) => {
      const since = opts.since === undefined ? undefined : parseSince(opts.since);
      if (opts.proposal !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.proposal)) {
        throw new UserError(`--proposal must be a proposal id (a uuid), got "${opts.proposal}"`);
      }
      const entries = await withDb(({ db }) => listAudit(db.pool, { since, proposalId: opts.proposal }));
      if (opts.json) return printJson({ entries });
      process.stdout.write(entries.length === 0 ? 'no audit entries\n' : `${entries.map(line).join('\n')}\n`);
    });
}
