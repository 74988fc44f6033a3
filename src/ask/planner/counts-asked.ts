/**
 * Which count of distinct things a question asks, if any: commitments, resources, sub accounts, or
 * the values of a named dimension (models, services, teams), most specific first.
 */
import { takeAccountCount } from './account-count.ts';
import { takeCommitmentCount } from './commitment-count.ts';
import { takeResourceCount } from './resource-count.ts';
import type { QuestionText } from './text.ts';
import { takeValueCount } from './value-count.ts';

export const takeCount = (t: QuestionText) => takeCommitmentCount(t) ?? takeResourceCount(t) ?? takeAccountCount(t) ?? takeValueCount(t);
