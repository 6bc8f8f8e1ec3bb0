/** The shape shared by every district-level indicator (G, Q, S, V) and helpers for the common cases. */
import { Rational } from '../exact';
import { fmt, list, pct } from '../format';
import { evidence, judged, mergeSources, missingPoints, noData, report, shortfall } from '../result';
import type { IndicatorDef, Standard } from '../standards';
import type { DistrictFacts, Evidence, IndicatorResult, IndicatorStatus, SchoolFacts, SchoolFinding, Shortfall, SourceRef } from '../types';

export type DistrictIndicator = (facts: DistrictFacts, standard: Standard) => IndicatorResult;

/** A rate delivered by a department (a fraction 0–1) against a minimum share. */
export function minimumRate(
  def: IndicatorDef, rate: string | null, minimum: number, what: string, inputName: string, sources: readonly SourceRef[] | undefined,
): IndicatorResult {
  const ev = evidence({ [inputName]: rate }, sources);
  if (rate === null) return noData(def, `${what}: not delivered`, ev);
  const value = Rational.from(rate);
  const threshold = Rational.from(minimum);
  const met = value.ge(threshold);
  const points = missingPoints(threshold, value);
  return judged(def, {
    value, threshold, met, evidence: ev,
    message: `${what} ${pct(value)} ${met ? '≥' : '<'} ${pct(threshold)}`,
    shortfall: shortfall(points, 'percentage points', `${what} needs ${fmt(points)} percentage points more`),
  });
}

// --- school-level indicators ------------------------------------------------------------------------

export interface SchoolCheck {
  status: IndicatorStatus;
  value?: Rational | null;
  threshold?: Rational | null;
  shortfall?: Shortfall | null;
  message: string;
  inputs: Evidence['inputs'];
  sources?: readonly (readonly SourceRef[] | null | undefined)[];
}

/** One school's finding for a school-level indicator. */
export function finding(def: IndicatorDef, school: SchoolFacts, c: SchoolCheck): SchoolFinding {
  return {
    schoolCode: school.code,
    schoolName: school.name,
    status: c.status,
    value: c.value == null ? null : report(c.value),
    threshold: c.threshold == null ? null : report(c.threshold),
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
  def: IndicatorDef, schools: readonly SchoolFacts[], check: (s: SchoolFacts) => SchoolCheck | null, nobody: string,
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
  const ev: Evidence = {
    inputs: {
      applicableSchools: findings.length,
      schoolsMeeting: meeting,
      failingSchools: failing.length ? failing.map((f) => f.schoolCode).join(', ') : null,
      schoolsWithoutData: missing.length ? missing.map((f) => f.schoolCode).join(', ') : null,
    },
    sources: mergeSources(...findings.map((f) => f.evidence.sources)),
  };
  const label = (f: SchoolFinding) => `${f.schoolName} (${f.schoolCode}): ${f.message}`;
  const common = { unit: 'schools', value: Rational.from(meeting), threshold: Rational.from(findings.length), evidence: ev };
  if (failing.length > 0) {
    const r = judged(def, {
      ...common, met: false,
      message: `${failing.length} of ${findings.length} schools fall short — ${failing.map(label).join('; ')}` +
        (missing.length ? `; no data for ${list(missing.map((f) => f.schoolCode))}` : ''),
      shortfall: shortfall(failing.length, 'schools', failing.map((f) => `${f.schoolName}: ${f.shortfall?.description ?? f.message}`).join('; ')),
    });
    return { ...r, schools: findings };
  }
  if (missing.length > 0) {
    return noData(def, `no data for ${missing.length} of ${findings.length} schools — ${missing.map(label).join('; ')}`, ev, {
      unit: 'schools', schools: findings,
    });
  }
  const message = findings.length ? `all ${findings.length} applicable schools meet it` : nobody;
  return { ...judged(def, { ...common, met: true, message }), ratioToThreshold: findings.length ? 1 : null, schools: findings };
}
