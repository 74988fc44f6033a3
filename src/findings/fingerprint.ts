/**
 * The stable identity of a finding: a hash of its type, its scope (keys sorted, so key order never
 * matters) and its dated part if any. The same situation seen by any run gets the same fingerprint.
 */
import { createHash } from 'node:crypto';

export function canonicalScope(scope: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(scope).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

export function fingerprint(type: string, scope: Record<string, string>, key?: string): string {
  const text = [type, canonicalScope(scope), key ?? ''].join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
