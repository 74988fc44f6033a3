/**
 * A quantity asked in its unit: "how many TiB did BigQuery scan", "how many hours of EC2 did we
 * run". The consumed quantity of the lines counted in that unit (FOCUS ConsumedUnit), which
 * withUnitGrouping (focus.ts) also splits by unit, so "GB" beside "GB-Months" is never one number.
 * Only units of data and time: "how many requests" and "how many calls" count LLM calls.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

/** A unit as exports write it, and how it may be typed. */
const UNITS: Array<[string, string]> = [
  ['PiB', 'pib'],
  ['TiB', 'tib'],
  ['GiB', 'gib'],
  ['MiB', 'mib'],
  ['PB', 'pb|petabytes?'],
  ['TB', 'tb|terabytes?'],
  ['GB-Month', 'gb[\\s-]?months?'],
  ['GB', 'gb|gigabytes?'],
  ['MB', 'mb|megabytes?'],
  ['Hours', 'hours|hrs'],
];
/** "node hours", "instance hours": what runs for the hours counted, said before the unit; the services or resources named say which. */
const RUNNING = '(?:(?:node(?:\\s+pool)?|instance|vm|machine|server|host)\\s+)?';
const HOW_MANY = new RegExp(`\\bhow\\s+many\\s+${RUNNING}(${UNITS.map(([, typed]) => typed).join('|')})\\b(?:\\s+of\\b)?`);

/** The unit "how many …" names, its words taken, as a ConsumedUnit filter; null when none is named. */
export function takeQuantityUnit(t: QuestionText): Filter | null {
  const m = t.takeOne(HOW_MANY);
  return m ? unitFilter(m[1]!) : null;
}

function unitFilter(typed: string): Filter {
  const unit = UNITS.find(([, words]) => new RegExp(`^(?:${words})$`).test(typed))![0];
  return { dimension: 'ConsumedUnit', op: 'contains', value: unit };
}

const IN_UNIT = new RegExp(`\\b(?:in|of)\\s+(${UNITS.map(([, typed]) => typed).join('|')})\\b`);

/** "consumed quantity in GB-Months": the unit a quantity metric is asked in, as a ConsumedUnit filter. */
export function takeUnitNamed(t: QuestionText): Filter | null {
  const m = t.takeOne(IN_UNIT);
  return m ? unitFilter(m[1]!) : null;
}
