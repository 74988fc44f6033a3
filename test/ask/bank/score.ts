/**
 * Scores the question bank (questions.yaml) against a database holding the demo company: each
 * question is asked offline and its answer compared with the bank's hand-written SQL. An answer is
 * right, declined (no query), or wrong: a number, a row or a shape that differs from the truth.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Answer } from '../../../src/ask/answer/answer.ts';

const Question = z.strictObject({
  q: z.string().min(1),
  value: z.string().optional(),
  previous: z.string().optional(),
  rows: z.string().optional(),
  key: z.union([z.string(), z.array(z.string())]).optional(),
  top: z.number().int().positive().optional(),
  decline: z.literal(true).optional(),
});
export type BankQuestion = z.infer<typeof Question>;
/** `asOf`: the day the bank's questions are asked as of, when its data is not the demo company's. */
const Bank = z.strictObject({ setup: z.string().optional(), asOf: z.iso.date().optional(), questions: z.array(Question).min(1) });

/** A bank in this folder: questions.yaml (the demo company) unless another file is named. */
export function loadBank(name = 'questions.yaml'): z.infer<typeof Bank> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), name);
  return Bank.parse(parse(fs.readFileSync(file, 'utf8')));
}

export type Verdict = { kind: 'right' } | { kind: 'declined'; why: string } | { kind: 'wrong'; why: string };

/** Equal as money or counts: within a cent, or a millionth of the value for large counts. */
const same = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.005, Math.abs(b) * 1e-9);

async function one(pool: pg.Pool, sql: string): Promise<number> {
  const { rows } = await pool.query(sql);
  return Number(rows[0].v ?? 0);
}

function rowKey(row: Record<string, unknown>, key: string | string[]): string {
  return (Array.isArray(key) ? key : [key]).map((k) => String(row[k] ?? 'null')).join('|');
}

/** Whether the answer's rows are the truth's: the first `top` in order, else all of them in any order. */
async function checkRows(pool: pg.Pool, b: BankQuestion, a: Answer): Promise<string | null> {
  const metric = a.column ?? a.query!.metric;
  const { rows } = await pool.query(b.rows!);
  const truth = rows.map((r) => ({ k: String(r.k ?? 'null'), v: Number(r.v ?? 0) }));
  const got = a.rows.map((r) => ({ k: rowKey(r, b.key ?? 'k'), v: Number(r[metric] ?? 0) }));
  if (b.top) {
    if (got.length < b.top) return `${got.length} rows, expected at least ${b.top}`;
    for (let i = 0; i < b.top; i++) {
      if (got[i]!.k !== truth[i]?.k || !same(got[i]!.v, truth[i]!.v)) return `row ${i + 1} is ${got[i]!.k} ${got[i]!.v}, expected ${truth[i]?.k} ${truth[i]?.v}`;
    }
    return null;
  }
  const want = new Map(truth.map((r) => [r.k, r.v]));
  const have = new Map(got.map((r) => [r.k, r.v]));
  for (const [k, v] of want) if (!have.has(k) || !same(have.get(k)!, v)) return `${k}: ${have.get(k)} expected ${v}`;
  for (const k of have.keys()) if (!want.has(k)) return `unexpected row ${k}`;
  return null;
}

export async function judge(pool: pg.Pool, b: BankQuestion, a: Answer): Promise<Verdict> {
  // A budget, forecast or findings answer has no cost query but may give a number: that is an answer, not a refusal.
  if (a.query === null && a.value === null) return b.decline ? { kind: 'right' } : { kind: 'declined', why: a.answer };
  if (a.query === null) {
    if (b.decline) return { kind: 'wrong', why: `answered a question that must be declined: ${a.answer}` };
    if (b.value === undefined || b.previous !== undefined) return { kind: 'wrong', why: `a number where the truth is ${b.rows ? 'rows' : 'a comparison'}: ${a.answer}` };
    const want = await one(pool, b.value);
    return same(a.value!, want) ? { kind: 'right' } : { kind: 'wrong', why: `${a.value} expected ${want}: ${a.answer}` };
  }
  // A query that gave no number ("n/a: no successful task outcomes recorded") answered nothing to be wrong about.
  const noNumber = a.value === null && a.rows.every((r) => r[a.query!.metric] === null || r[a.query!.metric] === undefined);
  if (noNumber && (b.decline || b.value !== undefined)) return b.decline ? { kind: 'right' } : { kind: 'declined', why: a.answer };
  if (b.decline) return { kind: 'wrong', why: `answered a question that must be declined: ${a.answer}` };
  if (b.value !== undefined) {
    const want = await one(pool, b.value);
    if (a.value === null || !same(a.value, want)) return { kind: 'wrong', why: `${a.value} expected ${want}: ${a.answer}` };
    if (b.previous !== undefined) {
      const prev = await one(pool, b.previous);
      const got = a.rows[0]?.previous;
      if (typeof got !== 'number' || !same(got, prev)) return { kind: 'wrong', why: `previous ${String(got)} expected ${prev}` };
    }
    return { kind: 'right' };
  }
  const bad = await checkRows(pool, b, a);
  return bad === null ? { kind: 'right' } : { kind: 'wrong', why: `${bad}: ${a.answer}` };
}
