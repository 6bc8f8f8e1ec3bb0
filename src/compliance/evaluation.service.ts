import type { Context } from '../graphql/context';
import { District } from '../districts/district.entity';
import { visibleDistrictCodes } from '../districts/district.service';
import { RawSource, rawSource, resolveSources } from '../ingestion/provenance';
import { badInput } from '../graphql/errors';
import { msg } from '../messages';
import { basicBalanceMonitoring, evaluateDistrict } from './index';
import { districtVersion, readVersions } from '../db/data-version';
import { setPricingContext, type PricingContext } from './pricing';
import { LruCache } from '../common/lru-cache';
import { sum } from '../common/decimal';
import type { TeacherGroupRow } from './facts.loaders';
import { FairGate, yieldToEventLoop } from '../common/fair-gate';
import { aggregateKey } from './result';
import { DomainError, ErrorCode } from '../graphql/errors';
import { project, projectionKey, type Held, type Projection } from './projection';
import { indicatorDef, standardOf, thresholdOf } from './standards';
import type {
  BasicBalanceResult,
  DistrictEvaluationResult,
  DistrictFacts,
  Location,
  Ownership,
  SchoolFacts,
  SchoolType,
  SourceRef,
  Stage,
  StageFacts,
  StandardCode,
} from './types';

interface StageTeacherCounts { total: number; above: number; backbone: number; pe_arts: number; batch_ids: string[] }
interface SchoolTeacherCounts {
  teachers: number; full_time: number; pay_total: string; trained: number; certified_full_time: number; eligible: number; rotated: number;
  rotated_backbone: number; batch_ids: string[];
}

/**
 * The one teacher statement's rows (per school, stage and delivery) added up per school and stage (R1–R3) and per
 * school (G08–G12), as the two aggregates it replaced gave them: counts summed, pay summed exactly (numeric(14,2),
 * two decimals as SQL's sum), each list of deliveries distinct and in ascending text order (as array_agg(DISTINCT …::text)).
 */
export function teacherAggregates(rows: readonly TeacherGroupRow[]) {
  const countOf = new Map<string, StageTeacherCounts>();
  const teachersOf = new Map<string, SchoolTeacherCounts>();
  const pays = new Map<string, string[]>();
  for (const r of rows) {
    const key = `${r.school_code}/${r.stage}`;
    const c = countOf.get(key);
    if (c) {
      c.total += r.total; c.above += r.above; c.backbone += r.backbone; c.pe_arts += r.pe_arts;
      if (!c.batch_ids.includes(r.batch_id)) c.batch_ids.push(r.batch_id);
    } else {
      countOf.set(key, { total: r.total, above: r.above, backbone: r.backbone, pe_arts: r.pe_arts, batch_ids: [r.batch_id] });
    }
    const t = teachersOf.get(r.school_code);
    if (t) {
      t.teachers += r.total; t.full_time += r.full_time; t.trained += r.trained; t.certified_full_time += r.certified_full_time;
      t.eligible += r.eligible; t.rotated += r.rotated; t.rotated_backbone += r.rotated_backbone;
      if (!t.batch_ids.includes(r.batch_id)) t.batch_ids.push(r.batch_id);
      pays.get(r.school_code)!.push(r.pay_total);
    } else {
      teachersOf.set(r.school_code, {
        teachers: r.total, full_time: r.full_time, pay_total: r.pay_total, trained: r.trained, certified_full_time: r.certified_full_time,
        eligible: r.eligible, rotated: r.rotated, rotated_backbone: r.rotated_backbone, batch_ids: [r.batch_id],
      });
      pays.set(r.school_code, [r.pay_total]);
    }
  }
  for (const c of countOf.values()) if (c.batch_ids.length > 1) c.batch_ids.sort();
  for (const [code, t] of teachersOf) {
    if (t.batch_ids.length > 1) t.batch_ids.sort();
    const parts = pays.get(code)!;
    if (parts.length > 1) t.pay_total = sum(parts).toFixed(2);
  }
  return { countOf, teachersOf };
}

/**
 * Gathers the facts of several districts for one year through the per-request loaders: every dataset is read
 * once for all districts, so the cost of a city evaluation does not grow with the number of districts.
 */
export async function gatherFacts(ctx: Context, districtCodes: readonly string[], year: number, asOf?: Date): Promise<Map<string, DistrictFacts>> {
  const f = ctx.loaders.facts;
  // As of an instant every dataset, the districts included, is read as it stood then (facts.loaders.ts, as-of.ts).
  const at = asOf ? { asOf: asOf.toISOString() } : {};
  const districtsThen = (): Promise<(District | null)[]> =>
    load(f.districtsAsOf({ asOf: at.asOf! })).then((rows) =>
      rows.map((r) => (r[0] ? Object.assign(new District(), { code: r[0].code, name: r[0].name, basicBalanceYear: r[0].basic_balance_year }) : null)));
  const trainingHours = thresholdOf(indicatorDef(standardOf('YJ2017'), 'G09'), 'trainingHours');
  const load = <T>(loader: { loadMany(keys: readonly string[]): Promise<(T | Error)[]> }): Promise<T[]> =>
    loader.loadMany(districtCodes).then((list) => list.map((item) => {
      if (item instanceof Error) throw item;
      return item;
    }));
  // The teacher aggregate first: its loader runs first, and it goes to a second connection (D119) while the others run.
  const [teacherGroups, districts, schools, stats, funds, quality, education, pay, ratings, surveys] = await Promise.all([
    load(f.teachers({ year, trainingHours, ...at })),
    asOf ? districtsThen() : load(ctx.loaders.districts.byCode()),
    load(f.schools(at)),
    load(f.stats({ year, ...at })),
    load(f.funds({ year, ...at })),
    load(f.qualityMonitoring({ year, ...at })),
    load(f.districtRows('district_education', { year, ...at })),
    load(f.districtRows('civil_servant_pay', { year, ...at })),
    load(f.districtRows('ratings', { year, ...at })),
    load(f.districtRows('surveys', { year, ...at })),
  ]);

  const raw = new Map<string, DistrictFacts>();
  const pending: { ref: RawSource; into: SourceRef[] }[] = [];
  const refs = (...sources: RawSource[]): SourceRef[] => {
    const into: SourceRef[] = [];
    for (const ref of sources) pending.push({ ref, into });
    return into;
  };

  districtCodes.forEach((code, i) => {
    const district = districts[i];
    if (!district) return;
    const statRows = stats[i];
    const fundRows = funds[i];
    const { countOf, teachersOf } = teacherAggregates(teacherGroups[i]);
    const statsOf = new Map<string, StageFacts[]>();
    for (const s of statRows) {
      const c = countOf.get(`${s.school_code}/${s.stage}`);
      const stage: StageFacts = {
        stage: s.stage as Stage,
        students: s.students,
        classes: s.classes,
        maxClassSize: s.max_class_size,
        teachingAuxAreaM2: s.teaching_aux_area_m2,
        sportsAreaM2: s.sports_area_m2,
        equipmentValueYuan: s.equipment_value_yuan,
        multimediaRooms: s.multimedia_rooms,
        musicRooms: s.music_rooms,
        musicRoomMinAreaM2: s.music_room_min_area_m2,
        artRooms: s.art_rooms,
        artRoomMinAreaM2: s.art_room_min_area_m2,
        // A school with postings in the year but none in this stage has zero teachers there, not unknown ones.
        teachers: c
          ? { total: c.total, aboveMinimumDegree: c.above, backboneCountyPlus: c.backbone, peArts: c.pe_arts }
          : teachersOf.has(s.school_code)
            ? { total: 0, aboveMinimumDegree: 0, backboneCountyPlus: 0, peArts: 0 }
            : null,
        sources: refs(
          rawSource('school_stats', s.batch_id, `school_stats ${s.school_code}/${year}/${s.stage}`),
          ...(c?.batch_ids ?? []).map((b) => rawSource('teacher_postings', b, aggregateKey(`${s.school_code}/${year}/${s.stage}`, c!.total))),
        ),
      };
      statsOf.set(s.school_code, [...(statsOf.get(s.school_code) ?? []), stage]);
    }
    const fundsOf = new Map(fundRows.map((r) => [r.school_code, r]));
    const schoolFacts: SchoolFacts[] = schools[i].map((s) => {
      const fr = fundsOf.get(s.code);
      const t = teachersOf.get(s.code);
      return {
        code: s.code,
        name: s.name,
        schoolType: s.school_type as SchoolType,
        location: s.location as Location,
        ownership: s.ownership as Ownership,
        boarding: s.boarding,
        stages: statsOf.get(s.code) ?? [],
        teachers: t
          ? {
              teachers: t.teachers,
              fullTime: t.full_time,
              payTotalYuan: t.pay_total,
              trainingCompleted360: t.trained,
              certifiedFullTime: t.certified_full_time,
              rotationEligible: t.eligible,
              rotated: t.rotated,
              rotatedBackboneCountyPlus: t.rotated_backbone,
              // The engine names the aggregate it builds from these (one source per delivery, see scope.ts).
              sources: refs(...t.batch_ids.map((b) => rawSource('teacher_postings', b, aggregateKey(`${s.code}/${year}`, t.teachers)))),
            }
          : null,
        funds: fr
          ? {
              publicFundsBudgetYuan: fr.public_funds_budget_yuan,
              benchmarkPerStudentYuan: fr.public_funds_benchmark_per_student_yuan,
              teacherTrainingYuan: fr.teacher_training_yuan,
              sources: refs(rawSource('school_funds', fr.batch_id, `school_funds ${s.code}/${year}`)),
            }
          : null,
        sources: refs(rawSource('schools', s.batch_id, `schools ${s.code}`)),
      };
    });
    const edu = education[i][0] as Record<string, any> | undefined;
    const cs = pay[i][0] as Record<string, any> | undefined;
    const sv = surveys[i][0] as Record<string, any> | undefined;
    raw.set(code, {
      districtCode: code,
      districtName: district.name,
      year,
      schools: schoolFacts,
      civilServantPay: cs ? { averageAnnualPayYuan: cs.average_annual_pay_yuan, sources: refs(rawSource('civil_servant_pay', cs.batch_id, `civil_servant_pay ${code}/${year}`)) } : null,
      education: edu
        ? {
            totalStudents: edu.total_students,
            juniorRetentionRate: edu.junior_retention_rate,
            disabledEnrolmentRate: edu.disabled_enrolment_rate,
            catchmentRatePrimary: edu.catchment_rate_primary,
            catchmentRateJunior: edu.catchment_rate_junior,
            qualityHsQuotaRate: edu.quality_hs_quota_rate,
            migrantPublicRate: edu.migrant_public_rate,
            sources: refs(rawSource('district_education', edu.batch_id, `district_education ${code}/${year}`)),
          }
        : null,
      ratings: (ratings[i] as Record<string, any>[]).map((r) => ({
        indicator: r.indicator,
        met: r.met,
        note: r.note,
        sources: refs(rawSource('ratings', r.batch_id, `ratings ${code}/${year}/${r.indicator}`)),
      })),
      survey: sv ? { respondents: sv.respondents, satisfied: sv.satisfied, sources: refs(rawSource('surveys', sv.batch_id, `surveys ${code}/${year}`)) } : null,
      qualityMonitoring: (quality[i] as Record<string, any>[]).map((q) => ({
        schoolCode: q.school_code,
        subject: q.subject,
        grade: q.grade,
        studentsTested: q.students_tested,
        meanScore: q.mean_score,
        scoreVariance: q.score_variance,
        level3PlusRate: q.level3_plus_rate,
        sources: refs(rawSource('quality_monitoring', q.batch_id, `quality_monitoring ${q.school_code}/${year}/${q.subject}/${q.grade}`)),
      })),
      basicBalancePassedYear: district.basicBalanceYear ?? null,
    });
  });

  // One lookup of every batch the facts came from, to name department and file in the evidence.
  const resolve = await resolveSources(ctx, pending.map((p) => p.ref));
  for (const { ref, into } of pending) into.push(resolve(ref));
  return raw;
}

/**
 * Evaluations and their facts, kept across requests, keyed by the departmental data version they were computed
 * from: an import changes the key, so a stale entry is never served.
 *
 * Scope: an entry belongs to one district and is computed from all of that district's rows; it is only ever
 * looked up for a district the viewer's own (row-level-secured) query has already returned, and a district
 * officer may read all of their district's rows, so every viewer who reaches an entry may see all of it.
 *
 * Weighed in schools, and emptied when the data version changes (only the current version is worth keeping).
 * Measured at city scale (5,000 schools): a year's facts take ~28 MB and a year's evaluations ~62 MB of heap, so
 * these budgets hold about one year of facts and 1.7 years of evaluations in ~130 MB, leaving room under the
 * server's 384 MB heap for a cold city evaluation (~150 MB while it runs) and the response cache.
 */
const FACTS_CACHE_SCHOOLS = 6_000;
export const EVALUATION_CACHE_SCHOOL_PARTS = 10_000;
const factsCache = new LruCache<DistrictFacts>(FACTS_CACHE_SCHOOLS, (f) => f.schools.length);
// Weighed by the school parts it judged, with or without data: a year without statistics counts no school
// (schoolCount 0) yet holds a NO_DATA rule and seven blockers for each, and weighed 1 it let a dozen such years pile up.
const evaluationCache = new LruCache<DistrictEvaluationResult>(EVALUATION_CACHE_SCHOOL_PARTS, (e) =>
  e.resourceAllocation.reduce((n, stage) => n + Math.max(stage.schoolCount, stage.schoolRules.length), 0),
);

/**
 * The figures a city-wide query keeps of each district (projection.ts), by data version, year, district and the
 * query's shape, weighed by their estimated bytes. A province's figures-only answer keeps ~30,000 school parts in
 * ~20–30 MB this way, where the evaluation cache above holds a third of their full results (D123). 32 MiB.
 */
const FIGURES_CACHE_BYTES = 32 * 1024 * 1024;
const figuresCache = new LruCache<{ value: DistrictEvaluationResult; bytes: number }>(FIGURES_CACHE_BYTES, (e) => e.bytes);

/** Cache statistics, for the benchmark and the logs. */
export function evaluationCacheStats() {
  const stats = <V>(c: LruCache<V>) => ({ entries: c.size, weight: c.weight, hits: c.hits, misses: c.misses });
  return { facts: stats(factsCache), evaluations: stats(evaluationCache), figures: stats(figuresCache), computed: { ...computed } };
}

/** Districts whose facts were gathered and evaluations computed (not served from the caches), since start. */
const computed = { facts: 0, evaluations: 0, abandoned: 0 };

/**
 * Cold work — gathering a year's facts, evaluating its districts — runs for one (request, year) at a time in the
 * process, each request's years taking turns with the others' (D31): twenty years asked in one query, or by twenty
 * clients at once, no longer hold twenty years of facts and results in the heap together. Cache hits never wait.
 */
const coldGate = new FairGate();
const requestIds = new WeakMap<object, number>();
let nextRequestId = 0;
function coldWork(ctx: Context, year: number, work: () => Promise<void>): Promise<void> {
  // The request is identified by its own loaders (a client-chosen x-request-id could be shared by two requests).
  let id = requestIds.get(ctx.loaders);
  if (id === undefined) requestIds.set(ctx.loaders, (id = nextRequestId++));
  // A request that ended while it waited for its turn does not start.
  return coldGate.run(`${id}|${year}`, String(id), () => {
    throwIfEnded(ctx);
    return work();
  });
}

/**
 * Stops a request's cold work at a district boundary once its transaction has ended (the client hung up, or the
 * request's time limit passed; D123): nothing computed after that could be read in its snapshot or answered.
 */
export function throwIfEnded(ctx: Context): void {
  if (!ctx.signal?.aborted) return;
  computed.abandoned += 1;
  throw new DomainError(ErrorCode.INTERNAL_SERVER_ERROR, msg('REQUEST_ENDED', {}));
}

/**
 * What a district's cached facts and evaluations are keyed by: its own data version (D101), so a delivery for one
 * district leaves the others' cached work valid. The caches' generation is the epoch (a TRUNCATE), not the data.
 */
async function versionsOf(ctx: Context): Promise<{ epoch: string; of: (code: string) => string }> {
  const versions = await readVersions(ctx.db, ctx.loaders.registry);
  return { epoch: versions.epoch, of: (code) => districtVersion(versions, code) };
}

/**
 * The facts of a district for a year: from the cache when this data version was seen before, else gathered
 * once per request for all districts asked for together. A district the viewer cannot see is null and never cached.
 */
function districtFacts(ctx: Context, code: string, year: number): Promise<DistrictFacts | null> {
  return ctx.loaders.registry
    // Not memoised for the request: the facts cache keeps them across requests, bounded (D31).
    .get<string, DistrictFacts | null>('compliance.facts', { year }, async (codes) => {
      const version = await versionsOf(ctx);
      factsCache.generation(version.epoch);
      const key = (c: string) => `${version.of(c)}|${year}|${c}`;
      const found = new Map<string, DistrictFacts>();
      const fromCache = (list: readonly string[]) => list.filter((c) => {
        const cached = factsCache.get(key(c));
        if (cached) found.set(c, cached);
        return !cached;
      });
      const missing = fromCache([...new Set(codes)]);
      if (missing.length) {
        await coldWork(ctx, year, async () => {
          const still = fromCache(missing); // another request may have gathered them meanwhile
          if (!still.length) return;
          computed.facts += still.length;
          for (const [c, f] of await gatherFacts(ctx, still, year)) {
            factsCache.set(key(c), f);
            found.set(c, f);
          }
        });
      }
      return codes.map((c) => found.get(c) ?? null);
    }, { memoise: false })
    .load(code);
}

/** Evaluations of the request, cached per (district, year, standard): a district asked twice is computed once. */
export async function districtEvaluation(ctx: Context, code: string, year: number, standard: StandardCode, store = true): Promise<DistrictEvaluationResult | null> {
  if (!standardOf(standard).schoolRule) {
    throw badInput('standard', msg('STANDARD_WITHOUT_VERDICT', { standard }));
  }
  return cachedEvaluation(ctx, code, year, standard, store);
}

/**
 * A district's evaluation from the data as it stood at `asOf` (可追溯): every dataset read as of then, evaluated by the
 * same engine. Not cached across requests (the caches are keyed by today's data version; an instant is its own key),
 * but batched over the districts of a request and taking its turn on the cold-work gate like any cold evaluation.
 */
export async function districtEvaluationAsOf(
  ctx: Context, code: string, year: number, standard: StandardCode, asOf: Date,
): Promise<DistrictEvaluationResult | null> {
  if (!standardOf(standard).schoolRule) {
    throw badInput('standard', msg('STANDARD_WITHOUT_VERDICT', { standard }));
  }
  return ctx.loaders.registry
    .get<string, DistrictEvaluationResult | null>('compliance.evaluationAsOf', { year, standard, asOf: asOf.toISOString() }, async (codes) => {
      const found = new Map<string, DistrictEvaluationResult>();
      await coldWork(ctx, year, async () => {
        for (const [c, f] of await gatherFacts(ctx, [...new Set(codes)], year, asOf)) {
          await yieldToEventLoop();
          throwIfEnded(ctx);
          found.set(c, withPricingContext(evaluateDistrict(f, standard), { year, asOf }));
        }
      });
      return codes.map((c) => found.get(c) ?? null);
    })
    .load(code);
}

/** Marks every school rule of a result with what prices it (its year, and the instant for an as-of evaluation). */
function withPricingContext(result: DistrictEvaluationResult, context: PricingContext): DistrictEvaluationResult {
  setPricingContext(result, context);
  for (const stage of result.resourceAllocation) {
    setPricingContext(stage, context);
    for (const r of [...stage.schoolRules, ...stage.failingSchools]) setPricingContext(r, context);
  }
  return result;
}

/** `store` false: served from the cache when there, but not kept (a sweep larger than the cache, D123). */
function cachedEvaluation(ctx: Context, code: string, year: number, standard: StandardCode, store: boolean): Promise<DistrictEvaluationResult | null> {
  return ctx.loaders.registry
    // Not memoised for the request either: a query over many years must not hold every year's results (D31).
    .get<string, DistrictEvaluationResult | null>('compliance.evaluation', { year, standard, ...(store ? {} : { store }) }, async (codes) => {
      const version = await versionsOf(ctx);
      evaluationCache.generation(version.epoch);
      const key = (c: string) => `${version.of(c)}|${year}|${standard}|${c}`;
      const found = new Map<string, DistrictEvaluationResult>();
      const fromCache = (list: readonly string[]) => list.filter((c) => {
        const cached = evaluationCache.get(key(c));
        if (cached) found.set(c, cached);
        return !cached;
      });
      const missing = fromCache([...new Set(codes)]);
      if (missing.length) {
        await coldWork(ctx, year, async () => {
          const still = fromCache(missing);
          const facts = await Promise.all(still.map((c) => districtFacts(ctx, c, year)));
          for (const [i, c] of still.entries()) {
            const f = facts[i];
            if (!f) continue;
            await yieldToEventLoop(); // one district at a time: other requests are served in between
            throwIfEnded(ctx); // ... and a request whose client has gone stops here (D123)
            const result = withPricingContext(evaluateDistrict(f, standard), { year, asOf: null });
            computed.evaluations += 1;
            if (store) evaluationCache.set(key(c), result);
            found.set(c, result);
          }
        });
      }
      return codes.map((c) => found.get(c) ?? null);
    }, { memoise: false })
    .load(code);
}

/**
 * A district's facts for a year as they stood at `asOf` (可追溯), for the per-school fields and basic-balance
 * monitoring as of then: gathered once per request for every district asked for together, so a page of schools as of
 * an instant costs the same handful of statements as one school. Kept for the request (a page's schools and their two
 * fields share them) but never across requests: the caches are keyed by today's data version. The query's cost
 * limit bounds how many (year, instant) pairs one request can hold.
 */
function districtFactsAsOf(ctx: Context, code: string, year: number, asOf: Date): Promise<DistrictFacts | null> {
  return ctx.loaders.registry
    .get<string, DistrictFacts | null>('compliance.factsAsOf', { year, asOf: asOf.toISOString() }, async (codes) => {
      const found = new Map<string, DistrictFacts>();
      await coldWork(ctx, year, async () => {
        for (const [c, f] of await gatherFacts(ctx, [...new Set(codes)], year, asOf)) found.set(c, f);
      });
      return codes.map((c) => found.get(c) ?? null);
    })
    .load(code);
}

/** Basic-balance monitoring of a district, from today's data or (with `asOf`) from the data as it stood then. */
export async function districtBasicBalance(ctx: Context, code: string, year: number, asOf?: Date): Promise<BasicBalanceResult | null> {
  const facts = await (asOf ? districtFactsAsOf(ctx, code, year, asOf) : districtFacts(ctx, code, year));
  return facts ? basicBalanceMonitoring(facts) : null;
}

/**
 * The facts of one school (from its district's facts), for the per-school fields; with `asOf`, as they stood then
 * (null when the school had not been delivered by then).
 */
export async function schoolFacts(ctx: Context, districtCode: string, schoolCode: string, year: number, asOf?: Date): Promise<SchoolFacts | null> {
  const facts = await (asOf ? districtFactsAsOf(ctx, districtCode, year, asOf) : districtFacts(ctx, districtCode, year));
  return facts?.schools.find((s) => s.code === schoolCode) ?? null;
}

/**
 * Districts evaluated together (their facts gathered in one set of statements), at most this many at a time: a city
 * (41 districts, ~5,000 schools) is one group, as before; a province (180 districts, 25,000 schools) five groups of
 * ~36 districts (~5,000 schools each), so a city-wide evaluation holds one group's facts and results at a time
 * (~150 MB at city scale, D31), never the province's (D123). Statements: 11 per group, the same for any group size.
 */
export const DISTRICTS_PER_GROUP = 42;

/**
 * Every visible district's evaluation for a year, group by group (above), each handed to `visit` as soon as its group
 * is computed (or found in the cache) and not kept here: what a caller keeps of it is all the request holds beyond
 * one group. Stops between groups, and between districts, when the request has ended.
 */
export async function eachDistrictEvaluation(
  ctx: Context, codes: readonly string[], year: number, asOf: Date | undefined,
  visit: (e: DistrictEvaluationResult) => void,
): Promise<void> {
  const groups = Math.ceil(codes.length / DISTRICTS_PER_GROUP);
  // More than one group (a province) does not fit the evaluation cache: kept, each group's results would only evict
  // the previous group's (a sweep through an LRU smaller than it never hits) while holding ~150 MB of full results and,
  // through their lazy evidence, their facts. Such a sweep reads the cache but does not fill it; what the query keeps
  // of each district has its own cache (cityEvaluation below).
  const store = groups <= 1;
  const evaluate = (c: string) => (asOf ? districtEvaluationAsOf(ctx, c, year, 'YJ2017', asOf) : districtEvaluation(ctx, c, year, 'YJ2017', store));
  const size = Math.ceil(codes.length / Math.max(groups, 1));
  for (let at = 0; at < codes.length; at += size) {
    throwIfEnded(ctx);
    for (const e of await Promise.all(codes.slice(at, at + size).map(evaluate))) if (e) visit(e);
  }
}

/**
 * The city's evaluation; `projection` (from the query's selection, projection.ts) keeps only what is asked of each
 * district, so a province-wide evaluation holds its answer's figures, not every district's full results (D123).
 */
export async function cityEvaluation(ctx: Context, year: number, asOf?: Date, projection: Projection | null = null) {
  const codes = await visibleDistrictCodes(ctx);
  const byCode = new Map<string, DistrictEvaluationResult>();
  // What a query keeps of each district, from today's data, is kept across requests too when it is plain figures
  // (no engine object kept whole), weighed in bytes: a province's figures fit where its full results do not (D123).
  const figures = projection && !asOf ? { version: await versionsOf(ctx), shape: projectionKey(projection) } : null;
  const figuresKey = (c: string) => `${figures!.version.of(c)}|${year}|${c}|${figures!.shape}`;
  let missing: readonly string[] = codes;
  if (figures) {
    figuresCache.generation(figures.version.epoch);
    missing = codes.filter((c) => {
      const hit = figuresCache.get(figuresKey(c));
      if (hit) byCode.set(c, hit.value);
      return !hit;
    });
  }
  await eachDistrictEvaluation(ctx, missing, year, asOf, (e) => {
    const held: Held = { bytes: 0, whole: false };
    const kept = project(e, projection, held);
    byCode.set(e.districtCode, kept);
    if (figures && !held.whole) figuresCache.set(figuresKey(e.districtCode), { value: kept, bytes: held.bytes });
  });
  const evaluations = codes.flatMap((c) => byCode.get(c) ?? []);
  const count = (v: DistrictEvaluationResult['verdict']) => evaluations.filter((e) => e.verdict === v).length;
  const city = {
    year,
    districts: evaluations,
    qualifiedCount: count('QUALIFIED'),
    notQualifiedCount: count('NOT_QUALIFIED'),
    insufficientDataCount: count('INSUFFICIENT_DATA'),
  };
  setPricingContext(city, { year, asOf: asOf ?? null });
  return city;
}

/**
 * Planned vs qualified per planned certification year, and the early warning (监测预警): districts planned to
 * pass by `year + 1`, not yet certified, whose evaluation for `year` is not QUALIFIED.
 */
export async function certificationProgress(ctx: Context, year: number) {
  const codes = await visibleDistrictCodes(ctx);
  const districts = (await ctx.loaders.districts.byCode().loadMany(codes)).filter((d): d is District => d instanceof District);
  // Group by group, keeping each district's verdict and blockers only (D123).
  const evaluations = new Map<string, Pick<DistrictEvaluationResult, 'verdict' | 'blockers'>>();
  await eachDistrictEvaluation(ctx, districts.map((d) => d.code), year, undefined, (e) => {
    evaluations.set(e.districtCode, { verdict: e.verdict, blockers: e.blockers });
  });
  const years = [...new Set(districts.map((d) => d.plannedCertificationYear))].sort((a, b) => a - b);
  const plannedYears = years.map((plannedYear) => {
    const planned = districts.filter((d) => d.plannedCertificationYear === plannedYear);
    return {
      plannedYear,
      plannedCount: planned.length,
      qualifiedOnDataCount: planned.filter((d) => evaluations.get(d.code)?.verdict === 'QUALIFIED').length,
      certifiedCount: planned.filter((d) => d.certified).length,
      districtCodes: planned.map((d) => d.code),
    };
  });
  const earlyWarnings = districts
    .filter((d) => !d.certified && d.plannedCertificationYear <= year + 1)
    .map((d) => ({ district: d, evaluation: evaluations.get(d.code) }))
    .filter(({ evaluation }) => evaluation && evaluation.verdict !== 'QUALIFIED')
    .map(({ district, evaluation }) => ({
      year,
      districtCode: district.code,
      plannedCertificationYear: district.plannedCertificationYear,
      verdict: evaluation!.verdict,
      blockers: evaluation!.blockers,
    }))
    .sort((a, b) => a.plannedCertificationYear - b.plannedCertificationYear || a.districtCode.localeCompare(b.districtCode));
  return { year, plannedYears, earlyWarnings };
}
