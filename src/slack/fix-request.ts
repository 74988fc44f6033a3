/**
 * Fixes asked for in a question: "propose a fix for the idle GPU", "fix finding 3f9a2c1b", "can
 * you remediate the premium model on query-rewrite?". The words name a finding; which one is
 * decided here by matching them against the asker's open findings (their fingerprint, or the
 * words of their title, type and scope) — never by a model, and the fix itself is chosen from the
 * finding's data by the remediation planner as for a button click.
 */
import type { Finding } from '../findings/finding.ts';

const REQUEST = [
  /^(?:please\s+|can you\s+|could you\s+|would you\s+)?(?:propose|suggest|draft|open)\s+(?:a\s+|the\s+)?(?:fix|remediation)\b(?:\s+(?:for|of|to))?(?<what>.*)$/i,
  /^(?:please\s+|can you\s+|could you\s+|would you\s+)?(?:fix|remediate)\b(?<what>.*)$/i,
];

/** The part of a fix request that names the finding ('' when it names none), or null for other questions. */
export function parseFixRequest(text: string): string | null {
  const t = text.trim().replace(/[?.!]+$/, '');
  for (const re of REQUEST) {
    const what = re.exec(t)?.groups?.what;
    if (what !== undefined) return what.trim();
  }
  return null;
}

// Words that say nothing about which finding is meant.
const FILLER = new Set(['the', 'a', 'an', 'for', 'of', 'on', 'in', 'to', 'and', 'or', 'our', 'my', 'this', 'that', 'one', 'finding', 'issue', 'problem', 'please', 'it', 'with', 'is', 'are']);

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9.:_/-]+/)
    .map((w) => w.replace(/^[.:_/-]+|[.:_/-]+$/g, ''))
    .filter((w) => w.length >= 2 && !FILLER.has(w));

export interface RankedFinding {
  finding: Finding;
  /** How many of the request's words the finding's text contains; Infinity for its fingerprint. */
  score: number;
}

/** The findings that match the request's words, best first (impact breaks ties). */
export function rankFindings(what: string, findings: readonly Finding[]): RankedFinding[] {
  const asked = words(what);
  const fp = asked.find((w) => /^[0-9a-f]{6,}$/.test(w));
  const ranked = findings.map((finding) => {
    if (fp && finding.fingerprint.startsWith(fp)) return { finding, score: Infinity };
    const text = [finding.title, finding.type.replace(/_/g, ' '), ...Object.values(finding.scope)].join(' ').toLowerCase();
    return { finding, score: asked.filter((w) => text.includes(w)).length };
  });
  return ranked.filter((r) => r.score > 0).sort((a, b) => b.score - a.score || b.finding.impactMonthly - a.finding.impactMonthly);
}

/** The one finding meant, when the best match is clearly better than the next. */
export function onlyMatch(ranked: readonly RankedFinding[]): Finding | null {
  const [best, next] = ranked;
  return best && (!next || best.score > next.score) ? best.finding : null;
}
