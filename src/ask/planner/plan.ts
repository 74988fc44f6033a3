/**
 * The offline planner: a question in words → the same typed CostQuery the agent's tools take, with
 * no model. It reads time, metric, grouping, names of stored values and dataset words, in that
 * order; anything meaningful left over, or a name that matches no stored value, makes it decline
 * and offer phrasings it can answer. It never guesses a number.
 */
import { commitmentSavings } from './commitment-savings.ts';
import { takeNonProduction } from './non-production.ts';
import { isConvertible, isFocusMetric, isPerTaskCost, isTagCoverage, isTaskMetric, parseCostQuery, type CostQuery, type CostQueryInput, type Filter } from '../../costs/query.ts';
import { resolveTime } from '../../costs/time.ts';
import { datasetOf } from '../../costs/values.ts';
import { PURCHASES_AT_BILLED_COST, purchasesAlone, takeChargeCategories } from './charges.ts';
import { takeFocusWords, withUnitGrouping } from './focus.ts';
import { DERIVED, GROUPED_DERIVED, takeBilledGap, takeDerived, TASK_TAKES, type Derived } from './derived.ts';
import { takeGpuAndArea } from './geography.ts';
import { rankedNothing, takeBareDimension, takeGrouping } from './grouping.ts';
import { outlookKind } from './outlook.ts';
import { namesBothDatasets, takeBoth, takeDataset, takeMetric, TASK_NOUN, UNIT_NOUN } from './measure.ts';
import { dimensionName } from '../answer/format.ts';
import { QuestionText } from './text.ts';
import { takeTimeWords } from './time.ts';
import { takeRepeatedPeriod } from './repeated-period.ts';
import { rankPeriods } from './top-periods.ts';
import { takeMissingTag, takeUntagged } from './untagged.ts';
import { takeListedUntagged } from './untagged-items.ts';
import { takeDayWords } from './weekdays.ts';
import { takeThreshold, thresholdPlan } from './threshold.ts';
import { takeCurrency } from './currency-words.ts';
import { takeAttributed } from './attributed.ts';
import { takeMyTeam } from './my-team.ts';
import { takeTeamLeadIntro } from './team-lead-intro.ts';
import { takeServicePart } from './service-parts.ts';
import { DEFAULT_CURRENCY } from '../../costs/currency.ts';
import { teamsNamed, ValueIndex } from './value-index.ts';
import { takeValues } from './values.ts';
import { takeAsides, takeAudience } from './asides.ts';
import { takeOpex } from './opex.ts';
import { ADDRESS, COST_WORDS, SHARE, VERSUS } from './question-words.ts';
import { takePeriodAverage, wholePeriodAverage } from './period-average.ts';
import { inferDataset } from './infer-dataset.ts';
import { takeAccountKind } from './account-kinds.ts';
import { boughtDimension, rankedThing } from './ranked-thing.ts';
import { drillDown } from './defaults.ts';
import { unsaidPeriod } from './latest-data.ts';
import { applyLists, carryNegation, readLists } from './lists.ts';
import { daysBetween } from '../../schema/days.ts';
import { columnSql } from '../../schema/dimensions.ts';
import { madeOfBreakdown, takeCallAndScopeWords, takeSpendsBudget, unitCostReading } from './call-and-scope.ts';
import { wholeInvoiceNote } from './invoice-totals.ts';
import { judgedReading } from './better-worse.ts';
import { unmeasuredSavings } from './unmeasured-savings.ts';
import { joinContains } from './contains-pairs.ts';
import { asksCount, NOT_COUNTED } from './counts.ts';
import { takeBookkeeping } from './bookkeeping-words.ts';
import { takeWholeAccounts } from './whole-accounts.ts';
import { takeCount } from './counts-asked.ts';
import { takeSpot } from './spot.ts';
import { twoQuestionsRefusal } from './clause-lists.ts';
import { takeCommitmentTypeSplit } from './commitment-type-split.ts';
import { hourlyTooLong } from './hourly.ts';
import { excludeCommitmentKind, takeExcludedCommitmentKind } from './commitment-exclusions.ts';
import { takeInclusive } from './inclusive-range.ts';
import { takeTokenSum } from './token-sum.ts';
import { takeMethodAsides } from './method-asides.ts';
import { takeResourceGroupNames } from './resource-group-names.ts';
import { takeLevelWhy } from './level-why.ts';
import { narrowToResourceKind } from './resource-kinds.ts';
import { splitChat } from './chat-words.ts';
import { plainQuestion } from './plain-question.ts';
import { groupByWorkload, takeWorkloads } from './workloads.ts';
import { takeDataNouns } from './data-nouns.ts';
import { takeComparedKind } from './compared-kind.ts';
import { readWholeQuestion } from './whole-readings.ts';
import { unanswerable } from './unanswerable.ts';
import { NOT_A_COST_QUESTION, quote, refuse, type Plan, type PlanContext, type Refusal } from './plan-result.ts';
import { misspelt, unknownName } from './misspelt.ts';

export type { Plan, PlanContext, Refusal };

export function planQuestion(question: string, ctx: PlanContext): Plan | Refusal {
  const plain = plainQuestion(question);
  if (plain !== question) return planQuestion(plain, ctx);
  const t = new QuestionText(question);
  if (t.text.trim() === '') return refuse('Ask me about costs, e.g. one of these.');
  const shaped = readWholeQuestion(question, ctx, planQuestion);
  if (shaped) return shaped;
  // First: "savings plan", "savings rate" and "unused commitments" are FOCUS words, not waste or a forecast.
  // "in the AWS data": before names, which would read "data" as the team data.
  takeDataNouns(t);
  // Before focus.ts, which reads "tagged with Owner" as carrying the tag: "isn't tagged with a team" lacks it.
  const missingTag = takeMissingTag(t, question);
  const count = takeCount(t);
  const spot = takeSpot(t);
  const leftOutKind = takeExcludedCommitmentKind(t);
  const focus = takeFocusWords(t, question);
  const workloads = takeWorkloads(t, ctx.catalog);
  focus.filters.push(...takeResourceGroupNames(t), ...workloads.filters);
  // Forecasts, budgets, waste and anomalies are answered from the scans (src/ask/answer/outlook.ts), not a cost query.
  if (outlookKind(t)) return refuse(unmeasuredSavings(question) ?? 'Forecasts, budgets, waste and anomalies are answered from the budget scan and the findings, not from a cost query.');
  const unplaceable = unanswerable(t);
  if (unplaceable) return refuse(unplaceable);
  t.takeOne(ADDRESS);
  takeAudience(t);
  const opex = takeOpex(t);
  const costWords = opex !== null || t.has(COST_WORDS);

  const averaged = takePeriodAverage(t);
  const billedGap = takeBilledGap(t);
  // Before time words, which read "by day" as a daily trend; "last weekend" is left to them.
  const spendsBudget = takeSpendsBudget(t);
  const days = takeDayWords(t);
  const levelWhy = takeLevelWhy(t);
  if (typeof levelWhy === 'string') return refuse(levelWhy);
  const when = takeTimeWords(t, ctx.asOf);
  takeRepeatedPeriod(t, when, ctx.asOf);
  takeInclusive(t, when.time !== null);
  const w = takeCallAndScopeWords(t, when.movers, spendsBudget);
  const committed = focus.filters.some((f) => f.dimension.startsWith('CommitmentDiscount') && !(f.op === 'eq' && f.value === null));
  const derived: Derived | null = billedGap ? 'billed_gap' : takeDerived(t, committed);
  if (derived === 'calls_per_task') t.take(TASK_TAKES);
  const metric = w.taskRank ? 'requests' : derived ? DERIVED[derived].of : (takeTokenSum(t) ?? takeMetric(t));
  if (metric && isTaskMetric(metric)) t.takeOne(TASK_NOUN);
  if (metric && isPerTaskCost(metric)) t.takeOne(UNIT_NOUN);
  // "average cost per LLM call", "unit cost per call", "average tokens per call": a unit cost is an average already.
  if (metric?.startsWith('cost_per') || metric?.endsWith('_per_request')) t.takeOne(/\b(?:average|avg|mean|unit)(?:\s+(?:number\s+of|count\s+of))?\b/);
  const currency = takeCurrency(t);
  const amount = takeThreshold(t);
  const untagged = missingTag ?? takeListedUntagged(t) ?? takeUntagged(t);
  if (untagged) t.takeOne(SHARE);
  const both = takeBoth(t);
  const gpu = takeGpuAndArea(t, ctx.catalog);
  // "all customers together", "attributed to customers": one total, before "customers" is read as a breakdown.
  // "NAT gateways", "object storage": before names, which would read "storage" as a service.
  const part = takeServicePart(t, ctx.catalog);
  if (part && 'refusal' in part) return refuse(part.refusal);
  const mine = takeMyTeam(t, ctx.myTeams, (name) => ({ teams: teamsNamed(name, ctx.catalog), tags: ValueIndex.of(ctx.catalog).teamTags }));
  if (mine && 'refusal' in mine) return refuse(mine.refusal);
  const attributed = takeAttributed(t);
  const index = ValueIndex.of(ctx.catalog);
  const grouping = takeGrouping(t, (phrase) => index.lookup(phrase).some((c) => c.strength === 3));
  groupByWorkload(grouping, workloads);
  takeComparedKind(t, grouping.groupBy);
  if (committed && !grouping.groupBy.includes('CommitmentDiscountType')) grouping.groupBy.push(...takeCommitmentTypeSplit(t));
  const nonProd = takeNonProduction(t, ctx.catalog);
  if (nonProd && 'refusal' in nonProd) return refuse(nonProd.refusal);
  const values = takeValues(t, index);
  if (nonProd) values.filters.push(nonProd.filter);
  carryNegation(t.text, values.named, values.filters);
  takeTeamLeadIntro(t, values.named);
  takeAsides(t, values.named);
  takeMethodAsides(t);
  takeBookkeeping(t, grouping.groupBy.length > 0 || focus.perInvoice);
  const bare = grouping.groupBy.length === 0 ? (untagged?.groupBy ?? takeBareDimension(t)) : null;
  if (bare) grouping.groupBy.push(bare);
  if (focus.perInvoice && grouping.groupBy.length === 0) grouping.groupBy.push('InvoiceId');
  values.filters.push(...takeWholeAccounts(t));
  const kind = takeAccountKind(t, ctx.catalog, [...grouping.groupBy, ...values.filters.map((f) => f.dimension)], values.named);
  const unknown = values.unknown[0];
  if (unknown) return unknownName(t, unknown, ctx, planQuestion);
  const versusWord = w.aiOrCloud || spot?.pair === true || t.takeOne(VERSUS) !== null;
  // "AI vs cloud", "split between cloud and AI": the two datasets side by side.
  const datasets = versusWord && (w.aiOrCloud || both || namesBothDatasets(t));
  const said = both ? 'all' : (takeDataset(t) ?? grouping.dataset ?? null);
  const { filters: charges, reading: chargeReading } = takeChargeCategories(t);
  const thing = grouping.superlative && grouping.groupBy.length === 0 ? rankedThing(t.text, said, metric, values.filters) : null;
  if (thing) Object.assign(grouping, { groupBy: [thing], ranking: true });
  if (w.madeOf === 'bought' && grouping.groupBy.length === 0) grouping.groupBy.push(boughtDimension(said, metric, values.filters));
  const understood =
    focus.metric ||
    focus.basis ||
    focus.filters.length > 0 ||
    averaged ||
    when.time ||
    when.compare ||
    when.granularity ||
    metric ||
    untagged ||
    grouping.groupBy.length > 0 ||
    values.filters.length > 0 ||
    charges.length > 0 ||
    gpu.filters.length > 0 ||
    days.filters.length > 0 ||
    days.groupBy.length > 0 ||
    amount !== null ||
    currency !== null ||
    attributed !== null ||
    part !== null ||
    mine !== null ||
    spot !== null ||
    count !== null ||
    // "AI?", "cloud pls": an executive's word or two asks its cost; a longer question must say more.
    (said !== null && !grouping.dataset && t.text.split(/\s+/, 4).filter(Boolean).length <= 3) ||
    w.understood;
  if (!understood && !costWords) return misspelt(t, t.leftovers(), ctx, planQuestion) ?? refuse(NOT_A_COST_QUESTION);
  const { rest: leftovers, reading: chat } = splitChat(t, t.leftovers(), costWords || metric !== null || grouping.groupBy.length > 0 || values.filters.length > 0);
  if (leftovers.length > 0)
    return (
      misspelt(t, leftovers, ctx, planQuestion) ??
      refuse(`I can't place "${quote(leftovers.map((w) => w.word).join(' '))}" in a cost query, so I won't guess. Try one of these forms, or name a team, service, model or period.`)
    );

  const filters: Filter[] = [
    ...values.filters,
    ...gpu.filters,
    ...charges,
    ...joinContains(focus.filters, ctx.catalog),
    ...days.filters,
    ...(attributed && !grouping.groupBy.includes(attributed.dimension) ? [attributed] : []),
    ...(mine ? [mine.filter] : []),
    ...(part ? [part.filter] : []),
    ...(kind ? [kind.filter] : []),
    ...(spot ? [spot.filter] : []),
  ];
  const leftOut = leftOutKind ? excludeCommitmentKind(leftOutKind, ctx.catalog) : null;
  if (untagged) filters.push(untagged.filter);
  filters.push(...w.filters);
  const assumptions: string[] = [
    ...(when.note ? [when.note] : []),
    ...values.readings,
    ...(nonProd ? [nonProd.reading] : []),
    ...(gpu.reading ? [gpu.reading] : []),
    ...(untagged?.reading ? [untagged.reading] : []),
    ...(mine ? [mine.reading] : []),
    ...(part ? [part.reading] : []),
    ...(kind ? [kind.reading] : []),
    ...(chargeReading ? [chargeReading] : []),
    ...(count ? [count.reading] : []),
    ...(spot ? [spot.reading] : []),
    ...(leftOut ? [leftOut.reading] : []),
    ...(chat ? [chat] : []),
    ...(opex ? [opex] : []),
  ];
  filters.push(...(leftOut?.filters ?? []));
  const saved = commitmentSavings(derived, committed, filters);
  if (saved) {
    filters.push(...saved.filters);
    assumptions.push(saved.reading);
  }
  const kindRefusal = narrowToResourceKind(t.text, grouping.groupBy, filters, assumptions, ctx.catalog);
  if (kindRefusal) return refuse(kindRefusal);
  const trend = when.granularity ?? amount?.period ?? (focus.byBillingPeriod ? 'month' : null);
  const invoiceNote = wholeInvoiceNote(focus.invoice, grouping.groupBy);
  const wholeInvoice = invoiceNote !== null && !trend && !when.compare;
  // With no period the window depends on the data read (latest-data.ts): set once the dataset is, its note said here.
  const periodNoteAt = assumptions.length;

  // An invoice's amount is its billed cost: invoice words, or amounts per invoice, name it unless a metric is said.
  const purchases = !focus.metric && !metric && purchasesAlone(charges);
  if (purchases) assumptions.push(PURCHASES_AT_BILLED_COST);
  let chosenMetric = focus.metric ?? metric ?? focus.metricHint ?? (purchases || grouping.groupBy.includes('InvoiceId') ? 'billed_cost' : 'effective_cost');
  const units = withUnitGrouping(chosenMetric, [...days.groupBy, ...(amount?.groupBy ?? []), ...grouping.groupBy]);
  if (units.assumption) assumptions.push(units.assumption);
  let groupBy = w.taskRank ? ['task_id'] : units.groupBy;
  let versus: Plan['versus'];
  // "compare this month vs last month" is the period comparison time.ts read; else names side by side.
  const named = versusWord
    ? (filters.find((f): f is Extract<Filter, { op: 'in' }> => f.op === 'in') ?? (datasets ? ({ dimension: 'dataset', op: 'in', values: ['ai', 'cloud'] } as const) : undefined))
    : undefined;
  if (versusWord && !named && !when.compare) return refuse('I can\'t tell which names to set side by side; name two of one kind, e.g. "search team vs checkout team last month".');
  if (named) {
    versus = { dimension: named.dimension, values: named.values };
    groupBy = [named.dimension, ...groupBy.filter((d) => d !== named.dimension)].slice(0, 3);
  }
  // "search and checkout spend", "NAT gateways and VPC": a row per name listed and their total (lists.ts).
  const onlyTotal = !named && groupBy.length === 0 && !trend && !when.compare && !when.granularity && !averaged && !derived && !amount;
  const twoAsked = twoQuestionsRefusal(t.text, values.named);
  if (twoAsked) return refuse(twoAsked);
  const listed = applyLists(readLists(t.text, [...values.named, ...(part ? [part.named] : [])], t.original), filters, onlyTotal, chosenMetric);
  if ('refusal' in listed) return refuse(listed.refusal);
  const { set, mixed } = listed;
  groupBy = listed.groupBy ?? groupBy;
  assumptions.push(...(listed.assumption ? [listed.assumption] : []));
  // "our most expensive prompts": a ranking of nothing Penny groups by is not a total.
  if (grouping.superlative && groupBy.length === 0 && !when.topPeriods && !when.movers) return refuse(rankedNothing(grouping.superlative));
  // "excluding CloudWatch" names a cloud dimension but keeps AI spend, which has no service.
  const dims = [...groupBy, ...filters.filter((f) => f.op !== 'not' || f.value === null).map((f) => f.dimension)];
  let dataset = inferDataset(said, chosenMetric, dims);
  if (typeof dataset !== 'string') return refuse(dataset.refusal);
  const unitCost = w.bareUnit ? unitCostReading(dataset, filters, assumptions) : null;
  if (unitCost && 'refusal' in unitCost) return refuse(unitCost.refusal);
  if (unitCost) [chosenMetric, dataset] = [unitCost.metric, 'ai'];
  if (asksCount(t.text, chosenMetric) && !count) return refuse(NOT_COUNTED);
  // "data team spend by service": AI calls have no service, so the split and its total are cloud
  // spend only; said, when there is AI usage to leave out and no filter already kept to the cloud.
  const cloudSplit = groupBy.find((d) => datasetOf(d) === 'cloud');
  if (!said && dataset === 'cloud' && cloudSplit && ctx.catalog.has('model') && filters.every((f) => datasetOf(f.dimension) !== 'cloud'))
    assumptions.push(`AI usage has no ${dimensionName(cloudSplit)}, so this splits cloud spend only`);
  const counted = isTaskMetric(chosenMetric) || isPerTaskCost(chosenMetric);
  const notOnTasks = counted ? dims.find((d) => !d.startsWith('tag:') && columnSql(d, 'tasks') === null) : undefined;
  if (notOnTasks) return refuse(`${dimensionName(notOnTasks)} is not recorded on task outcomes, so tasks can't be counted by it; they carry team, feature, customer, environment and cost center.`);
  if (focus.basis || isFocusMetric(chosenMetric) || (derived && isFocusMetric(DERIVED[derived].against))) {
    if (dataset === 'ai') return refuse('Billing periods, invoices and FOCUS quantities and prices are columns of cloud billing; AI usage has none of them.');
    if (!said && dataset !== 'cloud' && ctx.catalog.has('model')) assumptions.push('AI usage has no billing periods, invoices or FOCUS columns, so this is cloud billing only');
    dataset = 'cloud';
  }
  const defaulted = when.time ? null : unsaidPeriod({ invoices: wholeInvoice ? invoiceNote : null, count: count !== null, compare: when.compare, trend, average: averaged }, ctx, dataset);
  let { time, period } = defaulted ?? { time: when.time!, period: when.label ?? '' };
  if (defaulted) assumptions.splice(periodNoteAt, 0, defaulted.note);
  const whole = wholePeriodAverage(averaged, time, period, ctx.asOf);
  if (whole && 'refusal' in whole) return refuse(whole.refusal);
  if (whole) ({ time, period } = whole);

  if (averaged && (chosenMetric.startsWith('cost_per') || when.compare)) {
    return refuse(`I can average a total over the ${averaged}s of a period, in all or per group, but not per unit or against another period yet; ask for the cost as a trend instead.`);
  }
  if (derived && ((groupBy.length > 0 && !GROUPED_DERIVED.includes(derived)) || when.compare || when.granularity || averaged)) {
    return refuse('I can give savings against list price and the cache hit rate (in total or per group) for a period and scope, not over time or against another period yet.');
  }
  const unit = averaged ?? trend;
  let granularity: CostQuery['granularity'] = 'total';
  if (unit === 'auto') {
    const r = resolveTime(time, ctx.asOf);
    const days = daysBetween(r.from, r.to);
    granularity = days <= 62 ? 'day' : days <= 190 ? 'week' : 'month';
  } else if (unit) granularity = unit;

  const longHours = granularity === 'hour' ? hourlyTooLong(time, period, ctx.asOf) : null;
  if (longHours) return refuse(longHours);
  const compare = when.compare && granularity === 'total';
  if (when.compare && !compare) assumptions.push('a trend shows the change over time, so no separate comparison');
  if (when.judged) assumptions.push(judgedReading(when.judged, chosenMetric));
  let orderBy: CostQueryInput['orderBy'] = { by: 'metric', direction: when.topPeriods?.direction ?? grouping.direction };
  let limit = w.taskRank?.limit ?? grouping.limit ?? (grouping.ranking && groupBy.length > 0 ? 5 : undefined);
  if (when.topPeriods) {
    const top = rankPeriods(when.topPeriods.limit, { time, period, granularity, grouped: groupBy.length > 0 || when.compare }, ctx.asOf);
    if ('refusal' in top) return refuse(top.refusal);
    ({ limit, time, period } = top);
    assumptions.push(...top.assumptions);
  }
  // "why did EC2 go up", "biggest movers": rank what changed, one level below the question's scope.
  // "is staging getting more expensive?" asks yes or no: the change of the total, not its parts.
  const yesNo = /^\W*(?:is|are|was|were|did|does|do|has|have|had)\b/.test(t.text);
  // "Sept vs Oct total, how much did it grow?" asks an amount: the change of the total, not its parts.
  const howMuch = groupBy.length === 0 && /\bhow\s+much\b/.test(t.text);
  const movers = compare && (when.movers || (!yesNo && !howMuch && (when.direction === 'up' || when.direction === 'down')));
  if (movers) {
    if (groupBy.length === 0) {
      groupBy = [drillDown(dataset, filters)];
      limit ??= 10;
    }
    orderBy = when.direction === 'up' ? { by: 'delta', direction: 'desc' } : when.direction === 'down' ? { by: 'delta', direction: 'asc' } : { by: 'abs_delta', direction: 'desc' };
  }

  // "what's driving EC2 costs", no change asked: what it is made of, one level below.
  if ((w.madeOf || levelWhy) && !movers && groupBy.length === 0 && granularity === 'total') [groupBy, limit] = [[madeOfBreakdown(dataset, filters, assumptions)], limit ?? 10];
  // "which feature grew the most", "cheapest team": spend with no feature or team is none of them.
  // "teams over $500", "which teams spent less than $2,000": spend with no team is no team under the amount either.
  const listedOver = amount !== null && amount.groupBy.length > 0;
  const rankedDim = (grouping.groupBy.length > 0 || listedOver) && groupBy.length === 1 && granularity === 'total' && (grouping.ranking || movers || listedOver) ? groupBy[0]! : null;
  const noneLeftOut = rankedDim !== null && !rankedDim.startsWith('tag:') && rankedDim !== 'dataset' && !filters.some((f) => f.dimension === rankedDim) ? rankedDim : undefined;
  if (noneLeftOut) {
    filters.push({ dimension: noneLeftOut, op: 'not', value: null });
    assumptions.push(`spend with no ${dimensionName(noneLeftOut)} is left out of the ${listedOver ? 'list' : 'ranking'}`);
  }

  const above = amount ? thresholdPlan(amount, groupBy, granularity, dataset) : undefined;
  if (above) {
    groupBy = above.groupBy;
    dataset = above.dataset ?? dataset;
    // Every row over the amount, not the top 5 a "which" would show.
    limit = grouping.limit;
    if (above.assumption) assumptions.push(above.assumption);
  }
  // "in euros", or an amount written in a currency other than the default: money in that currency.
  const asked = currency ?? (amount?.currency && amount.currency !== DEFAULT_CURRENCY ? amount.currency : null);
  if (asked && !isConvertible(chosenMetric)) return refuse(`${chosenMetric.replace(/_/g, ' ')} is not money converted with exchange rates; ask for cost in ${asked}.`);
  try {
    const query = parseCostQuery({
      dataset,
      metric: chosenMetric,
      groupBy,
      filters,
      time,
      granularity,
      orderBy,
      periodBasis: focus.basis ?? 'charge',
      ...(limit ? { limit } : {}),
      ...(compare ? { compare: when.shift ?? 'previous_period', ...(when.against ? { compareTo: when.against } : {}) } : {}),
      ...(above?.threshold ? { threshold: above.threshold } : {}),
      ...(asked && isConvertible(chosenMetric) ? { currency: asked } : {}),
    });
    return {
      ok: true,
      query,
      period,
      assumptions,
      share: filters.some(isTagCoverage) && groupBy.length === 0 && granularity === 'total',
      ...(versus ? { versus } : {}),
      ...(set ? { set } : {}),
      ...(mixed ? { mixed } : {}),
      ...(averaged === 'day' ? { dailyAverage: true } : averaged ? { average: { unit: averaged, left: whole?.left ?? [] } } : {}),
      ...(derived ? { derived } : {}),
      ...(noneLeftOut ? { noneLeftOut } : {}),
      ...(above?.check ? { check: above.check } : {}),
      ...(count ? { count: { of: count.of, by: count.by } } : {}),
      ...(spot ? { noneMatched: spot.none, ...(spot.pair ? { noneWith: { dimension: 'PricingCategory', value: 'Dynamic' } } : {}) } : {}),
    };
  } catch (err) {
    return refuse(`I understood the question but could not form a valid query: ${(err as Error).message.split('\n')[0]}`);
  }
}
