/**
 * The "what changed" sentence of an anomaly, as an on-call engineer reads it first:
 * "support-agent cost ×4 since Tuesday; PR #412 'raise max_tokens to 4096' merged Tuesday 10:14 UTC,
 * estimated +$31.00/month (upper bound)". Days within the week before the episode's end are named
 * by weekday, older ones by date; all times are UTC, as the cost data is.
 */
import { money, percent, scopeText } from '../scans/format.ts';
import type { Change } from './github.ts';
import type { PrEstimate } from './reviews.ts';
import { DAY_MS, isoDay } from '../schema/days.ts';

export type ListedChange = Change & { estimate?: PrEstimate };

export interface Episode {
  scope: Record<string, string>;
  /** First and last step: YYYY-MM-DD for daily series, an ISO hour for hourly ones. */
  start: string;
  end: string;
  expected: number;
  actual: number;
}

/** Changes named in the sentence; the evidence lists them all. */
const SHOWN = 3;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A day (and time, for a timestamp) relative to `ref`: its weekday within the week before, else its date. */
function when(iso: string, ref: string, withTime: boolean): string {
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  const d = new Date(t);
  const recent = Date.parse(ref.length === 10 ? `${ref}T23:59:59Z` : ref) - t < 6 * DAY_MS;
  const day = recent ? WEEKDAYS[d.getUTCDay()]! : isoDay(d);
  return withTime ? `${day} ${d.toISOString().slice(11, 16)} UTC` : day;
}

/** The narrowest name of what the anomaly is on. */
const subject = (scope: Record<string, string>) => scope.feature ?? scope.service_name ?? scope.team ?? scopeText(scope);

function factor(e: Episode): string {
  if (e.expected <= 0) return 'new spend';
  const ratio = e.actual / e.expected;
  if (ratio < 2) return percent(ratio - 1);
  return `×${ratio < 10 ? Number(ratio.toFixed(1)) : Math.round(ratio)}`;
}

function changeText(c: ListedChange, ref: string, manyRepos: boolean): string {
  const at = when(c.at, ref, true);
  const repo = manyRepos ? `${c.repo} ` : '';
  if (c.kind === 'deployment') return `${repo}deployment${c.environment ? ` to ${c.environment}` : ''}${c.ref ? ` of ${c.ref}` : ''} ${at}`;
  if (c.kind === 'release') return `${repo}release '${c.title}' published ${at}`;
  const e = c.estimate;
  const estimate = e ? `, estimated ${e.monthlyDelta > 0 ? '+' : ''}${money(e.monthlyDelta, e.currency)}/month${e.upperBound ? ' (upper bound)' : ''}` : '';
  return `${repo}PR #${c.number} '${c.title}' merged ${at}${estimate}`;
}

/** The sentence for an episode and what its repositories show; `error` when GitHub could not be read. */
export function describeChanges(e: Episode, repos: readonly string[], changes: readonly ListedChange[], error?: string): string {
  const head = `${subject(e.scope)} cost ${factor(e)} since ${when(e.start, e.end, e.start.length > 10)}`;
  const where = repos.join(', ');
  if (error) return `${head}; what changed on ${where} could not be read from GitHub (${error})`;
  if (changes.length === 0) return `${head}; no pull request merged, deployment or release on ${where} in that window`;
  const listed = changes.slice(0, SHOWN).map((c) => changeText(c, e.end, repos.length > 1));
  const more = changes.length > SHOWN ? `; and ${changes.length - SHOWN} more` : '';
  return `${head}; ${listed.join('; ')}${more}`;
}
