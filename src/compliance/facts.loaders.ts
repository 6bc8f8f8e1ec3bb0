import { EntityManager } from 'typeorm';
import { LoaderRegistry } from '../graphql/loader-registry';
import { teacherCountParams } from '../staffing/teacher-counts';
import { asOfRelation } from '../ingestion/as-of';
import { queryBeside } from '../db/request-scope';

/**
 * Raw inputs of the evaluation, per district and year, each batched over all districts of a request so that
 * a city evaluation is a fixed handful of set-based queries (teachers are counted in SQL, never loaded).
 * Every row carries its `batch_id` for the evidence.
 */
export interface SchoolRow { code: string; name: string; school_type: string; location: string; ownership: string; boarding: boolean; district_code: string; batch_id: string }
export interface StatRow {
  school_code: string; stage: string; students: number; classes: number; max_class_size: number; teaching_aux_area_m2: string;
  sports_area_m2: string; equipment_value_yuan: string; multimedia_rooms: number; music_rooms: number; music_room_min_area_m2: string | null;
  art_rooms: number; art_room_min_area_m2: string | null; batch_id: string; district_code: string;
}
/** The postings of one school, stage and delivery (batch) for the year, counted as R1–R3 and G08–G12 count them. */
export interface TeacherGroupRow {
  district_code: string; school_code: string; stage: string; batch_id: string; total: number; above: number; backbone: number; pe_arts: number;
  full_time: number; pay_total: string; trained: number; certified_full_time: number; eligible: number; rotated: number; rotated_backbone: number;
}
export interface FundsRow { school_code: string; public_funds_budget_yuan: string; public_funds_benchmark_per_student_yuan: string; teacher_training_yuan: string; batch_id: string; district_code: string }
export interface KeyedRow { district_code: string; batch_id: string; [column: string]: unknown }

/** `asOf` (ISO-8601): read every table as it stood at that instant (可追溯); absent, the live tables. */
type Params = { year: number; asOf?: string };
type AsOf = { asOf?: string };

/** The table itself, or (as of an instant) the same table rebuilt from its live rows and history. */
function rel(table: string, p: AsOf & { year?: number }): string {
  return p.asOf ? asOfRelation(table, new Date(p.asOf), { year: p.year }) : table;
}

function grouped<T extends { district_code: string }>(codes: readonly string[], rows: T[]): T[][] {
  const map = new Map<string, T[]>(codes.map((c) => [c, []]));
  for (const r of rows) map.get(r.district_code)?.push(r);
  return codes.map((c) => map.get(c) ?? []);
}

export function createFactsLoaders(db: EntityManager, registry: LoaderRegistry) {
  const byDistrict = <T extends { district_code: string }>(
    name: string, params: object, sql: string, extra: (p: any) => unknown[] = () => [], run: (sql: string, params: unknown[]) => Promise<T[]> = (q, v) => db.query(q, v),
  ) =>
    // Raw rows, read once per batch by gatherFacts and not kept for the request (D31).
    registry.get<string, T[]>(`facts.${name}`, params, async (codes) => grouped(codes, await run(sql, [codes, ...extra(params)])), { memoise: false });

  return {
    schools: (p: AsOf = {}) =>
      byDistrict<SchoolRow>('schools', p, `SELECT code, name, school_type, location, ownership, boarding, district_code, batch_id FROM ${rel('schools', p)} schools WHERE district_code = ANY($1) ORDER BY code`),
    stats: (p: Params) =>
      byDistrict<StatRow>('stats', p,
        `SELECT st.*, s.district_code FROM ${rel('school_stats', p)} st JOIN ${rel('schools', p)} s ON s.code = st.school_code
          WHERE s.district_code = ANY($1) AND st.year = $2 ORDER BY st.school_code, st.stage`, (q: Params) => [q.year]),
    /**
     * Every teacher figure in one scan of the year's postings, per school, stage and delivery (batch): for R1–R3 (per
     * school and stage: postings, those above the minimum degree, county+ backbone, full-time PE/arts — R3 counts 专任
     * only) and for G08–G12 (per school: pay, training, certificates of full-time teachers, rotation; which schools
     * G08–G12 count, public or all, in scope, is the engine's decision, DOMAIN §2.3). gatherFacts adds the stages and
     * deliveries up; one hashed GROUP BY without DISTINCT instead of two aggregates of the same rows (D119).
     */
    teachers: (p: Params & { trainingHours: number }) =>
      byDistrict<TeacherGroupRow>('teachers', p,
        `SELECT s.district_code, tp.school_code, tp.stage, tp.batch_id::text AS batch_id, count(*)::int AS total,
                count(*) FILTER (WHERE (tp.stage = 'primary' AND tp.degree = ANY($3)) OR (tp.stage = 'junior' AND tp.degree = ANY($4)))::int AS above,
                count(*) FILTER (WHERE tp.backbone_level = ANY($5))::int AS backbone,
                count(*) FILTER (WHERE tp.subject = ANY($6) AND tp.full_time)::int AS pe_arts,
                count(*) FILTER (WHERE tp.full_time)::int AS full_time,
                sum(tp.annual_pay_yuan)::text AS pay_total,
                count(*) FILTER (WHERE tp.training_hours_5y >= $7)::int AS trained,
                count(*) FILTER (WHERE tp.certified AND tp.full_time)::int AS certified_full_time,
                count(*) FILTER (WHERE tp.rotation_eligible)::int AS eligible,
                count(*) FILTER (WHERE tp.rotated)::int AS rotated,
                count(*) FILTER (WHERE tp.rotated AND tp.backbone_level = ANY($5))::int AS rotated_backbone
           FROM ${rel('teacher_postings', p)} tp JOIN ${rel('schools', p)} s ON s.code = tp.school_code
          WHERE s.district_code = ANY($1) AND tp.year = $2
          GROUP BY s.district_code, tp.school_code, tp.stage, tp.batch_id`,
        (q: Params & { trainingHours: number }) => {
          const t = teacherCountParams();
          return [q.year, t.primaryDegrees, t.juniorDegrees, t.backbone, t.peArts, q.trainingHours];
        },
        // The longest read of the facts: on a second connection in the request's snapshot, beside the others (D119).
        (q, v) => queryBeside(db, q, v)),
    funds: (p: Params) =>
      byDistrict<FundsRow>('funds', p,
        `SELECT f.school_code, f.public_funds_budget_yuan, f.public_funds_benchmark_per_student_yuan, f.teacher_training_yuan, f.batch_id, s.district_code
           FROM ${rel('school_funds', p)} f JOIN ${rel('schools', p)} s ON s.code = f.school_code WHERE s.district_code = ANY($1) AND f.year = $2`, (q: Params) => [q.year]),
    qualityMonitoring: (p: Params) =>
      byDistrict<KeyedRow>('qualityMonitoring', p,
        `SELECT q.*, s.district_code FROM ${rel('quality_monitoring', p)} q JOIN ${rel('schools', p)} s ON s.code = q.school_code
          WHERE s.district_code = ANY($1) AND q.year = $2 ORDER BY q.subject, q.grade, q.school_code`, (q: Params) => [q.year]),
    /** One row per district of a district-keyed dataset for the year. */
    districtRows: (table: 'district_education' | 'civil_servant_pay' | 'ratings' | 'surveys', p: Params) =>
      byDistrict<KeyedRow>(`districtRows.${table}`, p, `SELECT * FROM ${rel(table, p)} ${table} WHERE district_code = ANY($1) AND year = $2`, (q: Params) => [q.year]),
    /** The districts as they stood at an instant (name, basic-balance year), for an evaluation as of then. */
    districtsAsOf: (p: Required<AsOf>) =>
      byDistrict<KeyedRow & { code: string; name: string; basic_balance_year: number | null }>('districtsAsOf', p,
        `SELECT d.*, d.code AS district_code FROM ${rel('districts', p)} d WHERE d.code = ANY($1)`),
  };
}
