/**
 * The school rule (校校达标): a school part passes when at least 6 of the 7 R indicators reach their
 * threshold and the one that does not reaches at least 85% of it.
 */
import { StandardNotApplicableError } from './errors';
import { msg } from '../messages';
import { RESOURCE_INDICATORS } from './indicators';
import { resourceAmount, type ResourceMeasurement } from './indicators/resource';
import type { PricingInput } from './pricing';
import { stageFactsOf, type StagePart } from './scope';
import { RESOURCE_CODES, standardOf, type Standard } from './standards';
import { dec } from './result';
import type { IndicatorResult, IndicatorStatus, Message, SchoolFacts, SchoolRuleResult, Stage, StandardCode } from './types';

function measureAll(part: StagePart, standard: Standard): ResourceMeasurement[] {
  return RESOURCE_CODES.map((code) => RESOURCE_INDICATORS[code](part, standard));
}

/**
 * Judges one school part. Status NOT_MET as soon as the failure is certain (two indicators below the
 * threshold, or one below 85% of it) even if others lack data; otherwise NO_DATA if any indicator lacks
 * data; otherwise MET.
 */
export function judgeSchoolRule(part: StagePart, standard: Standard): SchoolRuleResult {
  const rule = standard.schoolRule;
  if (!rule) throw new StandardNotApplicableError(`${standard.code} has no school rule`);
  const ms = measureAll(part, standard);
  const of = (s: IndicatorStatus) => ms.filter((m) => m.result.status === s);
  const met = of('MET');
  const notMet = of('NOT_MET');
  const noData = of('NO_DATA');
  const allowedMisses = ms.length - rule.minIndicatorsMet;
  // Exact: value ≥ 85% × threshold (exactly 85% passes).
  const farBelow = notMet.filter((m) => m.value!.lt(m.threshold!.mul(rule.minShareOfThreshold)));
  const codes = (xs: ResourceMeasurement[]) => xs.map((m) => m.result.code);
  const minShare = dec(rule.minShareOfThreshold);
  // The share as an exact decimal, on the decided side of the 85% mark (the catalogue shows it by the display rule).
  const share = (m: ResourceMeasurement) => dec(m.value!.div(m.threshold!), rule.minShareOfThreshold);

  let status: IndicatorStatus;
  let message: Message;
  if (notMet.length > allowedMisses) {
    status = 'NOT_MET';
    message = msg('ENGINE_RULE_TOO_MANY', { failed: notMet.length, total: ms.length, codes: codes(notMet), allowed: allowedMisses });
  } else if (farBelow.length > 0) {
    status = 'NOT_MET';
    message = msg('ENGINE_RULE_FAR_BELOW', { codes: codes(farBelow), share: share(farBelow[0]!), minShare });
  } else if (noData.length > 0) {
    status = 'NO_DATA';
    message = msg('ENGINE_RULE_NO_DATA', { codes: codes(noData) });
  } else {
    status = 'MET';
    message = notMet.length === 0
      ? msg('ENGINE_RULE_ALL_MET', { total: ms.length })
      : msg('ENGINE_RULE_ONE_MISS', { met: met.length, total: ms.length, codes: codes(notMet), share: share(notMet[0]!), minShare });
  }
  const indicators: IndicatorResult[] = ms.map((m) => m.result);
  const result: SchoolRuleResult = {
    schoolCode: part.school.code,
    schoolName: part.school.name,
    stage: part.stage,
    status,
    met: status === 'NO_DATA' ? null : status === 'MET',
    indicatorsMet: met.length,
    indicators,
    failing: notMet.map((m) => m.result),
    message,
  };
  // What the pricing needs (pricing.ts), under a symbol: JSON (stored dossiers) leaves it out, while the copies
  // type-graphql makes of a resolver's plain object (Object.assign) keep it.
  // Built when asked (only a failing part is ever priced): ten thousand parts' inputs were built per cold city evaluation.
  const { stage, facts } = part;
  (result as unknown as Record<symbol, () => SchoolRulePricing>)[PRICING_INPUTS] = () => ({ inputs: pricingInputs(stage, facts, standard), schoolRule: rule });
  return result;
}

const PRICING_INPUTS = Symbol('pricingInputs');

function pricingInputs(stage: Stage, f: StagePart['facts'], standard: Standard): PricingInput[] {
  return RESOURCE_CODES.map((code) => {
    const def = standard.indicators[code]!;
    return {
      code,
      amount: f && f.students > 0 ? resourceAmount(code, f) : null,
      students: f?.students ?? 0,
      per: def.per ?? 1,
      threshold: def.thresholds[stage]!,
    };
  });
}

export interface SchoolRulePricing { inputs: PricingInput[]; schoolRule: NonNullable<Standard['schoolRule']> }

/** What pricing needs of a school rule judged here; null for a result that did not come from judgeSchoolRule (e.g. read back from JSON). */
export function pricingOf(r: SchoolRuleResult): SchoolRulePricing | null {
  return (r as unknown as Record<symbol, (() => SchoolRulePricing) | undefined>)[PRICING_INPUTS]?.() ?? null;
}

/** R1–R7 of one school in one stage, from that stage's statistics (whether or not the part is counted). */
export function resourceIndicators(school: SchoolFacts, stage: Stage, standard: StandardCode = 'YJ2017'): IndicatorResult[] {
  return measureAll({ school, stage, facts: stageFactsOf(school, stage) }, standardOf(standard)).map((m) => m.result);
}

/** The school rule for one school in one stage (whether or not the part is counted; see countsInResourceAllocation). */
export function schoolRule(school: SchoolFacts, stage: Stage, standard: StandardCode = 'YJ2017'): SchoolRuleResult {
  return judgeSchoolRule({ school, stage, facts: stageFactsOf(school, stage) }, standardOf(standard));
}
