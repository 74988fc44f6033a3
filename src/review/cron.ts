/**
 * Runs per month of a schedule expression: standard 5-field cron (GitHub Actions, Kubernetes
 * CronJob), 6-field cron with seconds (node-cron), the @hourly-style macros, and AWS EventBridge
 * `cron(m h dom mon dow year)` / `rate(n unit)`. Counted exactly over a whole non-leap year and
 * divided by 12, so "1st and 15th" and "weekdays" come out right. Day-of-month and day-of-week
 * both restricted means either matches (Vixie cron, which GitHub and Kubernetes follow).
 */
import { DAY_MS } from '../schema/days.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const RATE_MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440 };
const MINUTES_PER_MONTH = (365 * 1440) / 12;

/** The values one field allows, or undefined when it cannot be read. */
function field(text: string, min: number, max: number, names?: string[]): Set<number> | undefined {
  const out = new Set<number>();
  const value = (v: string): number | undefined => {
    const i = names?.indexOf(v.toLowerCase()) ?? -1;
    const n = i >= 0 ? i + (names === MONTHS ? 1 : 0) : /^\d+$/.test(v) ? Number(v) : undefined;
    return n === 7 && names === DAYS ? 0 : n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!range || !Number.isInteger(step) || step < 1) return undefined;
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === '*' || range === '?') [lo, hi] = [min, max];
    else if (range.includes('-')) [lo, hi] = range.split('-').map(value) as [number | undefined, number | undefined];
    else {
      lo = value(range);
      hi = stepText === undefined ? lo : max;
    }
    if (lo === undefined || hi === undefined || lo < min || hi > max + (names === DAYS ? 1 : 0) || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) out.add(names === DAYS && v === 7 ? 0 : v);
  }
  return out;
}

/** Runs per average month (365/12 days), or undefined when the text is not a schedule. */
export function runsPerMonth(expression: string): number | undefined {
  let text = expression
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/i.exec(text);
  if (rate) {
    const every = Number(rate[1]) * RATE_MINUTES[rate[2]!.toLowerCase()]!;
    return every > 0 ? MINUTES_PER_MONTH / every : undefined;
  }
  const aws = /^cron\((.+)\)$/i.exec(text);
  if (aws) {
    // AWS: six fields, the last the year; its day-of-week counts 1–7 from Sunday.
    const f = aws[1]!.trim().split(/\s+/);
    if (f.length !== 6) return undefined;
    const dow = f[4]!.replace(/\d/g, (d) => String((Number(d) + 6) % 7));
    text = [f[0], f[1], f[2], f[3], dow].join(' ');
  }
  text = MACROS[text.toLowerCase()] ?? text;
  let parts = text.split(/\s+/);
  let perMinute = 1;
  if (parts.length === 6) {
    const seconds = field(parts[0]!, 0, 59);
    if (!seconds) return undefined;
    perMinute = seconds.size;
    parts = parts.slice(1);
  }
  if (parts.length !== 5) return undefined;
  const [m, h, dom, mon, dow] = parts as [string, string, string, string, string];
  const minutes = field(m, 0, 59);
  const hours = field(h, 0, 23);
  // Quartz-style L/W/# modifiers: read as the plain day, close enough for a monthly count.
  const doms = field(dom.replace(/[LW]/gi, '').replace(/^$/, '*'), 1, 31);
  const months = field(mon, 1, 12, MONTHS);
  const dows = field(dow.replace(/#\d+|L/gi, ''), 0, 6, DAYS);
  if (!minutes || !hours || !doms || !months || !dows) return undefined;
  const domAny = dom === '*' || dom === '?';
  const dowAny = dow === '*' || dow === '?';
  let days = 0;
  // 2025: a non-leap year starting on a Wednesday; any such year gives the same average.
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += DAY_MS) {
    const d = new Date(t);
    if (!months.has(d.getUTCMonth() + 1)) continue;
    const domOk = doms.has(d.getUTCDate());
    const dowOk = dows.has(d.getUTCDay());
    if (domAny && dowAny ? true : domAny ? dowOk : dowAny ? domOk : domOk || dowOk) days++;
  }
  return (days * hours.size * minutes.size * perMinute) / 12;
}
