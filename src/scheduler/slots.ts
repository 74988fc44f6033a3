/**
 * Scheduled slots of a cron expression in a time zone: the instants node-cron fires at. A run is
 * keyed by its slot, not by the moment a process woke up, so replicas firing milliseconds apart
 * claim the same key. node-cron gives the next slots and whether an instant matches; it has no
 * "previous slot", which catch-up after downtime needs, so that walk is here, checked against
 * node-cron's own matcher so both agree on day rules (L, W, #) and on DST gaps and overlaps.
 */
import cron, { type ScheduledTask } from 'node-cron';

export interface CronSpec {
  /** 5 fields (minute precision) or 6 (leading seconds), as node-cron reads them. */
  expression: string;
  /** IANA zone the fields are read in, e.g. Europe/Berlin. */
  timezone: string;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function localParts(ms: number, timezone: string): LocalParts {
  const p = Object.fromEntries(
    formatter(timezone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, Number(x.value)]),
  );
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

const wallClock = (p: LocalParts) => Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);

const offsetMs = (ms: number, timezone: string) => wallClock(localParts(ms, timezone)) - Math.floor(ms / 1000) * 1000;

const readsBack = (ms: number, p: LocalParts, timezone: string) => wallClock(localParts(ms, timezone)) === wallClock(p);

/**
 * The instant of a wall-clock time, resolved the way node-cron resolves it (same guess, same
 * choice in a DST overlap), so a slot computed here equals the date node-cron fires with.
 */
function localToInstant(p: LocalParts, timezone: string): number {
  const guess = wallClock(p);
  const first = guess - offsetMs(guess, timezone);
  const secondOffset = offsetMs(first, timezone);
  if (guess - secondOffset === first) return first;
  const second = guess - secondOffset;
  if (readsBack(first, p, timezone)) return first;
  if (readsBack(second, p, timezone)) return second;
  return Math.max(first, second);
}

/** node-cron's matcher for a spec, created unstarted and always destroyed (tasks are registered globally). */
function withTask<T>(spec: CronSpec, fn: (task: ScheduledTask) => T): T {
  const task = cron.createTask(spec.expression, () => undefined, { timezone: spec.timezone });
  try {
    return fn(task);
  } finally {
    void task.destroy();
  }
}

/** The next `count` slots after now. */
export function nextSlots(spec: CronSpec, count: number): Date[] {
  return withTask(spec, (task) => task.getNextRuns(count));
}

const descending = (values: (number | string)[]) => values.map(Number).sort((a, b) => b - a);

// Some expressions match once in years (29 February on a Monday); beyond this there is no slot.
const MAX_DAYS_BACK = 366 * 30;

/** The latest slot at or before `at`, or null when there is none within decades. */
export function previousSlot(spec: CronSpec, at: Date): Date | null {
  const fields = cron.parse(spec.expression);
  const hours = descending(fields.hour);
  const minutes = descending(fields.minute);
  const seconds = descending(fields.second);
  const atMs = at.getTime();
  const now = localParts(atMs, spec.timezone);
  const nowSecond = now.hour * 3600 + now.minute * 60 + now.second;
  return withTask(spec, (task) => {
    for (let back = 0; back <= MAX_DAYS_BACK; back++) {
      const date = new Date(Date.UTC(now.year, now.month - 1, now.day - back));
      const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      candidates: for (const hour of hours) {
        for (const minute of minutes) {
          for (const second of seconds) {
            if (back === 0 && hour * 3600 + minute * 60 + second > nowSecond) continue;
            const p = { ...day, hour, minute, second };
            const ms = localToInstant(p, spec.timezone);
            if (ms > atMs) continue;
            if (task.match(new Date(ms))) return new Date(ms);
            // The time exists and its fields match, so the day itself is not in the schedule.
            if (readsBack(ms, p, spec.timezone)) break candidates;
          }
        }
      }
    }
    return null;
  });
}
