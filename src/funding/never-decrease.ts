/**
 * "Two never-decrease" (两个只增不减), DOMAIN.md §3 — the pure rule, without database or GraphQL.
 *
 * For each year y of a range, against the year y−1:
 *  1. total check: general-public-budget education expenditure (一般公共预算教育支出) of y ≥ that of y−1;
 *  2. per-student check: expenditure(y) / enrolment(y) ≥ expenditure(y−1) / enrolment(y−1).
 *
 * Expenditure comes from finance (`education_expenditure`, final accounts 决算 preferred over budget 预算);
 * enrolment from education (`district_education.total_students`). A check lacking any of its figures is
 * NO_DATA — never MET. Decisions are made on exact decimals (the per-student one by cross-multiplication);
 * rounding happens only when producing the display strings. See docs/funding.md.
 */
import { compareRatios, Decimal, sum } from '../common/decimal';
import { msg } from '../messages';
import type { NestedMessage as Message } from '../messages/define';

export type ExpenditureBasis = 'final' | 'budget';
export type FundingCheckStatus = 'MET' | 'VIOLATED' | 'NO_DATA';

/** Where a figure came from; passed through to the evidence untouched. */
export interface SourceRef {
  dataset: string;
  batchId: string | null;
  department: string | null;
  fileName: string | null;
  rowKey: string;
}

/** One row of `education_expenditure` for one district. A year may have a final and a budget figure. */
export interface ExpenditureFigure {
  year: number;
  basis: ExpenditureBasis;
  /** Decimal yuan as a string, e.g. "17570000000.01" (PostgreSQL numeric). */
  amountYuan: string;
  source: SourceRef;
}

/** `district_education.total_students` of one district for one year. */
export interface EnrolmentFigure {
  year: number;
  students: number;
  source: SourceRef;
}

export interface FundingCheckEvidence {
  /** Keys `expenditure.<year>`, `expenditureBasis.<year>`, `enrolment.<year>` for y and y−1; null when missing. */
  inputs: Record<string, string | number | null>;
  /** Sources of the figures used, in the order: expenditure y, enrolment y, expenditure y−1, enrolment y−1. */
  sources: SourceRef[];
  /** Basis used, missing figures, rounding remarks: catalogue messages (code + figures). */
  notes: Message[];
}

export interface FundingCheckYear {
  year: number;
  /** Exact expenditure in yuan, canonical decimal string (minimal scale). */
  expenditure: string | null;
  basis: ExpenditureBasis | null;
  enrolment: number | null;
  /** Display only: expenditure / enrolment rounded HALF_UP to 2 places. Never used for the check. */
  perStudent: string | null;
  previousExpenditure: string | null;
  previousBasis: ExpenditureBasis | null;
  previousEnrolment: number | null;
  previousPerStudent: string | null;
  /** Exact: expenditure − previousExpenditure. */
  totalChange: string | null;
  /** (expenditure − previous) / previous, a fraction rounded HALF_UP to 4 places ("0.0312" = +3.12 %). */
  totalChangeRate: string | null;
  /** Exact per-student difference, rounded once, HALF_UP, to 2 places. */
  perStudentChange: string | null;
  /** Exact per-student relative change, rounded HALF_UP to 4 places. */
  perStudentChangeRate: string | null;
  totalCheck: FundingCheckStatus;
  perStudentCheck: FundingCheckStatus;
  evidence: FundingCheckEvidence;
}

/** Yuan amounts are displayed with 2 places, rates (fractions) with 4; both HALF_UP (ties away from zero). */
export const YUAN_DISPLAY_SCALE = 2;
export const RATE_DISPLAY_SCALE = 4;
/** Longest range `fundingChecks` accepts (guards against absurd GraphQL arguments). */
export const MAX_RANGE_YEARS = 100;


function checkYear(year: number, what: string): void {
  if (!Number.isSafeInteger(year)) throw new RangeError(`${what} must be an integer year, got ${String(year)}`);
}

function checkBasis(figure: ExpenditureFigure): void {
  if (figure.basis !== 'final' && figure.basis !== 'budget') {
    throw new RangeError(
      `education_expenditure row ${figure.source?.rowKey ?? '?'}: basis must be 'final' or 'budget', got ${JSON.stringify(figure.basis)}`,
    );
  }
}

/**
 * The expenditure figure to use for `year`: final accounts (决算) when delivered, else the budget (预算),
 * else null. Two figures of the same year and basis mean the caller mixed districts or rows: an Error.
 */
export function selectExpenditure(figures: ExpenditureFigure[], year: number): ExpenditureFigure | null {
  let final: ExpenditureFigure | null = null;
  let budget: ExpenditureFigure | null = null;
  for (const f of figures) {
    if (f.year !== year) continue;
    checkBasis(f);
    const current = f.basis === 'final' ? final : budget;
    if (current !== null) {
      throw new Error(
        `Two ${f.basis} expenditure figures for ${year} (rows ${current.source.rowKey} and ${f.source.rowKey}); ` +
          'pass the figures of one district only',
      );
    }
    if (f.basis === 'final') final = f;
    else budget = f;
  }
  return final ?? budget;
}

function parseAmount(figure: ExpenditureFigure): Decimal {
  try {
    return Decimal.parse(figure.amountYuan);
  } catch (e) {
    throw new Error(
      `education_expenditure row ${figure.source.rowKey} (${figure.year}, ${figure.basis}): ${(e as Error).message}`,
    );
  }
}

function enrolmentIndex(enrolments: EnrolmentFigure[]): Map<number, EnrolmentFigure> {
  const byYear = new Map<number, EnrolmentFigure>();
  for (const e of enrolments) {
    if (!Number.isSafeInteger(e.students) || e.students < 0) {
      throw new RangeError(
        `district_education row ${e.source.rowKey} (${e.year}): total_students must be a non-negative integer, got ${String(e.students)}`,
      );
    }
    const seen = byYear.get(e.year);
    if (seen) {
      throw new Error(
        `Two enrolment figures for ${e.year} (rows ${seen.source.rowKey} and ${e.source.rowKey}); pass the figures of one district only`,
      );
    }
    byYear.set(e.year, e);
  }
  return byYear;
}

interface YearFigures {
  year: number;
  expenditure: ExpenditureFigure | null;
  amount: Decimal | null;
  /** A budget figure present but not used because final accounts exist. */
  unusedBudget: ExpenditureFigure | null;
  enrolment: EnrolmentFigure | null;
}

function figuresFor(expenditures: ExpenditureFigure[], enrolments: Map<number, EnrolmentFigure>, year: number): YearFigures {
  const expenditure = selectExpenditure(expenditures, year);
  const unusedBudget =
    expenditure?.basis === 'final'
      ? (expenditures.find((f) => f.year === year && f.basis === 'budget') ?? null)
      : null;
  return {
    year,
    expenditure,
    amount: expenditure ? parseAmount(expenditure) : null,
    unusedBudget,
    enrolment: enrolments.get(year) ?? null,
  };
}

/** True when a display string is a zero ("0.00", "0.0000"). */
function displaysAsZero(text: string | null): boolean {
  return text !== null && Decimal.parse(text).isZero();
}

function checkYearAgainstPrevious(cur: YearFigures, prev: YearFigures): FundingCheckYear {
  const y = cur.year;
  const p = prev.year;
  const notes: Message[] = [];

  // --- which figures exist, and which basis ---------------------------------------------------------
  for (const f of [cur, prev]) {
    if (f.expenditure === null) {
      notes.push(msg('FUNDING_NO_EXPENDITURE', { year: f.year }));
    } else if (f.expenditure.basis === 'budget') {
      notes.push(msg('FUNDING_BUDGET_USED', { year: f.year }));
    } else if (f.unusedBudget) {
      notes.push(msg('FUNDING_UNUSED_BUDGET', { year: f.year, amount: f.unusedBudget.amountYuan }));
    }
    if (f.enrolment === null) {
      notes.push(msg('FUNDING_NO_ENROLMENT', { year: f.year }));
    } else if (f.enrolment.students === 0) {
      notes.push(msg('FUNDING_ZERO_ENROLMENT', { year: f.year }));
    }
  }
  if (cur.expenditure && prev.expenditure && cur.expenditure.basis !== prev.expenditure.basis) {
    notes.push(msg('FUNDING_BASES_DIFFER', { year: y, basis: cur.expenditure.basis, previousYear: p, previousBasis: prev.expenditure.basis }));
  }

  const E = cur.amount;
  const Ep = prev.amount;
  const n = cur.enrolment?.students ?? null;
  const np = prev.enrolment?.students ?? null;

  // --- total check ---------------------------------------------------------------------------------
  let totalCheck: FundingCheckStatus = 'NO_DATA';
  let totalChange: string | null = null;
  let totalChangeRate: string | null = null;
  if (E && Ep) {
    const change = E.sub(Ep);
    totalCheck = change.isNegative() ? 'VIOLATED' : 'MET';
    totalChange = change.toString();
    if (Ep.isPositive()) {
      totalChangeRate = change.divToScale(Ep, RATE_DISPLAY_SCALE).toFixed(RATE_DISPLAY_SCALE);
    } else {
      notes.push(msg('FUNDING_TOTAL_RATE_UNDEFINED', { previousYear: p, amount: Ep.toString() }));
    }
    if (totalCheck === 'VIOLATED' && displaysAsZero(totalChangeRate)) {
      notes.push(msg('FUNDING_TOTAL_FELL_ROUNDED', { fall: change.neg().toString(), rate: totalChangeRate! }));
    }
  } else {
    const missing = [E ? null : y, Ep ? null : p].filter((m): m is number => m !== null);
    notes.push(msg('FUNDING_TOTAL_NO_DATA', { years: missing }));
  }

  // --- per-student check ---------------------------------------------------------------------------
  const perStudentOf = (amount: Decimal | null, students: number | null): string | null =>
    amount && students !== null && students > 0
      ? amount.divToScale(students, YUAN_DISPLAY_SCALE).toFixed(YUAN_DISPLAY_SCALE)
      : null;
  const perStudent = perStudentOf(E, n);
  const previousPerStudent = perStudentOf(Ep, np);

  let perStudentCheck: FundingCheckStatus = 'NO_DATA';
  let perStudentChange: string | null = null;
  let perStudentChangeRate: string | null = null;
  if (E && Ep && n !== null && np !== null && n > 0 && np > 0) {
    perStudentCheck = compareRatios(E, BigInt(n), Ep, BigInt(np)) < 0 ? 'VIOLATED' : 'MET';
    // E/n − Ep/np = (E·np − Ep·n) / (n·np), and relative to Ep/np: (E·np − Ep·n) / (Ep·n)
    const numerator = E.mul(np).sub(Ep.mul(n));
    perStudentChange = numerator.divToScale(BigInt(n) * BigInt(np), YUAN_DISPLAY_SCALE).toFixed(YUAN_DISPLAY_SCALE);
    if (Ep.isPositive()) {
      perStudentChangeRate = numerator.divToScale(Ep.mul(n), RATE_DISPLAY_SCALE).toFixed(RATE_DISPLAY_SCALE);
    } else {
      notes.push(msg('FUNDING_PER_STUDENT_RATE_UNDEFINED', { previousYear: p, amount: Ep.toString() }));
    }
    if (perStudentCheck === 'VIOLATED' && displaysAsZero(perStudentChange)) {
      notes.push(msg('FUNDING_PER_STUDENT_TINY_FALL', {}));
    }
    if (perStudent !== null && previousPerStudent !== null) {
      const roundedDifference = Decimal.parse(perStudent).sub(previousPerStudent);
      if (!roundedDifference.eq(perStudentChange)) {
        notes.push(msg('FUNDING_ROUNDING_REMARK', { change: perStudentChange, roundedDifference: roundedDifference.toFixed(YUAN_DISPLAY_SCALE) }));
      }
    }
  } else {
    // Tokens (kind.year) the catalogue words: expenditure missing, enrolment missing, enrolment 0.
    const problems: string[] = [];
    if (!E) problems.push(`expenditure.${y}`);
    if (n === null) problems.push(`enrolment.${y}`);
    else if (n === 0) problems.push(`zeroEnrolment.${y}`);
    if (!Ep) problems.push(`expenditure.${p}`);
    if (np === null) problems.push(`enrolment.${p}`);
    else if (np === 0) problems.push(`zeroEnrolment.${p}`);
    notes.push(msg('FUNDING_PER_STUDENT_NO_DATA', { problems }));
  }

  // --- evidence ------------------------------------------------------------------------------------
  const inputs: Record<string, string | number | null> = {
    [`expenditure.${y}`]: E ? E.toString() : null,
    [`expenditureBasis.${y}`]: cur.expenditure?.basis ?? null,
    [`enrolment.${y}`]: n,
    [`expenditure.${p}`]: Ep ? Ep.toString() : null,
    [`expenditureBasis.${p}`]: prev.expenditure?.basis ?? null,
    [`enrolment.${p}`]: np,
  };
  const sources: SourceRef[] = [];
  for (const figure of [cur.expenditure, cur.enrolment, prev.expenditure, prev.enrolment]) {
    if (figure) sources.push(figure.source);
  }

  return {
    year: y,
    expenditure: E ? E.toString() : null,
    basis: cur.expenditure?.basis ?? null,
    enrolment: n,
    perStudent,
    previousExpenditure: Ep ? Ep.toString() : null,
    previousBasis: prev.expenditure?.basis ?? null,
    previousEnrolment: np,
    previousPerStudent,
    totalChange,
    totalChangeRate,
    perStudentChange,
    perStudentChangeRate,
    totalCheck,
    perStudentCheck,
    evidence: { inputs, sources, notes },
  };
}

/**
 * The two checks for every year in [fromYear, toYear] (inclusive, ascending), each against the year
 * before; the first year of the range is compared with fromYear − 1 when figures for it are given.
 * The inputs are the figures of ONE district; figures outside [fromYear − 1, toYear] are ignored.
 */
export function fundingChecks(input: {
  expenditures: ExpenditureFigure[];
  enrolments: EnrolmentFigure[];
  fromYear: number;
  toYear: number;
}): FundingCheckYear[] {
  const { expenditures, enrolments, fromYear, toYear } = input;
  checkYear(fromYear, 'fromYear');
  checkYear(toYear, 'toYear');
  if (fromYear > toYear) throw new RangeError(`fromYear (${fromYear}) must not be after toYear (${toYear})`);
  if (toYear - fromYear + 1 > MAX_RANGE_YEARS) {
    throw new RangeError(`At most ${MAX_RANGE_YEARS} years can be checked at once (got ${fromYear}–${toYear})`);
  }
  const relevant = expenditures.filter((f) => f.year >= fromYear - 1 && f.year <= toYear);
  const enrolmentByYear = enrolmentIndex(enrolments.filter((e) => e.year >= fromYear - 1 && e.year <= toYear));

  const result: FundingCheckYear[] = [];
  let prev = figuresFor(relevant, enrolmentByYear, fromYear - 1);
  for (let y = fromYear; y <= toYear; y++) {
    const cur = figuresFor(relevant, enrolmentByYear, y);
    result.push(checkYearAgainstPrevious(cur, prev));
    prev = cur;
  }
  return result;
}

/** The years in which at least one of the two checks is VIOLATED. */
export function violations(checks: FundingCheckYear[]): FundingCheckYear[] {
  return checks.filter((c) => c.totalCheck === 'VIOLATED' || c.perStudentCheck === 'VIOLATED');
}

/** One district's checks, as given to the city-level helpers. */
export interface DistrictFundingChecks {
  districtCode: string;
  checks: FundingCheckYear[];
}

export interface DistrictFundingViolation {
  districtCode: string;
  check: FundingCheckYear;
}

/** For `fundingCheckViolations(year)`: the districts violating either check in `year`, ordered by code. */
export function districtViolations(districts: DistrictFundingChecks[], year: number): DistrictFundingViolation[] {
  const out: DistrictFundingViolation[] = [];
  for (const d of districts) {
    for (const check of violations(d.checks.filter((c) => c.year === year))) out.push({ districtCode: d.districtCode, check });
  }
  return out.sort((a, b) => (a.districtCode < b.districtCode ? -1 : a.districtCode > b.districtCode ? 1 : 0));
}

export interface FundingCheckCounts {
  met: number;
  violated: number;
  noData: number;
}

export interface CityFundingSummary {
  year: number;
  /** Districts given to `summarise`. */
  districtCount: number;
  totalCheck: FundingCheckCounts;
  perStudentCheck: FundingCheckCounts;
  /** Exact sum of the year's expenditure over the districts that have one (canonical decimal string). */
  totalExpenditure: string;
  districtsWithExpenditure: number;
  /** Sum of the year's enrolment over the districts that have one. */
  totalEnrolment: number;
  districtsWithEnrolment: number;
  /**
   * City per-student expenditure: Σ expenditure / Σ enrolment over the districts having BOTH figures
   * (enrolment > 0) — a student-weighted average, not the mean of district averages. 2 places, HALF_UP.
   * Null when no district has both.
   */
  perStudentAverage: string | null;
  districtsInAverage: number;
  /** How many districts' expenditure figures are final accounts and how many budgets. */
  basisCounts: { final: number; budget: number };
  /** Codes of the districts violating at least one check, sorted. */
  violatingDistricts: string[];
  notes: Message[];
}

function count(counts: FundingCheckCounts, status: FundingCheckStatus): void {
  if (status === 'MET') counts.met++;
  else if (status === 'VIOLATED') counts.violated++;
  else counts.noData++;
}

/** For `cityFundingSummary(year)`: counts and exact totals over the districts' checks for `year`. */
export function summarise(districts: DistrictFundingChecks[], year: number): CityFundingSummary {
  checkYear(year, 'year');
  const seen = new Set<string>();
  const totalCheck: FundingCheckCounts = { met: 0, violated: 0, noData: 0 };
  const perStudentCheck: FundingCheckCounts = { met: 0, violated: 0, noData: 0 };
  const basisCounts = { final: 0, budget: 0 };
  const expenditures: Decimal[] = [];
  let totalEnrolment = 0;
  let districtsWithEnrolment = 0;
  const averageAmounts: Decimal[] = [];
  let averageStudents = 0;
  const violating: string[] = [];
  const withoutYear: string[] = [];

  for (const d of districts) {
    if (seen.has(d.districtCode)) throw new Error(`District ${d.districtCode} given twice to summarise`);
    seen.add(d.districtCode);
    const entries = d.checks.filter((c) => c.year === year);
    if (entries.length > 1) throw new Error(`District ${d.districtCode} has ${entries.length} checks for ${year}`);
    const c = entries[0];
    if (!c) {
      withoutYear.push(d.districtCode);
      totalCheck.noData++;
      perStudentCheck.noData++;
      continue;
    }
    count(totalCheck, c.totalCheck);
    count(perStudentCheck, c.perStudentCheck);
    if (c.totalCheck === 'VIOLATED' || c.perStudentCheck === 'VIOLATED') violating.push(d.districtCode);
    const amount = c.expenditure === null ? null : Decimal.parse(c.expenditure);
    if (amount) {
      expenditures.push(amount);
      if (c.basis) basisCounts[c.basis]++;
    }
    if (c.enrolment !== null) {
      totalEnrolment += c.enrolment;
      districtsWithEnrolment++;
    }
    if (amount && c.enrolment !== null && c.enrolment > 0) {
      averageAmounts.push(amount);
      averageStudents += c.enrolment;
    }
  }

  const notes: Message[] = [];
  if (withoutYear.length > 0) {
    notes.push(msg('FUNDING_CITY_WITHOUT_YEAR', { year, districts: withoutYear }));
  }
  const districtsInAverage = averageAmounts.length;
  if (districtsInAverage < districts.length) {
    notes.push(msg('FUNDING_CITY_AVERAGE_COVERS', { covered: districtsInAverage, total: districts.length, year }));
  }
  if (basisCounts.final > 0 && basisCounts.budget > 0) {
    notes.push(msg('FUNDING_CITY_MIXED_BASES', { final: basisCounts.final, budget: basisCounts.budget }));
  }

  return {
    year,
    districtCount: districts.length,
    totalCheck,
    perStudentCheck,
    totalExpenditure: sum(expenditures).toString(),
    districtsWithExpenditure: expenditures.length,
    totalEnrolment,
    districtsWithEnrolment,
    perStudentAverage:
      averageStudents > 0 ? sum(averageAmounts).divToScale(averageStudents, YUAN_DISPLAY_SCALE).toFixed(YUAN_DISPLAY_SCALE) : null,
    districtsInAverage,
    basisCounts,
    violatingDistricts: violating.sort(),
    notes,
  };
}
