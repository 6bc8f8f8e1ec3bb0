import type { Blocker, DistrictEvaluationResult, IndicatorResult, IndicatorStatus, Stage } from './types';

/**
 * What changed between two evaluations of a district (a dossier and today, or two dossiers): the verdict, each
 * figure (indicator values and statuses, CVs, school rules, school counts) and the blockers — and, for each changed
 * figure, the deliveries that changed it: the import batches its newer evidence rests on that its older did not.
 * Pure: two results in, the differences out.
 */
export type FigureKind = 'VERDICT' | 'SCHOOL_COUNT' | 'SCHOOLS_MEETING_RULE' | 'SPREAD' | 'SCHOOL_RULE' | 'INDICATOR';

export interface FigureChange {
  kind: FigureKind;
  /** Indicator or CV code (R5's CV is CV_R5); null for the verdict and the counts. */
  code: string | null;
  stage: Stage | null;
  schoolCode: string | null;
  statusFrom: IndicatorStatus | null;
  statusTo: IndicatorStatus | null;
  /** The figure as exact decimal text (CV, value, count, verdict); null when there was none. */
  valueFrom: string | null;
  valueTo: string | null;
  /** Import batches behind the newer figure and not behind the older: the deliveries that changed it. */
  batchIds: string[];
}

export interface EvaluationDiff {
  verdictFrom: DistrictEvaluationResult['verdict'];
  verdictTo: DistrictEvaluationResult['verdict'];
  changes: FigureChange[];
  blockersAdded: Blocker[];
  blockersRemoved: Blocker[];
  /** Batches the newer evaluation rests on and the older does not, and the reverse (superseded deliveries). */
  batchesAdded: string[];
  batchesDropped: string[];
}

/** Every import batch named by a source anywhere under `node` (evidence of any depth). */
export function batchesOf(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) batchesOf(item, into);
  else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.dataset === 'string' && 'rowKey' in o && o.batchId != null) into.add(String(o.batchId));
    for (const v of Object.values(o)) if (v !== null && typeof v === 'object') batchesOf(v, into);
  }
  return into;
}

const byNumber = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort(byNumber);
const blockerKey = (b: Blocker) => `${b.code}|${b.stage ?? ''}|${b.schoolCode ?? ''}|${b.status ?? ''}`;

export function diffEvaluations(from: DistrictEvaluationResult, to: DistrictEvaluationResult): EvaluationDiff {
  const changes: FigureChange[] = [];
  const change = (c: Omit<FigureChange, 'batchIds'>, older: unknown, newer: unknown) => {
    if (c.statusFrom === c.statusTo && c.valueFrom === c.valueTo) return;
    changes.push({ ...c, batchIds: minus(batchesOf(newer), batchesOf(older)) });
  };
  const none = { code: null, stage: null, schoolCode: null, statusFrom: null, statusTo: null };

  change({ ...none, kind: 'VERDICT', valueFrom: from.verdict, valueTo: to.verdict }, from, to);

  const stages = new Set([...from.resourceAllocation, ...to.resourceAllocation].map((s) => s.stage));
  for (const stage of stages) {
    const a = from.resourceAllocation.find((s) => s.stage === stage);
    const b = to.resourceAllocation.find((s) => s.stage === stage);
    const count = (n: number | undefined) => (n === undefined ? null : String(n));
    change({ ...none, stage, kind: 'SCHOOL_COUNT', valueFrom: count(a?.schoolCount), valueTo: count(b?.schoolCount) }, a?.schoolRules, b?.schoolRules);
    change({ ...none, stage, kind: 'SCHOOLS_MEETING_RULE', valueFrom: count(a?.schoolsMeetingRule), valueTo: count(b?.schoolsMeetingRule) }, a?.schoolRules, b?.schoolRules);
    const codes = new Set([...(a?.spread ?? []), ...(b?.spread ?? [])].map((s) => s.code));
    for (const code of codes) {
      const x = a?.spread.find((s) => s.code === code);
      const y = b?.spread.find((s) => s.code === code);
      change({ kind: 'SPREAD', code, stage, schoolCode: null, statusFrom: x?.status ?? null, statusTo: y?.status ?? null,
        valueFrom: x?.cvExact ?? null, valueTo: y?.cvExact ?? null }, x, y);
    }
    const schools = new Set([...(a?.schoolRules ?? []), ...(b?.schoolRules ?? [])].map((r) => r.schoolCode));
    for (const schoolCode of [...schools].sort()) {
      const x = a?.schoolRules.find((r) => r.schoolCode === schoolCode);
      const y = b?.schoolRules.find((r) => r.schoolCode === schoolCode);
      change({ kind: 'SCHOOL_RULE', code: null, stage, schoolCode, statusFrom: x?.status ?? null, statusTo: y?.status ?? null,
        valueFrom: x ? String(x.indicatorsMet) : null, valueTo: y ? String(y.indicatorsMet) : null }, x, y);
    }
  }

  const indicators = (e: DistrictEvaluationResult): IndicatorResult[] =>
    [...e.governmentGuarantee, ...e.educationQuality, e.socialRecognition, ...e.vetoes];
  const older = new Map(indicators(from).map((i) => [i.code, i]));
  const newer = new Map(indicators(to).map((i) => [i.code, i]));
  for (const code of new Set([...older.keys(), ...newer.keys()])) {
    const x = older.get(code);
    const y = newer.get(code);
    change({ kind: 'INDICATOR', code, stage: null, schoolCode: null, statusFrom: x?.status ?? null, statusTo: y?.status ?? null,
      valueFrom: x?.valueExact ?? null, valueTo: y?.valueExact ?? null }, x, y);
  }

  const fromKeys = new Set(from.blockers.map(blockerKey));
  const toKeys = new Set(to.blockers.map(blockerKey));
  const all = { from: batchesOf(from), to: batchesOf(to) };
  return {
    verdictFrom: from.verdict,
    verdictTo: to.verdict,
    changes,
    blockersAdded: to.blockers.filter((b) => !fromKeys.has(blockerKey(b))),
    blockersRemoved: from.blockers.filter((b) => !toKeys.has(blockerKey(b))),
    batchesAdded: minus(all.to, all.from),
    batchesDropped: minus(all.from, all.to),
  };
}
