import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, getNamedType, getOperationAST, GraphQLSchema, isInputObjectType, isInterfaceType, isObjectType, parse } from 'graphql';
import { CITY_EVALUATION, CITY_FIGURES, DISTRICT_EVALUATION, DISTRICT_FIGURES, FUNDING_CHECKS, SCHOOL_LIST } from '../../../bench/queries';
import { loadConfig } from '../../../src/config';
import { estimateCost, NOTHING_OBSERVED, ObservedSizes, ScopeSizes, WORK_PER_SCHOOL } from '../../../src/graphql/cost';
import { buildGraphQLSchema } from '../../../src/graphql/schema';
import { isYearName } from '../../../src/graphql/years';
import { OVERVIEW_QUERY } from '../../../src/reports/overview';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

const MAX_COST = loadConfig({}).limits.maxCost;
const MAX_WORK = loadConfig({}).limits.maxWork;
/** The demo (npm start) and the city scale of the benchmark, as the sizes query reads them. */
const DEMO: ScopeSizes = { districts: 41, schools: 1500, parts: 1727, largestSchools: 71, largestParts: 82 };
const CITY: ScopeSizes = { districts: 41, schools: 5000, parts: 5757, largestSchools: 236, largestParts: 272 };
/** The bench's province (`npm run seed -- --scale province`, D116), as the sizes query reads it. */
const PROVINCE: ScopeSizes = { districts: 180, schools: 25000, parts: 30323, largestSchools: 286, largestParts: 360 };
const OFFICER: ScopeSizes = { districts: 1, schools: 71, parts: 82, largestSchools: 71, largestParts: 82 };
const VARIABLES = { year: 2024, code: '500106', school: '5001060001', first: 41, from: 2019, to: 2024, district: '500106' };

function cost(text: string, sizes: ScopeSizes | null = DEMO, variables: Record<string, unknown> = VARIABLES, observed?: Map<number, ObservedSizes>) {
  const document = parse(text);
  return estimateCost(schema, document, getOperationAST(document)!, variables, sizes, observed);
}

const OPERATIONS_DIR = path.join(__dirname, '../../../schema/operations');
const SAMPLES: [string, string][] = [
  ...fs.readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql')).map((f): [string, string] => [f, fs.readFileSync(path.join(OPERATIONS_DIR, f), 'utf8')]),
  ['overview page', OVERVIEW_QUERY],
  ['bench city evaluation', CITY_EVALUATION],
  ['bench district evaluation', DISTRICT_EVALUATION],
  ['bench funding checks', FUNDING_CHECKS],
  ['bench school list', SCHOOL_LIST],
  ['bench district figures', DISTRICT_FIGURES],
];

/** A year with data at city scale, as the demo's 2024 scaled by 5,000 / 1,500 schools (observed: 45 blockers a district). */
const TYPICAL_CITY_YEAR: ObservedSizes = {
  blockers: { max: 540, total: 41 * 150 },
  stageRules: { max: 170, total: 5757 },
  stageFailing: { max: 60, total: 41 * 2 * 15 },
  indicatorSchools: 236,
  missingSchools: 20,
  districtSources: 800,
};

describe('the sample operations, the overview page and the benchmark fit the default limit', () => {
  test.each(SAMPLES)('%s, on the demo and for a district officer', (_name, text) => {
    expect(cost(text, DEMO).cost).toBeLessThanOrEqual(MAX_COST);
    expect(cost(text, OFFICER).cost).toBeLessThanOrEqual(MAX_COST);
  });

  test.each(SAMPLES)('%s, at city scale on a year with data', (_name, text) => {
    const bounded = cost(text, CITY);
    const priced = bounded.cost <= MAX_COST ? bounded : cost(text, CITY, VARIABLES, new Map([[2024, TYPICAL_CITY_YEAR]]));
    expect(priced.cost).toBeLessThanOrEqual(MAX_COST);
  });

  test('an IDE\'s introspection query is cheap', () => {
    expect(cost(getIntrospectionQuery()).cost).toBeLessThan(5_000);
  });
});

describe('evaluations are priced by their work', () => {
  const years = (n: number, selection = 'qualifiedCount') =>
    `{ ${Array.from({ length: n }, (_, i) => `y${2000 + i}: cityEvaluation(year: ${2000 + i}) { ${selection} }`).join(' ')} }`;

  test('twenty city evaluations of different years are over the work limit on the demo (the query that exhausted the heap)', () => {
    const twenty = cost(years(20));
    expect(twenty.work).toBeGreaterThan(MAX_WORK);
    expect(twenty.work).toBe(20 * DEMO.schools * WORK_PER_SCHOOL);
    expect(twenty.cost).toBeGreaterThanOrEqual(twenty.work);
  });

  test('at province scale the figures are answered, a second year or the full verdict refused (D123)', () => {
    const figures = cost(CITY_FIGURES, PROVINCE);
    expect(figures.work).toBe(PROVINCE.schools * WORK_PER_SCHOOL);
    expect(figures.work).toBeLessThanOrEqual(MAX_WORK);
    expect(figures.cost).toBeLessThanOrEqual(MAX_COST);
    expect(figures.cost).toBeGreaterThan(1_000_000);
    // Priced by its bounds (a province is not observed: it does not fit the evaluation cache).
    expect(cost(CITY_EVALUATION, PROVINCE).cost).toBeGreaterThan(MAX_COST);
    expect(cost(years(2), PROVINCE).work).toBeGreaterThan(MAX_WORK);
    // Values alone, without any work, are held to the cost: pages that multiply stay refused.
    const pages = cost('{ districts(first: 500) { nodes { schools(first: 500) { nodes { code name } } } } }', PROVINCE);
    expect(pages.work).toBe(0);
    expect(pages.cost).toBeLessThanOrEqual(MAX_COST);
    expect(cost('{ districts(first: 500) { nodes { schools(first: 500) { nodes { code name schoolType location ownership boarding } } } } }', PROVINCE).cost).toBeGreaterThan(MAX_COST);
  });

  test('one year is well inside, and the same year asked twice is computed (and priced) once', () => {
    expect(cost(years(1)).cost).toBeLessThan(MAX_COST / 10);
    const twice = cost('{ a: cityEvaluation(year: 2024) { qualifiedCount } b: cityEvaluation(year: 2024) { qualifiedCount } certificationProgress(year: 2024) { year } }').cost;
    expect(twice).toBeLessThan(DEMO.schools * WORK_PER_SCHOOL + 100);
  });

  test('a district evaluation costs its schools, a city evaluation the city\'s, a district officer\'s city one district', () => {
    const district = cost('{ district(code: "500106") { evaluation(year: 2024) { verdict } } }').cost;
    const city = cost('{ cityEvaluation(year: 2024) { districts { verdict } } }').cost;
    expect(district).toBeGreaterThanOrEqual(DEMO.largestSchools * WORK_PER_SCHOOL);
    expect(district).toBeLessThan(2 * DEMO.largestSchools * WORK_PER_SCHOOL);
    expect(city).toBeGreaterThanOrEqual(DEMO.schools * WORK_PER_SCHOOL);
    expect(cost('{ cityEvaluation(year: 2024) { districts { verdict } } }', OFFICER).cost).toBeLessThan(city / 10);
  });

  test('lists of an evaluation are priced by their bounds, then by what a computed year holds', () => {
    const text = '{ cityEvaluation(year: 2024) { districts { blockers { code message } resourceAllocation { failingSchools { schoolCode } } } } }';
    const bounded = cost(text, CITY);
    expect(bounded.unobservedYears).toEqual([2024]);
    const observed = cost(text, CITY, VARIABLES, new Map([[2024, TYPICAL_CITY_YEAR]]));
    expect(observed.unobservedYears).toEqual([]);
    const work = CITY.schools * WORK_PER_SCHOOL;
    expect(observed.cost - work).toBeLessThan((bounded.cost - work) / 5);
    // Nothing observed at all is the floor: the work.
    expect(cost(text, CITY, VARIABLES, new Map([[2024, NOTHING_OBSERVED]])).cost).toBeGreaterThanOrEqual(CITY.schools * WORK_PER_SCHOOL);
  });

  test('without sizes, a query that needs them says so; one that does not never reads them', () => {
    expect(cost('{ cityEvaluation(year: 2024) { qualifiedCount } }', null).usedSizes).toBe(true);
    expect(cost('{ schools(first: 500) { nodes { code source { fileName } } } }', null).usedSizes).toBe(false);
    // Priced by their arguments alone: no sizes read (no extra statement) for a district's funding checks or a school's R1–R7.
    expect(cost('{ district(code: "x") { fundingChecks(fromYear: 2019, toYear: 2024) { year } } school(code: "y") { resourceIndicators(year: 2024, stage: PRIMARY) { code } } }', null).usedSizes).toBe(false);
  });
});

describe('the cost is linear in the document', () => {
  test('fragments cost what their expansion costs, each priced once', () => {
    const inline = cost(`{ a: cityEvaluation(year: 2024) { districts { blockers { code } } } b: district(code: "x") { evaluation(year: 2024) { blockers { code } } } }`).cost;
    const fragments = cost(`{ a: cityEvaluation(year: 2024) { districts { ...E } } b: district(code: "x") { evaluation(year: 2024) { ...E } } }
      fragment E on DistrictEvaluation { ...B } fragment B on DistrictEvaluation { blockers { code } }`).cost;
    expect(fragments).toBe(inline);
  });

  test('a fragment bomb is priced in microseconds and saturates instead of overflowing', () => {
    let text = 'query { ...F60 }\nfragment F0 on Query { districts(first: 500) { nodes { code } } }\n';
    for (let i = 1; i <= 60; i++) text += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
    const started = performance.now();
    const estimate = cost(text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(estimate.cost).toBe(Number.MAX_SAFE_INTEGER);
  });

  test('pages multiply their items; @skip and @include are honoured', () => {
    expect(cost('{ districts(first: 500) { nodes { schools(first: 500) { nodes { teacherPostings(first: 500) { nodes { stage } } } } } } }').cost).toBeGreaterThan(MAX_COST);
    // The connection, then 10 × (nodes + code).
    expect(cost('{ schools(first: 10) { nodes { code } } }').cost).toBe(1 + 10 * 2);
    expect(cost('query($no: Boolean!) { schools(first: 10) @include(if: $no) { nodes { code } } }', DEMO, { no: false }).cost).toBe(0);
  });
});

describe('years are bounded (2000–2100) in every argument and input field, before any work', () => {
  test.each([
    ['{ cityEvaluation(year: -2147483648) { qualifiedCount } }', 'year'],
    ['{ district(code: "x") { fundingChecks(fromYear: 1900, toYear: 2024) { year } } }', 'fromYear'],
    ['{ districts(filter: { plannedCertificationYear: 99999 }) { totalCount } }', 'filter.plannedCertificationYear'],
    ['{ schools(first: 1) { nodes { stats(year: 2101) { students } } } }', 'year'],
  ])('%s → BAD_USER_INPUT naming %s', (text, argument) => {
    const refusal = cost(text).yearRefusal;
    expect(refusal?.code).toBe('BAD_USER_INPUT');
    expect(refusal?.details).toMatchObject({ argumentName: argument });
    expect(refusal?.text).toMatchObject({ code: 'YEAR_OUT_OF_RANGE', params: { argument, min: 2000, max: 2100 } });
  });

  test('every argument and input field of the schema that holds a year is an Int the check recognises', () => {
    const yearish: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const holders = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()).flatMap((f) => f.args.map((a) => [`${type.name}.${f.name}(${a.name})`, a] as const))
        : isInputObjectType(type) ? Object.values(type.getFields()).map((f) => [`${type.name}.${f.name}`, f] as const)
        : [];
      for (const [where, holder] of holders) {
        if (!/year/i.test(holder.name)) continue;
        yearish.push(where);
        expect({ where, recognised: isYearName(holder.name), type: getNamedType(holder.type).name }).toEqual({ where, recognised: true, type: 'Int' });
      }
    }
    expect(yearish.length).toBeGreaterThanOrEqual(20);
  });

  test('years in range, and absent optional years, pass', () => {
    expect(cost('{ cityEvaluation(year: 2000) { year } b: cityEvaluation(year: 2100) { year } schools(first: 1) { nodes { stats { students } } } }').yearRefusal).toBeNull();
  });
});
