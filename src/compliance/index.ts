/**
 * The compliance engine (优质均衡督导评估): pure functions from district facts to results with evidence.
 * No database, no GraphQL, no I/O.
 */
export * from './types';
export { STANDARDS, RESOURCE_CODES, standardOf, indicatorDef, thresholdOf } from './standards';
export type { IndicatorDef, IndicatorKind, IndicatorSource, ResourceCode, Standard } from './standards';
export { evaluateDistrict, basicBalanceMonitoring, stageAllocation, stageParts } from './verdict';
export { schoolRule, resourceIndicators } from './school-rule';
export { spread, indicatorCv } from './spread';
export { weightedCv, cvWithin, compositeCv } from './cv';
export type { CvPoint, CvResult, CvUndefinedReason } from './cv';
export { countsInResourceAllocation, resourcePart, typeStages } from './scope';
export type { StagePart } from './scope';
export { DISTRICT_INDICATORS, RESOURCE_INDICATORS } from './indicators';
export type { DistrictIndicator, ResourceIndicator, ResourceMeasurement } from './indicators';
export { Rational } from './exact';
export { ComplianceInputError, StandardNotApplicableError } from './errors';
