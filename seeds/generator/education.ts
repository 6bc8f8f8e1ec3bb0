// District education figures and national quality monitoring (education department).
import { DISTRICT_YEARS, District, Row, SCHOOL_YEARS } from './districts';
import { clamp, dec2, int, rate4 } from './format';
import { Rng } from './random';
import type { World } from './staffing';

/** [column, pass range (by 2024), fail range] — DOMAIN §2 thresholds: Q01, Q02, G13 (×2), G14, G15. */
const RATES: Array<[string, [number, number], [number, number]]> = [
  ['junior_retention_rate', [0.962, 0.995], [0.915, 0.947]],
  ['disabled_enrolment_rate', [0.962, 0.99], [0.88, 0.945]],
  ['catchment_rate_primary', [1, 1], [0.975, 0.996]],
  ['catchment_rate_junior', [0.962, 0.995], [0.9, 0.945]],
  ['quality_hs_quota_rate', [0.512, 0.62], [0.38, 0.49]],
  ['migrant_public_rate', [0.862, 0.97], [0.75, 0.845]],
];

/** Compulsory-stage students of a district, per SCHOOL_YEARS index. */
export function compulsoryStudents(world: World, d: District): number[] {
  const sums = SCHOOL_YEARS.map(() => 0);
  for (const s of world.schools) {
    if (s.district !== d) continue;
    for (const p of s.parts) p.students.forEach((n, i) => (sums[i] += n));
  }
  return sums;
}

/** total_students (all levels, so larger than compulsory) per DISTRICT_YEARS index. */
export function districtTotals(world: World, d: District): number[] {
  const rng = new Rng(world.seed, 'district-total', d.code);
  const allLevels = rng.float(1.38, 1.52);
  const compulsory = compulsoryStudents(world, d);
  return DISTRICT_YEARS.map((year) => {
    const yi = year - SCHOOL_YEARS[0];
    if (yi >= 0) return Math.round(compulsory[yi] * allLevels);
    return Math.round((compulsory[0] * allLevels) / d.trend ** -yi * (1 + clamp(rng.normal(0, 0.003), -0.006, 0.006)));
  });
}

export function* districtEducationRows(world: World): Generator<Row> {
  for (const d of world.districts) {
    const rng = new Rng(world.seed, 'district-education', d.code);
    const totals = districtTotals(world, d);
    const failChance = d.strong ? 0 : 0.3 * (1 - d.strength);
    const base = RATES.map(([, pass, fail]) => (rng.chance(failChance) ? rng.float(...fail) : rng.float(...pass)));
    for (let k = 0; k < DISTRICT_YEARS.length; k++) {
      const year = DISTRICT_YEARS[k];
      const row: Row = { district_code: d.code, year: String(year), total_students: int(totals[k]) };
      RATES.forEach(([column], i) => {
        row[column] = rate4(base[i] === 1 ? 1 : base[i] - 0.002 * (2024 - year));
      });
      yield row;
    }
  }
}

const SUBJECTS = ['mathematics', 'chinese', 'science'];

/** Standard normal CDF (Abramowitz & Stegun 7.1.26). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Junior schools (grade 8) and about a third of primary-only schools (grade 4); means around 500. */
export function* qualityMonitoringRows(world: World): Generator<Row> {
  for (const d of world.districts) {
    const rng = new Rng(world.seed, 'quality', d.code);
    const districtMean = d.strong ? 520 : 500 + 40 * (d.strength - 0.5);
    const betweenSd = d.strong ? 12 : 15 + 40 * (1 - d.strength);
    for (const s of world.schools) {
      if (s.district !== d || s.type === 'special' || s.type === 'teaching_point') continue;
      const part = s.parts.find((p) => p.stage === 'junior') ?? (rng.chance(0.33) ? s.parts[0] : undefined);
      const effect = rng.normal(0, betweenSd);
      const withinSd = rng.float(80, 100);
      if (!part) continue;
      for (let yi = 0; yi < SCHOOL_YEARS.length; yi++) {
        const cohort = Math.round(part.students[yi] / (part.stage === 'junior' ? 3 : 6));
        for (const subject of SUBJECTS) {
          const mean = districtMean + effect + rng.normal(0, 4);
          const sd = withinSd * rng.float(0.95, 1.05);
          yield {
            school_code: s.code, year: String(SCHOOL_YEARS[yi]), subject, grade: part.stage === 'junior' ? '8' : '4',
            students_tested: int(Math.max(1, Math.min(cohort, rng.int(30, 40)))),
            mean_score: dec2(mean), score_variance: dec2(sd * sd), level3_plus_rate: rate4(phi((mean - 450) / sd)),
          };
        }
      }
    }
  }
}
