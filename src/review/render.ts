/**
 * The pull-request comment: an Infracost-style table (item, file, before → after, monthly change,
 * basis), the total, and a collapsible "how estimated". The hidden marker on its first line is how
 * the comment is found again and updated in place instead of posting another. A figure that is an
 * upper bound (an output limit used in full) reads "up to", and so does a total that includes one.
 * GitHub refuses
 * comments over 65,536 characters: a review too long for that shows its largest changes and says
 * how many smaller ones were left out (the total still counts them all).
 */
import { DEFAULT_CURRENCY } from '../costs/currency.ts';
import { formatMoney } from '../schema/money.ts';
import type { ReviewItem } from './estimate.ts';
import type { ReviewResult } from './review.ts';

export const COMMENT_MARKER = '<!-- penny:pr-cost-review -->';

/** GitHub's limit is 65,536 characters; the rest is room for the header, footer and the note. */
const ROWS_BUDGET = 60_000;

const KIND_LABEL: Record<ReviewItem['kind'], string> = {
  model: 'Model change',
  'output-limit': 'Output limit',
  prompt: 'Prompt size',
  'call-site': 'New LLM call',
  schedule: 'Schedule',
  infrastructure: 'Compute',
};

/** Estimates are in the price library's and the price table's currency, USD, whatever currency usage was billed in. */
export function money(x: number, signed = true): string {
  const sign = x > 0 && signed ? '+' : x < 0 ? '−' : '';
  return `${sign}${formatMoney(Math.abs(x), DEFAULT_CURRENCY)}`;
}

/** A cost increase that assumes the worst case (every call using its whole output limit). */
const isBound = (i: ReviewItem) => i.basis === 'upper bound' && i.monthlyDelta !== null && i.monthlyDelta > 0;

/** The monthly change as people read it: "up to" where it is an upper bound, a dash where unknown. */
function deltaText(i: ReviewItem): string {
  if (i.monthlyDelta === null) return '—';
  const without = i.unpriced?.length ? ` (without ${i.unpriced.join(', ')})` : '';
  return `${isBound(i) ? 'up to ' : ''}${money(i.monthlyDelta)}${without}`;
}

function totalText(r: ReviewResult): string {
  const total = r.monthlyDelta === 0 ? money(0) : money(r.monthlyDelta);
  return r.items.some(isBound) ? `up to ${total}` : total;
}

/** Table cells: no pipes or newlines from the diff may break the table. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string) => (s === 'none' || s === 'no limit' ? `_${s}_` : `\`${s.replace(/`/g, "'")}\``);

function row(i: ReviewItem): string {
  const delta = deltaText(i);
  const feature = i.feature ? ` (${cell(i.feature)})` : '';
  return `| ${KIND_LABEL[i.kind]}${feature} | \`${cell(i.file)}:${i.line}\` | ${cell(code(i.before))} → ${cell(code(i.after))} | ${delta} | ${i.basis} |`;
}

const note = (i: ReviewItem) => `- \`${i.file}:${i.line}\` — ${i.note}`;

/** All items when they fit the comment; else the largest changes that do, in diff order. */
function fitting(items: readonly ReviewItem[]): ReviewItem[] {
  const size = (i: ReviewItem) => row(i).length + note(i).length + 2;
  if (items.reduce((n, i) => n + size(i), 0) <= ROWS_BUDGET) return [...items];
  // Unestimated changes (no number) go last.
  const weight = (i: ReviewItem) => (i.monthlyDelta === null ? -1 : Math.abs(i.monthlyDelta));
  const bySize = [...items].sort((a, b) => weight(b) - weight(a));
  const kept = new Set<ReviewItem>();
  let used = 0;
  for (const i of bySize) {
    if (used + size(i) > ROWS_BUDGET) break;
    kept.add(i);
    used += size(i);
  }
  return items.filter((i) => kept.has(i));
}

export function renderComment(r: ReviewResult, options: { headSha?: string; failAbove?: number; anew?: boolean } = {}): string {
  const lines = [COMMENT_MARKER, '### 💰 Penny cost review', ''];
  if (r.items.length === 0) {
    lines.push('No cost-relevant changes in this pull request (models, token limits, prompts, LLM calls, schedules, compute).');
  } else {
    const total = totalText(r);
    const inPart = r.items.filter((i) => i.unpriced?.length).length;
    const gaps = [...(r.unestimated ? [`${r.unestimated} change${r.unestimated === 1 ? '' : 's'} without an estimate`] : []), ...(inPart ? [`${inPart} priced in part`] : [])];
    const partial = gaps.length ? ` (${gaps.join('; ')})` : '';
    lines.push(`**Estimated monthly cost change: ${total}**${partial}`, '');
    if (options.failAbove !== undefined && r.monthlyDelta > options.failAbove) {
      lines.push(`> [!WARNING]\n> Above the policy limit of ${money(options.failAbove, false)}/month.`, '');
    }
    const shown = fitting(r.items);
    lines.push('| Item | File | Before → After | Monthly change | Basis |', '|---|---|---|---:|---|');
    for (const i of shown) lines.push(row(i));
    const left = r.items.length - shown.length;
    if (left > 0) {
      const leftDelta = r.items.filter((i) => !shown.includes(i)).reduce((sum, i) => sum + (i.monthlyDelta ?? 0), 0);
      lines.push('', `…and ${left} smaller change${left === 1 ? '' : 's'} (${money(leftDelta)}/month together), left out to fit GitHub's comment size; \`penny review-pr --json\` lists every one.`);
    }
    lines.push('', '<details><summary>How estimated</summary>', '');
    for (const i of shown) lines.push(note(i));
    lines.push(
      '',
      `History is the last 30 days of each feature's real LLM calls (${r.history.from} to before ${r.history.to}), repriced at ${r.asOf} rates with @pydantic/genai-prices; 30 days count as a month. ` +
        'Features come from `penny.yml` (paths → feature), else the feature tag beside the change, else a matching path name. ' +
        'Without history, `penny.yml` usage assumptions are used; without either, the change is listed as "no usage data" rather than guessed. ' +
        'Output limits are upper bounds (every call using the whole limit).',
    );
    if (r.priceTable) lines.push('', `Compute prices: ${r.priceTable.source}, as of ${r.priceTable.date}; 730 hours a month.`);
    lines.push('', '</details>');
  }
  lines.push('', `<sub>Penny${options.headSha ? ` · ${options.headSha.slice(0, 7)}` : ''} · ${options.anew ? 'posted anew on each push' : 'updated in place on each push'}</sub>`);
  return lines.join('\n');
}

export function renderText(r: ReviewResult): string {
  if (r.items.length === 0) return `No cost-relevant changes in ${r.files} file${r.files === 1 ? '' : 's'}: monthly change $0.00\n`;
  const rows = r.items.map(
    (i) => `  ${KIND_LABEL[i.kind].padEnd(13)} ${`${i.file}:${i.line}`.padEnd(40)} ${i.before} → ${i.after}  ${deltaText(i)}/month  [${i.basis}${i.feature ? `, ${i.feature}` : ''}]`,
  );
  return [`Estimated monthly cost change: ${totalText(r)} (${r.items.length} item${r.items.length === 1 ? '' : 's'})`, ...rows, ''].join('\n');
}
