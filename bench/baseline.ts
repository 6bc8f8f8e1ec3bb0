// The SQL baseline of the city evaluation: the best hand-written SQL (plus a few lines of JS for the CVs) that
// computes the verdict's resource-allocation figures and the teacher-based G indicators for every district, used as
// the floor the hub's cityEvaluation is compared with, and checked against the hub's own figures.
//
// Covered (per year, all districts, YJ2017):
//   per school and stage (the counted parts: 参评学校 rules of src/compliance/scope.ts): students, R1–R7 values and
//   the school rule (校校达标) status — MET / NOT_MET / NO_DATA, decided exactly in numeric;
//   per district and stage: the number of counted schools, the number meeting the rule, the seven student-weighted
//   CVs (差异系数), undefined (null) with a missing value, fewer than two schools or a zero mean;
//   per district: G08 (teacher pay vs civil servants), G09 (360 training hours), G11 (rotation and its backbone
//   share), G12 (certificates) — value and status.
// Not covered: G03–G07, G13–G15, Q, S, V, the verdict and blockers, shortfalls, messages and evidence (sources).
// It reads as the table owner, without the hub's row-level security and request transaction.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { indicatorDef, RESOURCE_CODES, standardOf, thresholdOf } from '../src/compliance/standards';
import { teacherCountParams } from '../src/staffing/teacher-counts';

export const BASELINE_COVERS =
  'per school and stage the counted parts, R1–R7 and the school-rule status; per district and stage the school count, the schools meeting the rule and the seven student-weighted CVs; per district G08, G09, G11, G12 (value and status). Not G03–G07, G13–G15, Q, S, V, verdict, blockers, shortfalls, messages or evidence; no row-level security.';

type Stage = 'primary' | 'junior';
type Status = 'MET' | 'NOT_MET' | 'NO_DATA';

export interface PartFigures { districtCode: string; schoolCode: string; stage: Stage; students: number | null; r: (number | null)[]; status: Status }
export interface StageFigures { districtCode: string; stage: Stage; schoolCount: number; schoolsMeetingRule: number; cvs: (number | null)[] }
export interface GFigures { districtCode: string; code: 'G08' | 'G09' | 'G11' | 'G12'; status: Status; value: number | null }
export interface BaselineFigures { parts: PartFigures[]; stages: StageFigures[]; g: GFigures[]; sqlPartsMs: number; sqlGMs: number; jsMs: number }

const STD = standardOf('YJ2017');
const PER = RESOURCE_CODES.map((c) => indicatorDef(STD, c).per ?? 1);
const THRESHOLDS: Record<Stage, number[]> = {
  primary: RESOURCE_CODES.map((c) => indicatorDef(STD, c).thresholds.primary!),
  junior: RESOURCE_CODES.map((c) => indicatorDef(STD, c).thresholds.junior!),
};
/** The numerators of R1–R7, as SQL over the part's columns (teacher counts are null for a school without postings). */
const AMOUNTS = ['above', 'backbone', 'pe_arts', 'teaching_aux_area_m2', 'sports_area_m2', 'equipment_value_yuan', 'multimedia_rooms'];

/**
 * One statement: teacher counts per school and stage (one scan of the year's postings), the counted parts, R1–R7 as
 * doubles and the school rule decided exactly (amount × per ≥ threshold × students; far below = under 85 %).
 */
function partsSql(): string {
  const k = AMOUNTS.map((a, i) => ({ a: `p.${a}`, per: PER[i], i: i + 1 }));
  const thr = (i: number) => `(CASE p.stage WHEN 'primary' THEN ($6::numeric[])[${i}] ELSE ($7::numeric[])[${i}] END)`;
  const met = (x: (typeof k)[number]) => `(${x.a}::numeric * ${x.per} >= ${thr(x.i)} * p.students)`;
  const far = (x: (typeof k)[number]) => `(${x.a}::numeric * ${x.per} < $9::numeric * ${thr(x.i)} * p.students)`;
  const sum = (cond: (x: (typeof k)[number]) => string) => k.map((x) => `(${cond(x)})::int`).join(' + ');
  return `
WITH tc AS MATERIALIZED (
  SELECT school_code, stage,
         count(*) FILTER (WHERE (stage = 'primary' AND degree = ANY($2)) OR (stage = 'junior' AND degree = ANY($3))) AS above,
         count(*) FILTER (WHERE backbone_level = ANY($4)) AS backbone,
         count(*) FILTER (WHERE subject = ANY($5) AND full_time) AS pe_arts
    FROM teacher_postings WHERE year = $1 GROUP BY school_code, stage
),
posted AS (SELECT DISTINCT school_code FROM tc),
p AS (
  SELECT s.district_code, s.code AS school_code, g.stage, st.students,
         st.teaching_aux_area_m2, st.sports_area_m2, st.equipment_value_yuan, st.multimedia_rooms,
         CASE WHEN ps.school_code IS NULL THEN NULL ELSE coalesce(tc.above, 0) END AS above,
         CASE WHEN ps.school_code IS NULL THEN NULL ELSE coalesce(tc.backbone, 0) END AS backbone,
         CASE WHEN ps.school_code IS NULL THEN NULL ELSE coalesce(tc.pe_arts, 0) END AS pe_arts
    FROM schools s
    JOIN (VALUES ('primary'), ('junior')) AS g(stage)
      ON (g.stage = 'primary' AND s.school_type IN ('primary', 'teaching_point', 'nine_year', 'twelve_year'))
      OR (g.stage = 'junior' AND s.school_type IN ('junior', 'complete_secondary', 'nine_year', 'twelve_year'))
    LEFT JOIN school_stats st ON st.school_code = s.code AND st.year = $1 AND st.stage = g.stage
    LEFT JOIN posted ps ON ps.school_code = s.code
    LEFT JOIN tc ON tc.school_code = s.code AND tc.stage = g.stage
   WHERE st.students IS DISTINCT FROM 0
     AND (s.school_type <> 'teaching_point' OR st.students IS NULL OR st.students >= $8)
),
judged AS (
  SELECT p.*,
         ${sum((x) => `${x.a} IS NULL OR p.students IS NULL`)} AS no_data,
         ${sum((x) => `coalesce(NOT ${met(x)}, false)`)} AS not_met,
         ${sum((x) => `coalesce(${far(x)}, false)`)} AS far_below
    FROM p
)
SELECT district_code, school_code, stage, students,
       ${k.map((x) => `(${x.a}::float8 * ${x.per} / students) AS r${x.i}`).join(',\n       ')},
       CASE WHEN not_met > $10 OR far_below > 0 THEN 'NOT_MET' WHEN no_data > 0 THEN 'NO_DATA' ELSE 'MET' END AS status
  FROM judged p`;
}

/**
 * Per district: the teacher aggregates of G08, G09, G11, G12 and the civil servants' pay, with exact decisions, over
 * the schools counted for R1–R7 ($9, from the parts statement; DOMAIN §2.3): G09 all their postings, G12 their
 * full-time teachers, G08 and G11 the public schools' postings only.
 */
const G_SQL = `
SELECT t.*, c.average_annual_pay_yuan IS NOT NULL AS has_cs,
       CASE WHEN t.pub_teachers > 0 THEN (t.pub_pay_total / t.pub_teachers)::float8 END AS g08_value,
       t.pub_pay_total >= c.average_annual_pay_yuan * $4::numeric * t.pub_teachers AS g08_met,
       t.trained >= $5::numeric * t.teachers AS g09_met,
       t.certified >= $6::numeric * t.full_time AS g12_met,
       t.eligible > 0 AND t.rotated >= $7::numeric * t.eligible AND t.rotated > 0 AND t.rotated_backbone >= $8::numeric * t.rotated AS g11_met
  FROM (SELECT s.district_code, count(*) AS teachers, count(*) FILTER (WHERE tp.full_time) AS full_time,
               count(*) FILTER (WHERE s.ownership = 'public') AS pub_teachers,
               sum(tp.annual_pay_yuan) FILTER (WHERE s.ownership = 'public') AS pub_pay_total,
               count(*) FILTER (WHERE tp.training_hours_5y >= $2) AS trained,
               count(*) FILTER (WHERE tp.certified AND tp.full_time) AS certified,
               count(*) FILTER (WHERE tp.rotation_eligible AND s.ownership = 'public') AS eligible,
               count(*) FILTER (WHERE tp.rotated AND s.ownership = 'public') AS rotated,
               count(*) FILTER (WHERE tp.rotated AND s.ownership = 'public' AND tp.backbone_level = ANY($3)) AS rotated_backbone
          FROM teacher_postings tp JOIN schools s ON s.code = tp.school_code
         WHERE tp.year = $1 AND tp.school_code = ANY($9::text[]) GROUP BY s.district_code) t
  LEFT JOIN civil_servant_pay c ON c.district_code = t.district_code AND c.year = $1`;

function partsParams(year: number): unknown[] {
  const t = teacherCountParams();
  const rule = STD.schoolRule!;
  return [year, t.primaryDegrees, t.juniorDegrees, t.backbone, t.peArts, THRESHOLDS.primary, THRESHOLDS.junior,
    STD.scope.teachingPointMinStudents, rule.minShareOfThreshold, rule.ofIndicators - rule.minIndicatorsMet];
}

function gParams(year: number): unknown[] {
  const g = (code: string, key: string) => thresholdOf(indicatorDef(STD, code), key);
  return [year, g('G09', 'trainingHours'), teacherCountParams().backbone, g('G08', 'minShareOfCivilServantPay'), g('G09', 'minShare'),
    g('G12', 'minShare'), g('G11', 'minRotatedShare'), g('G11', 'minBackboneShareOfRotated')];
}

/** Student-weighted CV (DOMAIN §2.2) in doubles; null when a value is missing, with < 2 schools, or a zero mean. */
export function weightedCv(points: { x: number | null; p: number }[]): number | null {
  let n = 0;
  let sp = 0;
  let spx = 0;
  for (const { x, p } of points) {
    if (x === null) return null;
    if (p <= 0) continue;
    n += 1;
    sp += p;
    spx += p * x;
  }
  if (n < 2 || spx === 0) return null;
  const mean = spx / sp;
  let ss = 0;
  for (const { x, p } of points) if (p > 0) ss += p * (x! - mean) ** 2;
  return Math.sqrt(ss / sp) / mean;
}

/** The baseline's figures for a year: two statements on one connection, then the CVs in JS. */
export async function baselineFigures(client: pg.Client, year: number): Promise<BaselineFigures> {
  const t0 = performance.now();
  const partsResult = await client.query(partsSql(), partsParams(year));
  const t1 = performance.now();
  const counted = [...new Set(partsResult.rows.map((row) => row.school_code as string))];
  const gResult = await client.query(G_SQL, [...gParams(year), counted]);
  const t2 = performance.now();

  const parts: PartFigures[] = partsResult.rows.map((row) => ({
    districtCode: row.district_code, schoolCode: row.school_code, stage: row.stage, students: row.students,
    r: [row.r1, row.r2, row.r3, row.r4, row.r5, row.r6, row.r7], status: row.status,
  }));
  const groups = new Map<string, PartFigures[]>();
  for (const p of parts) {
    const key = `${p.districtCode}/${p.stage}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(p);
  }
  const stages: StageFigures[] = [...groups.entries()].map(([key, list]) => {
    const [districtCode, stage] = key.split('/') as [string, Stage];
    return {
      districtCode, stage, schoolCount: list.length,
      schoolsMeetingRule: list.filter((p) => p.status === 'MET').length,
      cvs: RESOURCE_CODES.map((_, i) => (list.some((p) => p.students === null) ? null : weightedCv(list.map((p) => ({ x: p.r[i]!, p: p.students! }))))),
    };
  });
  const g: GFigures[] = [];
  for (const row of gResult.rows) {
    const teachers = Number(row.teachers);
    const ratio = (a: unknown, b: number) => (b > 0 ? Number(a) / b : null);
    const st = (met: boolean | null): Status => (met === null ? 'NO_DATA' : met ? 'MET' : 'NOT_MET');
    const fullTime = Number(row.full_time);
    const publicTeachers = Number(row.pub_teachers);
    g.push({ districtCode: row.district_code, code: 'G08', status: publicTeachers > 0 && row.has_cs ? st(row.g08_met) : 'NO_DATA', value: row.g08_value });
    g.push({ districtCode: row.district_code, code: 'G09', status: teachers > 0 ? st(row.g09_met) : 'NO_DATA', value: ratio(row.trained, teachers) });
    g.push({ districtCode: row.district_code, code: 'G11', status: publicTeachers > 0 && Number(row.eligible) > 0 ? st(row.g11_met) : 'NO_DATA', value: publicTeachers > 0 ? ratio(row.rotated, Number(row.eligible)) : null });
    g.push({ districtCode: row.district_code, code: 'G12', status: fullTime > 0 ? st(row.g12_met) : 'NO_DATA', value: ratio(row.certified, fullTime) });
  }
  const t3 = performance.now();
  return { parts, stages, g, sqlPartsMs: t1 - t0, sqlGMs: t2 - t1, jsMs: t3 - t2 };
}

// ---- agreement with the hub ----------------------------------------------------------------------------------

export interface Agreement {
  agree: boolean;
  compared: { schoolParts: number; rValues: number; ruleStatuses: number; districtStages: number; cvs: number; schoolsMeetingRule: number; gIndicators: number };
  /** Largest absolute difference seen between a reported (4-decimal) hub figure and the baseline's. */
  maxCvDiff: number;
  maxRDiff: number;
  mismatches: string[];
}

const TOLERANCE = 1.5e-4; // the hub reports 4 decimals; the baseline's doubles are rounded here
const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);
const close = (a: number | null, b: number | null, tol = TOLERANCE) => (a === null || b === null ? a === b : Math.abs(a - b) <= tol * Math.max(1, Math.abs(a)));

/** Compares the baseline's figures with the hub's evaluations (DISTRICT_FIGURES of every district). */
export function compareWithHub(evaluations: any[], base: BaselineFigures): Agreement {
  const mismatches: string[] = [];
  const miss = (m: string) => mismatches.length < 20 && mismatches.push(m);
  const compared = { schoolParts: 0, rValues: 0, ruleStatuses: 0, districtStages: 0, cvs: 0, schoolsMeetingRule: 0, gIndicators: 0 };
  let maxCvDiff = 0;
  let maxRDiff = 0;
  const partOf = new Map(base.parts.map((p) => [`${p.schoolCode}/${p.stage}`, p]));
  const stageOf = new Map(base.stages.map((s) => [`${s.districtCode}/${s.stage}`, s]));
  const gOf = new Map(base.g.map((g) => [`${g.districtCode}/${g.code}`, g]));
  const seenParts = new Set<string>();
  for (const d of evaluations) {
    for (const a of d.resourceAllocation as any[]) {
      const stage = a.stage.toLowerCase() as Stage;
      const s = stageOf.get(`${d.districtCode}/${stage}`);
      compared.districtStages += 1;
      if (!s) {
        if (a.schoolCount > 0) miss(`${d.districtCode} ${stage}: hub has ${a.schoolCount} schools, the baseline none`);
        continue;
      }
      if (s.schoolCount !== a.schoolCount) miss(`${d.districtCode} ${stage}: schoolCount hub ${a.schoolCount} vs baseline ${s.schoolCount}`);
      compared.schoolsMeetingRule += 1;
      if (s.schoolsMeetingRule !== a.schoolsMeetingRule) miss(`${d.districtCode} ${stage}: schoolsMeetingRule hub ${a.schoolsMeetingRule} vs baseline ${s.schoolsMeetingRule}`);
      for (const sp of a.spread as any[]) {
        const i = RESOURCE_CODES.indexOf(sp.code.replace('CV_', ''));
        const b = round4(s.cvs[i] ?? null);
        compared.cvs += 1;
        if (sp.cv !== null && b !== null) maxCvDiff = Math.max(maxCvDiff, Math.abs(sp.cv - b));
        if (!close(sp.cv, b)) miss(`${d.districtCode} ${stage} ${sp.code}: hub ${sp.cv} vs baseline ${b}`);
      }
      for (const r of a.schoolRules as any[]) {
        const key = `${r.schoolCode}/${stage}`;
        seenParts.add(key);
        const p = partOf.get(key);
        compared.schoolParts += 1;
        if (!p) {
          miss(`${key}: counted by the hub, not by the baseline`);
          continue;
        }
        compared.ruleStatuses += 1;
        if (p.status !== r.status) miss(`${key}: school rule hub ${r.status} vs baseline ${p.status}`);
        for (const ind of r.indicators as any[]) {
          const i = RESOURCE_CODES.indexOf(ind.code);
          const b = round4(p.r[i] ?? null);
          compared.rValues += 1;
          if (ind.value !== null && b !== null) maxRDiff = Math.max(maxRDiff, Math.abs(ind.value - b));
          if (!close(ind.value, b)) miss(`${key} ${ind.code}: hub ${ind.value} vs baseline ${b}`);
        }
      }
    }
    for (const gi of d.governmentGuarantee as any[]) {
      if (!['G08', 'G09', 'G11', 'G12'].includes(gi.code)) continue;
      const b = gOf.get(`${d.districtCode}/${gi.code}`);
      compared.gIndicators += 1;
      const status = b?.status ?? 'NO_DATA';
      if (status !== gi.status) miss(`${d.districtCode} ${gi.code}: status hub ${gi.status} vs baseline ${status}`);
      if (!close(gi.value, round4(b?.value ?? null))) miss(`${d.districtCode} ${gi.code}: value hub ${gi.value} vs baseline ${round4(b?.value ?? null)}`);
    }
  }
  for (const key of partOf.keys()) if (!seenParts.has(key)) miss(`${key}: counted by the baseline, not by the hub`);
  return { agree: mismatches.length === 0, compared, maxCvDiff, maxRDiff, mismatches };
}
