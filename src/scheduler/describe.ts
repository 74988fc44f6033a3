/**
 * Workflows for people: one line each with the job, the schedule and the next run in the
 * workflow's own time zone, as `penny start` and `penny workflows list` print them.
 */
import type { LoadedWorkflow } from './load.ts';
import type { RunRow } from './runs.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** 2026-11-24 06:30 GMT+1: the wall-clock time the cron expression speaks of, with its zone. */
export function formatInZone(date: Date, timezone: string): string {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  const seconds = p.second === '00' ? '' : `:${p.second}`;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds} ${p.timeZoneName}`;
}

function notifyText(w: LoadedWorkflow): string {
  const targets = [...(w.notify.owners ? ['owners'] : []), ...w.notify.channels];
  return targets.length ? `→ ${targets.join(', ')}` : '→ findings only';
}

function lastText(run: RunRow, timezone: string): string {
  const counts = run.counts
    ? ` (${Object.entries(run.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`
    : '';
  const error = run.error ? `: ${run.error.split('\n')[0]}` : '';
  return `last ${formatInZone(run.slot, timezone)} ${run.status}${counts}${error}`;
}

/** Lines aligned into columns: name, job, schedule and zone, next run, notify, last run. */
export function workflowLines(rows: { workflow: LoadedWorkflow; next: Date | null; last?: RunRow }[]): string[] {
  const cells = rows.map(({ workflow: w, next, last }) => [
    w.name,
    w.job,
    `${w.schedule} ${w.timezone}`,
    w.enabled && next ? `next ${formatInZone(next, w.timezone)}` : 'disabled',
    notifyText(w),
    last ? lastText(last, w.timezone) : '',
  ]);
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((c) => c[i]!.length))) ?? [];
  return cells.map((c) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}
