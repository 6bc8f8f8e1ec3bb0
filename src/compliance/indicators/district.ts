/** The shape shared by every district-level indicator (G, Q, S, V) and helpers for the common cases. */
import { Rational } from '../exact';
import { msg } from '../../messages';
import { dec, evidence, exactText, judged, lazyEvidence, mergeSources, missingPoints, noData, shown, shortfall } from '../result';
import type { IndicatorDef, Standard } from '../standards';
import type { DistrictFacts, Evidence, IndicatorResult, IndicatorStatus, Message, SchoolFacts, SchoolFinding, Shortfall, SourceRef } from '../types';

export type DistrictIndicator = (facts: DistrictFacts, standard: Standard) => IndicatorResult;

/** A rate delivered by a department (a fraction 0–1) against a minimum share (its wording: the catalogue's, by `def.code`). */
export function minimumRate(
  def: IndicatorDef, rate: string | null, minimum: number, inputName: string, sources: readonly SourceRef[] | undefined,
): IndicatorResult {
  const ev = evidence({ [inputName]: rate }, sources);
  if (rate === null) return noData(def, msg('ENGINE_RATE_MISSING', { indicator: def.code }), ev);
  const value = Rational.from(rate);
  const threshold = Rational.from(minimum);
  const met = value.ge(threshold);
  const points = missingPoints(threshold, value);
  return judged(def, {
    value, threshold, met, evidence: ev,
    message: msg('ENGINE_RATE', { indicator: def.code, value: dec(value, threshold), threshold: dec(threshold), met }),
    shortfall: shortfall(points, 'percentage points', msg('ENGINE_RATE_NEEDS', { indicator: def.code, points })),
  });
}

// --- school-level indicators ------------------------------------------------------------------------

export interface SchoolCheck {
  status: IndicatorStatus;
  value?: Rational | null;
  threshold?: Rational | null;
  shortfall?: Shortfall | null;
  message: Message;
  inputs: Evidence['inputs'];
  sources?: readonly (readonly SourceRef[] | null | undefined)[];
}

/** One school's finding for a school-level indicator. */
export function finding(def: IndicatorDef, school: SchoolFacts, c: SchoolCheck): SchoolFinding {
  return {
    schoolCode: school.code,
    schoolName: school.name,
    status: c.status,
    value: c.value == null ? null : shown(c.value, c.threshold),
    threshold: c.threshold == null ? null : shown(c.threshold),
    valueExact: c.value == null ? null : exactText(c.value, c.threshold),
    thresholdExact: c.threshold == null ? null : exactText(c.threshold),
    unit: def.unit,
    shortfall: c.status === 'NOT_MET' ? (c.shortfall ?? null) : null,
    message: c.message,
    evidence: evidence(c.inputs, school.sources, ...(c.sources ?? [])),
  };
}

const ORDER: Record<IndicatorStatus, number> = { NOT_MET: 0, NO_DATA: 1, MET: 2 };

/**
 * A condition every applicable school must meet (G03–G07, Q04): MET only if all meet it, NOT_MET if any
 * fails (whatever the others), NO_DATA if none fails but one lacks data. Value = schools meeting it,
 * threshold = applicable schools. With no applicable school the condition holds vacuously.
 */
export function everySchool(
  def: IndicatorDef, schools: readonly SchoolFacts[], check: (s: SchoolFacts) => SchoolCheck | null, nobody: 'counted' | 'smallRural' | 'special' | 'public',
): IndicatorResult {
  const findings: SchoolFinding[] = [];
  for (const s of schools) {
    const c = check(s);
    if (c) findings.push(finding(def, s, c));
  }
  findings.sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const failing = findings.filter((f) => f.status === 'NOT_MET');
  const missing = findings.filter((f) => f.status === 'NO_DATA');
  const meeting = findings.length - failing.length - missing.length;
  const inputs: Evidence['inputs'] = {
    applicableSchools: findings.length,
    schoolsMeeting: meeting,
    failingSchools: failing.length ? failing.map((f) => f.schoolCode).join(', ') : null,
    schoolsWithoutData: missing.length ? missing.map((f) => f.schoolCode).join(', ') : null,
  };
  // Merged when read: merging reads every finding's (lazy) evidence.
  const ev = lazyEvidence(() => inputs, () => mergeSources(...findings.map((f) => f.evidence.sources)));

  const label = (f: SchoolFinding): Message => msg('ENGINE_SCHOOL_ITEM', { school: f.schoolName, schoolCode: f.schoolCode, detail: f.message });
  const common = { unit: 'schools', value: Rational.from(meeting), threshold: Rational.from(findings.length), evidence: ev };
  if (failing.length > 0) {
    const r = judged(def, {
      ...common, met: false,
      message: msg('ENGINE_SCHOOLS_FALL_SHORT', { failing: failing.length, total: findings.length, items: failing.map(label), missing: missing.map((f) => f.schoolCode) }),
      shortfall: shortfall(failing.length, 'schools', msg('ENGINE_JOIN', {
        parts: failing.map((f) => msg('ENGINE_SCHOOL_NEED', { school: f.schoolName, detail: f.shortfall?.description ?? f.message })),
      })),
    });
    return { ...r, schools: findings };
  }
  if (missing.length > 0) {
    return noData(def, msg('ENGINE_SCHOOLS_NO_DATA', { missing: missing.length, total: findings.length, items: missing.map(label) }), ev, {
      unit: 'schools', schools: findings,
    });
  }
  const message = findings.length ? msg('ENGINE_SCHOOLS_ALL_MET', { total: findings.length }) : msg('ENGINE_NO_APPLICABLE', { scope: nobody });
  return { ...judged(def, { ...common, met: true, message }), ratioToThreshold: findings.length ? 1 : null, schools: findings };
}
