/**
 * Readings of a whole question, tried before its words are taken one by one: each recognises a
 * shape ("not X, just Y", two period clauses, an annualized or run-rate amount, a cloud the data
 * does not hold, a ratio, AI beside one slice of cloud) and plans it from plans of its parts.
 */
import { readAbsentClouds } from './absent-clouds.ts';
import { readAiBesideCloud } from './ai-beside-cloud.ts';
import { readAnnualized } from './annualized.ts';
import { readMonthlyRunRate } from './monthly-run-rate.ts';
import { readNotJust } from './not-just.ts';
import { readPeriodClauses } from './period-clauses.ts';
import type { Plan, PlanContext, Refusal } from './plan-result.ts';
import { readRatio } from './ratio-readings.ts';

type Planner = (question: string, ctx: PlanContext) => Plan | Refusal;

/** The question's plan when its whole shape is one of these readings, else null. */
export function readWholeQuestion(question: string, ctx: PlanContext, planQuestion: Planner): Plan | Refusal | null {
  const again = (text: string) => planQuestion(text, ctx);
  const widened = readNotJust(question, again) ?? readPeriodClauses(question, again) ?? readAnnualized(question, again) ?? readMonthlyRunRate(question, ctx.asOf, again);
  if (widened) return widened;
  const absent = ctx.cloudsRead ? null : readAbsentClouds(question, ctx.catalog, (text) => planQuestion(text, { ...ctx, cloudsRead: true }));
  if (absent) return absent;
  if (ctx.inPortion) return null;
  const parts = (text: string) => planQuestion(text, { ...ctx, inPortion: true });
  const share = readRatio(question, parts);
  if (share) return 'part' in share ? { ...share.part, portion: share.portion } : share;
  return readAiBesideCloud(question, parts);
}
