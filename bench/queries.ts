// The GraphQL operations the benchmark times. They are fixed here (not read from schema/operations/) so that a
// change to the samples does not silently change what is measured.

/** The city verdict for a year: every district's verdict, blockers, failing schools with their shortfalls, spreads, G/Q/S/V. */
export const CITY_EVALUATION = /* GraphQL */ `
query BenchCityEvaluation($year: Int!) {
  cityEvaluation(year: $year) {
    qualifiedCount notQualifiedCount insufficientDataCount
    districts {
      districtCode verdict
      blockers { code status message schoolCode stage }
      resourceAllocation {
        stage schoolCount schoolsMeetingRule
        failingSchools { school { code name } stage status failing { code value threshold shortfall { amount unit description } } }
        spread { code cv limit status schoolCount }
      }
      governmentGuarantee { code status value threshold message }
      educationQuality { code status value threshold }
      socialRecognition { code status value threshold }
      vetoes { code status }
    }
  }
}`;

/** One district's full evaluation (the README's example query, with the shortfalls). */
export const DISTRICT_EVALUATION = /* GraphQL */ `
query BenchDistrictEvaluation($code: String!, $year: Int!) {
  district(code: $code) {
    name
    evaluation(year: $year) {
      verdict
      blockers { code status message }
      resourceAllocation {
        stage schoolCount schoolsMeetingRule
        failingSchools { school { code name } failing { code value threshold shortfall { description } } }
        spread { code cv limit status }
      }
      governmentGuarantee { code nameZh status value threshold message }
      educationQuality { code nameZh status value threshold }
      socialRecognition { code status value threshold }
      vetoes { code status }
    }
  }
}`;

/** The two never-decrease checks over a range of years for the first `first` districts (41 = all). */
export const FUNDING_CHECKS = /* GraphQL */ `
query BenchFundingChecks($first: Int!, $from: Int!, $to: Int!) {
  districts(first: $first, orderBy: [{ field: CODE }]) {
    totalCount
    nodes {
      code name
      fundingChecks(fromYear: $from, toYear: $to) {
        year basis expenditure enrolment perStudent totalCheck perStudentCheck
        evidence { notes sources { dataset department fileName rowKey } }
      }
    }
  }
}`;

/**
 * The dashboard list: a page of a district's schools with their district, the year's statistics per stage, R1–R7
 * of both stages (value and status, as a list shows them; a school without the stage gets NO_DATA) and their
 * teacher count.
 */
export const SCHOOL_LIST = /* GraphQL */ `
query BenchSchoolList($district: String!, $year: Int!, $first: Int!) {
  schools(first: $first, filter: { districtCode: $district }, orderBy: [{ field: NAME }]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      code name schoolType location ownership
      district { code name }
      stats(year: $year) { stage students classes }
      primary: resourceIndicators(year: $year, stage: PRIMARY) { code value status }
      junior: resourceIndicators(year: $year, stage: JUNIOR) { code value status }
      teachers: teacherPostings(year: $year) { totalCount }
    }
  }
}`;

/** Not timed: one district's per-school figures, to check the SQL baseline against the hub (district by district, so
 * that no single answer holds every school of the city). */
export const DISTRICT_FIGURES = /* GraphQL */ `
query BenchDistrictFigures($code: String!, $year: Int!) {
  district(code: $code) {
    evaluation(year: $year) {
      districtCode
      resourceAllocation {
        stage schoolCount schoolsMeetingRule
        schoolRules { schoolCode stage status indicators { code value status } }
        spread { code cv status }
      }
      governmentGuarantee { code status value }
    }
  }
}`;

/**
 * Issue 15.3's list, as the hub names it: a page of a district's schools with code, name, type, location, ownership,
 * district, the year's statistics per stage and the year's teacher-posting count. Timed beside PostGraphile's
 * equivalent below (bench/comparison.ts).
 */
export const ISSUE_LIST = /* GraphQL */ `
query BenchIssueList($district: String!, $year: Int!, $first: Int!) {
  schools(first: $first, filter: { districtCode: $district }, orderBy: [{ field: CODE }]) {
    totalCount
    nodes {
      code name schoolType location ownership
      district { code name }
      stats(year: $year) { stage students classes }
      teachers: teacherPostings(year: $year) { totalCount }
    }
  }
}`;

/** The same list in PostGraphile v4's own naming (tables, foreign keys and conditions of the same database). */
export const POSTGRAPHILE_LIST = /* GraphQL */ `
query BenchIssueList($district: String!, $year: Int!, $first: Int!) {
  allSchools(first: $first, condition: { districtCode: $district }, orderBy: CODE_ASC) {
    totalCount
    nodes {
      code name schoolType location ownership
      districtByDistrictCode { code name }
      schoolStatsBySchoolCode(condition: { year: $year }) { nodes { stage students classes } }
      teacherPostingsBySchoolCode(condition: { year: $year }) { totalCount }
    }
  }
}`;

/**
 * The city evaluation asking for what the SQL baseline computes and no more (per school part R1–R7 and the rule's
 * status, per district and stage the counts and CVs, G08/G09/G11/G12 among the G indicators): the like-for-like figure
 * beside the baseline (the full verdict above asks for much more: blockers, shortfalls, messages).
 */
export const CITY_FIGURES = /* GraphQL */ `
query BenchCityFigures($year: Int!) {
  cityEvaluation(year: $year) {
    districts {
      districtCode
      resourceAllocation {
        stage schoolCount schoolsMeetingRule
        schoolRules { schoolCode stage status indicators { code value status } }
        spread { code cv status }
      }
      governmentGuarantee { code status value }
    }
  }
}`;
