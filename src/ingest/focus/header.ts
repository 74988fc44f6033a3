/**
 * Maps a file's header onto the FOCUS columns: case-insensitive, any order, FOCUS 1.0 to 1.3 names
 * (and older aliases); a 1.3 column wins over the deprecated one it replaces. Columns that are not FOCUS (`x_` custom columns, provider extras) are kept.
 */
import { FOCUS_COLUMNS, FOCUS_SUCCESSORS, focusColumnFor, type FocusColumn } from '../../schema/focus-columns.ts';

export interface HeaderPlan {
  /** For each of FOCUS_COLUMNS, the index of its value in a record, or -1 when the file lacks it. */
  sourceIndex: readonly number[];
  /** Non-FOCUS columns, stored in `extra` under their own names. */
  extras: readonly { name: string; index: number }[];
  /** Mandatory FOCUS columns the file lacks but that Penny can do without (stored as null). */
  missingMandatory: readonly string[];
}

export class HeaderError extends Error {
  override name = 'HeaderError';
}

const MANDATORY_1_0 = new Set([
  'BillingAccountName',
  'ChargeClass',
  'ChargeDescription',
  'ContractedCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'PublisherName',
  'ServiceCategory',
]);

const byName = new Map(FOCUS_COLUMNS.map((c) => [c.name, c]));

export function planHeader(header: readonly string[]): HeaderPlan {
  const found = new Map<FocusColumn, number>();
  const extras: { name: string; index: number }[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    const column = focusColumnFor(name);
    if (!column) {
      if (name !== '') extras.push({ name, index });
      return;
    }
    if (found.has(column)) throw new HeaderError(`column ${column.name} appears twice in the header (columns ${found.get(column)! + 1} and ${index + 1})`);
    found.set(column, index);
  });
  for (const [old, successor] of Object.entries(FOCUS_SUCCESSORS)) {
    const at = found.get(byName.get(successor)!);
    if (at !== undefined) found.set(byName.get(old)!, at);
  }
  const missing = FOCUS_COLUMNS.filter((c) => c.header && !found.has(c)).map((c) => c.name);
  if (missing.length > 0) {
    throw new HeaderError(`missing required FOCUS column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the header`);
  }
  return {
    sourceIndex: FOCUS_COLUMNS.map((c) => found.get(c) ?? -1),
    extras,
    missingMandatory: FOCUS_COLUMNS.filter((c) => MANDATORY_1_0.has(c.name) && !found.has(c)).map((c) => c.name),
  };
}
