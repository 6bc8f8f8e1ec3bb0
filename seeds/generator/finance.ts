// Education expenditure, school public funds and transfer payments (finance department).
import { DESIGNED, DISTRICT_YEARS, has, Row, SCHOOL_YEARS } from './districts';
import { dec2 } from './format';
import { Rng } from './random';
import type { World } from './staffing';
import { districtTotals } from './education';

/**
 * General public budget education expenditure: 'final' for 2019–2023, 'budget' for 2024, plus budget rows
 * (usually below the final figure) for some earlier years. It never decreases, in total or per student
 * (all-levels enrolment), except the two designed district-years (DESIGNED.decreasingExpenditureDistrict
 * and DESIGNED.perStudentDecreaseDistrict).
 */
export function* educationExpenditureRows(world: World): Generator<Row> {
  for (const d of world.districts) {
    const rng = new Rng(world.seed, 'expenditure', d.code);
    const totals = districtTotals(world, d);
    const perStudent = { core: 24000, suburban: 19000, remote: 17000 }[d.tier] * rng.float(0.9, 1.1);
    const amounts = [totals[0] * perStudent];
    for (let k = 1; k < DISTRICT_YEARS.length; k++) {
      const year = DISTRICT_YEARS[k];
      const prev = amounts[k - 1];
      const keepPerStudent = (prev * totals[k]) / totals[k - 1];
      let next: number;
      if (d.code === DESIGNED.decreasingExpenditureDistrict && year === DESIGNED.decreasingExpenditureYear) {
        next = Math.max(prev * rng.float(0.982, 0.99), keepPerStudent * 1.003); // enrolment falls faster
      } else if (d.code === DESIGNED.perStudentDecreaseDistrict && year === DESIGNED.perStudentDecreaseYear) {
        next = prev * 1.01; // enrolment grows ~4%
      } else {
        next = Math.max(prev * rng.float(1.03, 1.08), keepPerStudent * 1.005, prev * 1.005);
      }
      amounts.push(next);
    }
    for (let k = 0; k < DISTRICT_YEARS.length; k++) {
      const year = DISTRICT_YEARS[k];
      const row = (basis: string, amount: number): Row => ({
        district_code: d.code, year: String(year), basis, general_budget_education_yuan: dec2(amount),
      });
      if (year === 2024) {
        yield row('budget', amounts[k]);
        continue;
      }
      yield row('final', amounts[k]);
      if (d.code === DESIGNED.decreasingExpenditureDistrict && year === DESIGNED.decreasingExpenditureYear) {
        yield row('budget', amounts[k - 1] * rng.float(1.02, 1.04)); // the budget promised an increase
      } else if (rng.chance(0.35)) {
        yield row('budget', amounts[k] * rng.float(0.92, 0.99));
      }
    }
  }
}

const BENCHMARK: Record<string, [number, number]> = { primary: [650, 720], junior: [850, 940] }; // [2022, from 2023]
const SPECIAL_BENCHMARK = 6000;

/** Public funds per school and year; small village schools funded as if they had 100 students (G06). */
export function* schoolFundsRows(world: World): Generator<Row> {
  for (let yi = 0; yi < SCHOOL_YEARS.length; yi++) {
    for (const s of world.schools) {
      const rng = new Rng(world.seed, 'funds', s.code, yi);
      const d = s.district;
      const students = s.parts.reduce((n, p) => n + p.students[yi], 0);
      const benchmark = s.type === 'special' ? SPECIAL_BENCHMARK
        : s.parts.reduce((sum, p) => sum + p.students[yi] * BENCHMARK[p.stage][yi === 0 ? 0 : 1], 0) / students;
      let budget: number;
      if (s.type === 'special') {
        budget = students * SPECIAL_BENCHMARK * (has(DESIGNED.underfundedSpecialSchoolDistricts, d.code) ? rng.float(0.8, 0.92) : rng.float(1.02, 1.3));
      } else {
        const small = (s.type === 'teaching_point' || s.location === 'rural') && students < 100;
        const shortchanged = small && has(DESIGNED.underfundedSmallSchoolDistricts, d.code) && rng.chance(0.5);
        budget = (small && !shortchanged ? 100 : students) * benchmark * rng.float(1.0, 1.25);
      }
      const trainingShare = has(DESIGNED.lowTrainingSpendDistricts, d.code) && rng.chance(0.3) ? rng.float(0.03, 0.046) : rng.float(0.052, 0.08);
      yield {
        school_code: s.code, year: String(SCHOOL_YEARS[yi]), public_funds_budget_yuan: dec2(budget),
        public_funds_benchmark_per_student_yuan: dec2(benchmark), teacher_training_yuan: dec2(budget * trainingShare),
      };
    }
  }
}

export const TRANSFER_PROGRAMS = ['compulsory_education_guarantee', 'rural_teacher_subsidy', 'school_building_safety', 'nutrition_improvement'];

/** Municipal and central transfers per district, year and program (yuan). */
export function* transferPaymentRows(world: World): Generator<Row> {
  for (const d of world.districts) {
    const rng = new Rng(world.seed, 'transfers', d.code);
    const totals = districtTotals(world, d);
    for (let k = 0; k < DISTRICT_YEARS.length; k++) {
      const year = String(DISTRICT_YEARS[k]);
      const growth = 1.03 ** k;
      const programs: Array<[string, number]> = [
        ['compulsory_education_guarantee', totals[k] * rng.float(300, 600) * growth],
        ['school_building_safety', totals[k] * rng.float(50, 150)],
      ];
      if (d.tier !== 'core') programs.push(['rural_teacher_subsidy', totals[k] * rng.float(40, 120) * growth]);
      if (d.tier === 'remote' || d.strength < 0.5) programs.push(['nutrition_improvement', totals[k] * 0.4 * rng.float(800, 1000)]);
      programs.sort((a, b) => TRANSFER_PROGRAMS.indexOf(a[0]) - TRANSFER_PROGRAMS.indexOf(b[0]));
      for (const [program, amount] of programs) yield { district_code: d.code, year, program, amount_yuan: dec2(amount) };
    }
  }
}

/**
 * Unit costs (D117): the finance department's yearly employer cost of a teacher, for the teacher items (R1–R3) of
 * both stages, for the last two school years. The building items (R4, R5, R7) are left undelivered on purpose: the
 * demo shows delivered costs beside the hub's flagged defaults. Round figures, not a draw: they are a price table.
 */
export function* unitCostRows(): Generator<Row> {
  const base: Record<string, Record<string, number>> = {
    teacher_degree: { primary: 118000, junior: 128000 },
    teacher_backbone: { primary: 146000, junior: 157000 },
    teacher_pe_arts: { primary: 118000, junior: 128000 },
  };
  const years = SCHOOL_YEARS.slice(-2);
  for (const [k, year] of years.entries()) {
    for (const [item, byStage] of Object.entries(base)) {
      for (const [stage, amount] of Object.entries(byStage)) {
        // The later year's budget raised pay by 3%, to the hundred yuan.
        const yuan = k === 0 ? amount : Math.round((amount * 1.03) / 100) * 100;
        yield { year: String(year), item, stage, amount_yuan: dec2(yuan), unit: 'yuan_per_teacher_year', note: `${year}年度教师人员经费测算（示例数据）` };
      }
    }
  }
}
