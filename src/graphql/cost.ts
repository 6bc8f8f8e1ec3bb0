import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  FragmentSpreadNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLInputType,
  GraphQLSchema,
  GraphQLSkipDirective,
  InlineFragmentNode,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  typeFromAST,
} from 'graphql';
import { LruCache } from '../common/lru-cache';
import { SchoolType } from '../common/vocabulary';
import { typeStages } from '../compliance/scope';
import type { DistrictEvaluationResult } from '../compliance/types';
import { readVersions } from '../db/data-version';
import type { Context } from './context';
import type { DomainError } from './errors';
import { DEFAULT_PAGE_SIZE } from './pagination';
import { saturatingAdd, saturatingMul } from './query-shape';
import { isYearName, yearRefusal } from './years';

/**
 * What the viewer can see, as the cost model needs it: the work of an evaluation and the length of its lists grow
 * with the schools of the districts in scope (row-level security applies: a district officer's city is one district).
 * A school part is a school in one stage: a nine-year school is evaluated as two.
 */
export interface ScopeSizes {
  districts: number;
  schools: number;
  parts: number;
  /** The largest district in scope: the bound for a list over one district's schools. */
  largestSchools: number;
  largestParts: number;
}

/**
 * List lengths of the evaluations of one year, as computed (the bounds assume every school fails, as in a year
 * without data): a typical year fails far fewer schools, and a query is priced by what it will really return.
 * `max` is the longest list of one district (or stage), `total` the sum over all of them.
 */
export interface ObservedSizes {
  blockers: { max: number; total: number };
  stageRules: { max: number; total: number };
  stageFailing: { max: number; total: number };
  indicatorSchools: number;
  missingSchools: number;
  districtSources: number;
}

/**
 * Cold work of one school in an evaluation (gathering its facts, running the exact engine on it), in the cost's unit
 * (one value of a response, ~300 bytes of heap while it is built). A city-scale school takes ~0.36 ms of CPU and ~18 KB
 * of facts and results (D12); since cold work runs one year at a time (D31) its memory is bounded, and the price
 * bounds the time one request may take: D30.
 */
export const WORK_PER_SCHOOL = 10;
/** Work of one district's funding checks for one year (a few district-level rows). */
export const WORK_PER_DISTRICT_FUNDING = 5;
/**
 * Pricing one failing school part (#16.1: seven candidate plans of seven exact items, from the engine's results, no
 * query) in the cost's unit: ~0.09 ms measured (bench/pricing.ts), against ~0.036 ms per unit of WORK_PER_SCHOOL.
 */
export const WORK_PER_PRICED_PART = 3;
/** A list the table below does not know is priced as this many items. */
export const DEFAULT_LIST_LENGTH = 10;

/** Where a selection sits. */
interface At {
  /** Lists over one district's schools: the largest district, or (inside a list of every district) the average one. */
  perDistrict: 'largest' | 'average';
  /** A school's evidence names a few rows; a district figure's up to ~4 per school (G03–G07, Q04). */
  level: 'district' | 'school';
  /** The year of the evaluation above, whose observed sizes may price its lists. */
  year: number | null;
}

type Args = Record<string, unknown>;

/** Sizes as one position prices them: observed for an evaluated year, else the bounds of the scope. */
interface Sized {
  districts: number;
  schools: number;
  schoolsOfDistrict: number;
  blockers: number;
  /** Schools of one stage (a district's two stages share its school parts). */
  stageRules: number;
  stageFailing: number;
  indicatorSchools: number;
  missingSchools: number;
  districtSources: number;
}

interface Price {
  /** Items the field returns (a list's upper bound); undefined for an object. */
  length?: number;
  /** Work beyond building the values (evaluations computed), inside this position. */
  work?: number;
  /** Work done once per operation whatever repeats it (a year's city-wide evaluations), keyed. */
  shared?: { key: string; work: number };
  /** How the selection below is priced. */
  at?: Partial<At>;
}

const yearOf = (a: Args) => (typeof a.year === 'number' ? a.year : null);
const yearsIn = (a: Args) => (typeof a.fromYear === 'number' && typeof a.toYear === 'number' ? Math.min(Math.max(a.toYear - a.fromYear + 1, 1), 101) : 1);
const cityWork = (z: Sized, a: Args, what: string): Price => ({
  // As of an instant (可追溯) is other work than today's: its own key.
  shared: { key: `${what}|${String(a.year)}|${a.asOf == null ? '' : String(a.asOf)}`, work: z.schools * WORK_PER_SCHOOL },
  at: { year: yearOf(a), perDistrict: 'average' },
});

/**
 * The fields whose price is not "1 + their children": evaluations and funding checks (their work), and their lists
 * (their lengths from the sizes in scope and the standard's fixed counts: 7 R, 15 G, 9 Q, 3 V, 2 stages).
 */
const PRICES: Record<string, (z: Sized, args: Args) => Price> = {
  // A year's evaluations (and facts) serve every city-wide field of that year in the operation: counted once.
  'Query.cityEvaluation': (z, a) => cityWork(z, a, 'evaluation'),
  'Query.certificationProgress': (z, a) => cityWork(z, a, 'evaluation'),
  'Query.basicBalanceMonitoring': (z, a) => ({ ...cityWork(z, a, 'facts'), length: z.districts }),
  'District.evaluation': (z, a) => ({ work: z.schoolsOfDistrict * WORK_PER_SCHOOL, at: { year: yearOf(a) } }),
  'District.basicBalance': (z) => ({ work: z.schoolsOfDistrict * WORK_PER_SCHOOL }),
  // One evaluation of the district per year of the range (the pace's years when fromYear is left out), and its funding.
  'District.trend': (z, a) => {
    const years = typeof a.fromYear === 'number' ? yearsIn(a) : 3;
    return { work: years * (z.schoolsOfDistrict * WORK_PER_SCHOOL + WORK_PER_DISTRICT_FUNDING) };
  },
  'DistrictTrend.years': () => ({ length: 10 }),
  'TrendYear.spreads': () => ({ length: 14 }),
  // The two years before the warning's (its own year is the city's, already priced).
  'EarlyWarning.projection': (z) => ({ work: 2 * (z.schoolsOfDistrict * WORK_PER_SCHOOL + WORK_PER_DISTRICT_FUNDING) }),
  'School.resourceIndicators': () => ({ work: WORK_PER_SCHOOL, length: 7, at: { level: 'school' } }),
  'School.schoolRule': () => ({ work: WORK_PER_SCHOOL, at: { level: 'school' } }),

  'CityEvaluation.districts': (z) => ({ length: z.districts }),
  'DistrictEvaluation.resourceAllocation': () => ({ length: 2 }),
  'DistrictEvaluation.governmentGuarantee': () => ({ length: 15 }),
  'DistrictEvaluation.educationQuality': () => ({ length: 9 }),
  'DistrictEvaluation.vetoes': () => ({ length: 3 }),
  'DistrictEvaluation.blockers': (z) => ({ length: z.blockers }),
  'StageAllocation.schoolRules': (z) => ({ length: z.stageRules, at: { level: 'school' } }),
  'StageAllocation.failingSchools': (z) => ({ length: z.stageFailing, at: { level: 'school' } }),
  'StageAllocation.spread': () => ({ length: 7 }),
  // The cost to qualify: a plan per failing part, totals over the failing parts in scope (observed when evaluated).
  'SchoolRuleResult.costToQualify': () => ({ work: WORK_PER_PRICED_PART }),
  'CostToQualify.items': () => ({ length: 7 }),
  'Query.unitCosts': () => ({ length: 14 }),
  'StageAllocation.costToQualify': (z) => ({ work: z.stageFailing * WORK_PER_PRICED_PART }),
  'DistrictEvaluation.costToQualify': (z) => ({ work: 2 * z.stageFailing * WORK_PER_PRICED_PART }),
  'CityEvaluation.costToQualify': (z) => ({ work: z.districts * 2 * z.stageFailing * WORK_PER_PRICED_PART }),
  'SchoolRuleResult.indicators': () => ({ length: 7 }),
  'SchoolRuleResult.failing': () => ({ length: 7 }),
  'IndicatorResult.schools': (z) => ({ length: z.indicatorSchools, at: { level: 'school' } }),
  'SpreadResult.missingSchools': (z) => ({ length: z.missingSchools }),
  'Evidence.sources': (z) => ({ length: z.districtSources }),
  'Evidence.inputs': () => ({ length: 15 }),
  'BasicBalanceDistrict.stages': () => ({ length: 2 }),
  'BasicBalanceStage.cvs': () => ({ length: 7 }),
  'CertificationProgress.plannedYears': (z) => ({ length: z.districts }),
  'CertificationProgress.earlyWarnings': (z) => ({ length: z.districts }),
  'EarlyWarning.blockers': (z) => ({ length: z.blockers }),
  'PlannedYear.districtCodes': (z) => ({ length: z.districts }),
  // Dossiers: a stored evaluation costs no work; a diff to today is one district evaluation (#16.3).
  'Query.dossierDiff': (z) => ({ work: z.schoolsOfDistrict * WORK_PER_SCHOOL }),
  'EvaluationDiff.changes': (z) => ({ length: 2 * z.stageRules + 4 + 14 + 28 }),
  'EvaluationDiff.blockersAdded': (z) => ({ length: z.blockers }),
  'EvaluationDiff.blockersRemoved': (z) => ({ length: z.blockers }),
  // Batches, not rows: a district's year rests on a few deliveries per dataset (14 datasets, API writes beside them).
  'EvaluationDiff.batchesAdded': () => ({ length: 100 }),
  'EvaluationDiff.batchesDropped': () => ({ length: 100 }),
  'FigureChange.batches': () => ({ length: 20 }),
  'EvaluationDossier.batches': () => ({ length: 100 }),
  'District.dossiers': () => ({ length: 20 }),
  'District.certificationStages': () => ({ length: 20 }),

  'Query.cityFundingSummary': (z, a) => ({ shared: { key: `funding|${String(a.year)}|${a.asOf == null ? '' : String(a.asOf)}`, work: z.districts * WORK_PER_DISTRICT_FUNDING } }),
  'Query.fundingCheckViolations': (z, a) => ({ shared: { key: `funding|${String(a.year)}|${a.asOf == null ? '' : String(a.asOf)}`, work: z.districts * WORK_PER_DISTRICT_FUNDING }, length: z.districts }),
  'CityFundingSummary.violatingDistricts': (z) => ({ length: z.districts }),
  'Query.cityTransferPayments': (z) => ({ work: z.districts * WORK_PER_DISTRICT_FUNDING }),
  'CityTransferPayments.byDistrict': (z) => ({ length: z.districts }),
  'CityTransferPayments.byProgram': () => ({ length: 20 }),
  'District.fundingChecks': (_z, a) => ({ work: yearsIn(a) * WORK_PER_DISTRICT_FUNDING, length: yearsIn(a) }),
  'FundingEvidence.sources': () => ({ length: 10 }),
  'FundingEvidence.notes': () => ({ length: 10 }),
  'FundingEvidence.inputs': () => ({ length: 10 }),
};

export interface CostEstimate {
  cost: number;
  /**
   * The evaluation work alone (the `work` and `shared` prices, times the lists above them): what the request will
   * compute, held against its own limit (GRAPHQL_MAX_WORK, D123), while `cost` (values and work) bounds what it holds.
   */
  work: number;
  /** Whether the price used the sizes in scope (a query without evaluations never needs them). */
  usedSizes: boolean;
  /** Years of evaluations priced by their bounds, not (yet) by observed sizes. */
  unobservedYears: number[];
  /** The first year argument out of range, refused before any work. */
  yearRefusal: DomainError | null;
}

/**
 * The cost of an operation with its (coerced) variables: about the number of values its response can hold, plus the
 * work of the evaluations it asks for, in the same unit (docs/access.md). Linear in the document: each fragment is
 * priced once per kind of position and reused at every spread. `sizes` null prices sized fields as if the scope
 * were empty and says so in `usedSizes` (the caller then reads the sizes and prices again); `observed` gives the
 * list lengths of years already evaluated.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Args,
  sizes: ScopeSizes | null,
  observed: { get(year: number): ObservedSizes | undefined } = new Map(),
): CostEstimate {
  const all = estimate(schema, document, operation, variables, sizes, observed, true);
  return { ...all, work: estimate(schema, document, operation, variables, sizes, observed, false).cost };
}

/** One pass of the estimate: `values` false counts the work alone (a field and a list item then weigh nothing). */
function estimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Args,
  sizes: ScopeSizes | null,
  observed: { get(year: number): ObservedSizes | undefined },
  values: boolean,
): Omit<CostEstimate, 'work'> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();
  const shared = new Map<string, number>();
  const unobserved = new Set<number>();
  let usedSizes = false;
  let refusal: DomainError | null = null;
  const scope = sizes ?? { districts: 0, schools: 0, parts: 0, largestSchools: 0, largestParts: 0 };

  /** The sizes at a position, worked out (and counted as used) only when a price reads one. */
  const sizedAt = (at: At): Sized => {
    let sized: Sized | null = null;
    const read = (): Sized => {
      usedSizes = true;
      return (sized ??= sizesAt(at));
    };
    return {
      get districts() { return read().districts; },
      get schools() { return read().schools; },
      get schoolsOfDistrict() { return read().schoolsOfDistrict; },
      get blockers() { return read().blockers; },
      get stageRules() { return read().stageRules; },
      get stageFailing() { return read().stageFailing; },
      get indicatorSchools() { return read().indicatorSchools; },
      get missingSchools() { return read().missingSchools; },
      get districtSources() { return read().districtSources; },
    };
  };

  const sizesAt = (at: At): Sized => {
    const average = at.perDistrict === 'average' && scope.districts > 0;
    const perDistrict = (total: number, largest: number) => (average ? Math.ceil(total / scope.districts) : largest);
    const S = perDistrict(scope.schools, scope.largestSchools);
    const P = perDistrict(scope.parts, scope.largestParts);
    const bounds: Sized = {
      districts: scope.districts,
      schools: scope.schools,
      schoolsOfDistrict: S,
      // Every school part failing all seven R, every school its school-level G and Q, plus the district's own.
      blockers: 7 * P + 6 * S + 45,
      stageRules: Math.ceil(P / 2),
      stageFailing: Math.ceil(P / 2),
      indicatorSchools: S,
      missingSchools: Math.ceil(P / 2),
      districtSources: at.level === 'school' ? 6 : 4 * S + 10,
    };
    if (at.year === null) return bounds;
    const seen = observed.get(at.year);
    if (!seen) {
      unobserved.add(at.year);
      return bounds;
    }
    const spread = (s: { max: number; total: number }, items: number) => (average ? Math.ceil(s.total / Math.max(items, 1)) : s.max);
    return {
      ...bounds,
      blockers: spread(seen.blockers, scope.districts),
      stageRules: spread(seen.stageRules, 2 * scope.districts),
      stageFailing: spread(seen.stageFailing, 2 * scope.districts),
      indicatorSchools: seen.indicatorSchools,
      missingSchools: seen.missingSchools,
      districtSources: at.level === 'school' ? 6 : seen.districtSources,
    };
  };

  const skipped = (node: FieldNode | InlineFragmentNode | FragmentSpreadNode): boolean => {
    if (!node.directives?.length) return false;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return true;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false;
  };

  function selectionCost(set: SelectionSetNode, parentType: GraphQLCompositeType, at: At): number {
    let total = 0;
    for (const sel of set.selections) {
      if (skipped(sel)) continue;
      if (sel.kind === Kind.FIELD) {
        total = saturatingAdd(total, fieldCost(sel, parentType, at));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? typeFromAST(schema, sel.typeCondition) : parentType;
        total = saturatingAdd(total, selectionCost(sel.selectionSet, isCompositeType(type) ? type : parentType, at));
      } else {
        total = saturatingAdd(total, spreadCost(sel.name.value, parentType, at));
      }
    }
    return total;
  }

  function spreadCost(name: string, parentType: GraphQLCompositeType, at: At): number {
    const key = `${name}|${at.perDistrict}|${at.level}|${at.year}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(key)) return 0; // unknown or cyclic: refused by graphql's validation
    inProgress.add(key);
    const type = typeFromAST(schema, fragment.typeCondition);
    const cost = selectionCost(fragment.selectionSet, isCompositeType(type) ? type : parentType, at);
    inProgress.delete(key);
    memo.set(key, cost);
    return cost;
  }

  function fieldCost(node: FieldNode, parentType: GraphQLCompositeType, at: At): number {
    const name = node.name.value;
    const field: GraphQLField<unknown, unknown> | undefined =
      name === '__schema' ? SchemaMetaFieldDef
      : name === '__type' ? TypeMetaFieldDef
      : isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name]
      : undefined;
    if (!field) return 1; // __typename, or a field graphql's validation has already refused
    let args: Args = {};
    try {
      args = getArgumentValues(field, node, variables);
    } catch {
      // An argument that does not coerce is reported by execution, which then runs nothing.
    }
    for (const arg of field.args) checkYears(arg.name, arg.type, args[arg.name]);

    // Introspection answers from the schema: one value per field asked, no list multiplied.
    const introspection = name.startsWith('__') || parentType.name.startsWith('__');
    const price = introspection ? {} : priceOf(parentType.name, field, args, at);
    if (price.shared && !shared.has(price.shared.key)) shared.set(price.shared.key, price.shared.work);
    const childType = getNamedType(field.type);
    const child = node.selectionSet && isCompositeType(childType) ? selectionCost(node.selectionSet, childType, { ...at, ...price.at }) : 0;
    const own = saturatingAdd(values ? 1 : 0, price.work ?? 0);
    if (price.length === undefined) return saturatingAdd(own, child);
    return saturatingAdd(own, saturatingMul(Math.max(price.length, 1), Math.max(child, values ? 1 : 0)));
  }

  function priceOf(parentName: string, field: GraphQLField<unknown, unknown>, args: Args, at: At): Price {
    const known = PRICES[`${parentName}.${field.name}`];
    if (known) return known(sizedAt(at), args);
    // A connection: `first` items (default page), each with the connection's selection.
    if (field.args.some((a) => a.name === 'first')) return { length: typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE };
    // Its edges and nodes are that page: the connection field above has multiplied them already.
    if (parentName.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes')) return {};
    if (isListType(getNullableType(field.type))) return { length: DEFAULT_LIST_LENGTH };
    return {};
  }

  /** Year arguments, and year fields of input objects (`filter: { plannedCertificationYear }`), in range. */
  function checkYears(path: string, type: GraphQLInputType, value: unknown): void {
    if (refusal || value === null || value === undefined) return;
    const named = getNamedType(type);
    if (isInputObjectType(named) && typeof value === 'object') {
      for (const item of Array.isArray(value) ? value : [value]) {
        for (const f of Object.values(named.getFields())) checkYears(`${path}.${f.name}`, f.type, (item as Args)[f.name]);
      }
      return;
    }
    if (!isYearName(path.slice(path.lastIndexOf('.') + 1))) return;
    for (const v of Array.isArray(value) ? value : [value]) refusal ??= yearRefusal(path, v);
  }

  const root = schema.getRootType(operation.operation);
  let cost = root ? selectionCost(operation.selectionSet, root, { perDistrict: 'largest', level: 'district', year: null }) : 0;
  for (const work of shared.values()) cost = saturatingAdd(cost, work);
  return { cost, usedSizes, unobservedYears: [...unobserved].sort((a, b) => a - b), yearRefusal: refusal };
}

/** Observed sizes nothing can undercut: what an optimistic estimate assumes for a year not evaluated yet. */
export const NOTHING_OBSERVED: ObservedSizes = {
  blockers: { max: 0, total: 0 },
  stageRules: { max: 0, total: 0 },
  stageFailing: { max: 0, total: 0 },
  indicatorSchools: 0,
  missingSchools: 0,
  districtSources: 0,
};

/** The list lengths of a year's evaluations, measured on the results (added to `observed`, district by district). */
export function observeSizes(evaluations: readonly DistrictEvaluationResult[], observed: ObservedSizes = structuredClone(NOTHING_OBSERVED)): ObservedSizes {
  const count = (into: { max: number; total: number }, n: number) => {
    into.max = Math.max(into.max, n);
    into.total += n;
  };
  for (const e of evaluations) {
    count(observed.blockers, e.blockers.length);
    for (const stage of e.resourceAllocation) {
      count(observed.stageRules, stage.schoolRules.length);
      count(observed.stageFailing, stage.failingSchools.length);
      for (const s of stage.spread) observed.missingSchools = Math.max(observed.missingSchools, s.missingSchools?.length ?? 0);
    }
    for (const indicator of [...e.governmentGuarantee, ...e.educationQuality, ...e.vetoes, e.socialRecognition]) {
      if (!indicator) continue;
      observed.indicatorSchools = Math.max(observed.indicatorSchools, indicator.schools?.length ?? 0);
      observed.districtSources = Math.max(observed.districtSources, indicator.evidence.sources.length);
    }
  }
  return observed;
}

/**
 * Sizes in the viewer's scope, read in the request's own (row-level-secured) snapshot, once per data version and
 * scope: row-level security depends on role and district only (D11), and any change of districts or schools moves
 * the data version.
 */
const sizesCache = new LruCache<ScopeSizes>(256);
const BOTH_STAGES = Object.values(SchoolType).filter((t) => typeStages(t).length === 2);

/** Data version and viewer scope: what sizes and observations in scope depend on. */
export async function scopeKey(ctx: Context): Promise<string> {
  const version = (await readVersions(ctx.db, ctx.loaders.registry)).data;
  return `${version}|${ctx.viewer.role}|${ctx.viewer.district ?? ''}`;
}

export async function scopeSizes(ctx: Context): Promise<ScopeSizes> {
  const key = await scopeKey(ctx);
  const cached = sizesCache.get(key);
  if (cached) return cached;
  const [row] = (await ctx.db.query(
    `SELECT count(*)::int AS districts, coalesce(sum(n), 0)::int AS schools, coalesce(sum(p), 0)::int AS parts,
            coalesce(max(n), 0)::int AS largest_schools, coalesce(max(p), 0)::int AS largest_parts
       FROM (SELECT d.code, count(s.code) AS n, count(s.code) + count(s.code) FILTER (WHERE s.school_type = ANY($1)) AS p
               FROM districts d LEFT JOIN schools s ON s.district_code = d.code GROUP BY d.code) t`,
    [BOTH_STAGES],
  )) as { districts: number; schools: number; parts: number; largest_schools: number; largest_parts: number }[];
  const sizes: ScopeSizes = {
    districts: row?.districts ?? 0,
    schools: row?.schools ?? 0,
    parts: row?.parts ?? 0,
    largestSchools: row?.largest_schools ?? 0,
    largestParts: row?.largest_parts ?? 0,
  };
  sizesCache.set(key, sizes);
  return sizes;
}
