/**
 * "annualized run rate based on october", "annualised run-rate off Q3's spend": a year's figure
 * scaled from a period already spent, as finance scales it: the period's monthly average (over its
 * whole months, period-average.ts) times twelve. A run rate with no period to scale stays a
 * forecast question, which gives the current month only (outlook.ts).
 */
import type { Plan, Refusal } from './plan-result.ts';

/** A year's figure: "annualized run-rate", "yearly run rate", "run rate per year", "annualised". */
export const ANNUAL = /\bannuali[sz](?:ed|ing|e)\b(?:\s+run[\s-]?rate\b)?|\b(?:annual|yearly)\s+run[\s-]?rate\b|\brun[\s-]?rate\s+(?:per|a|for\s+the|for\s+a|over\s+a)\s+year\b/i;
const RUN_RATE = /\brun[\s-]?rate\b/gi;
/** What the year is scaled from: "based on", "off", "using", "going by", "from". */
const BASIS = /\b(?:based\s+(?:on|off)|off(?:\s+of)?|using|going\s+by|from)\b/i;

/** Whether a year's figure names the period it is scaled from. */
export const annualFromPeriod = (text: string): boolean => ANNUAL.test(text) && BASIS.test(text);

/**
 * The question read as twelve times the monthly average of the period it names, or null when it
 * asks no year's figure from a period. Declined when the period holds no whole month, or when what
 * it asks has no monthly average (a ranking, a comparison).
 */
export function readAnnualized(question: string, plan: (text: string) => Plan | Refusal): Plan | Refusal | null {
  if (!annualFromPeriod(question)) return null;
  // "annualised AI run rate": the run rate said apart from "annualised" is the same figure.
  const read = plan(question.replace(ANNUAL, 'average monthly').replace(BASIS, ' ').replace(RUN_RATE, ' '));
  if (!read.ok) return read;
  if (read.average?.unit !== 'month')
    return { ok: false, message: 'I scale a year from the monthly average of a period already spent, as one total; ask e.g. "annualized run rate based on October".', suggestions: [] };
  return { ...read, annualized: true, assumptions: ['annualized as 12 times the monthly average of the whole months named', ...read.assumptions] };
}
