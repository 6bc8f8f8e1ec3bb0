// Deterministic synthetic data for every dataset of the data contract (DOMAIN §4), in its column names.
//
//   for (const { dataset, row } of generate({ scale: 'demo' })) …
//
// Rows stream dataset by dataset in DATASET_ORDER (an order in which every reference points backwards).
// Only the districts and schools (≤ 25,000) and one year's teacher rosters are held in memory.
import { basicBalanceYear, buildDistricts, DESIGNED, provinceDistrictSeed, readDistrictSeed, Row } from './districts';
import { districtEducationRows, qualityMonitoringRows } from './education';
import { educationExpenditureRows, schoolFundsRows, transferPaymentRows, unitCostRows } from './finance';
import { buildSchools, schoolRows, schoolStatsRows } from './schools';
import { civilServantPayRows, teacherPostingRows, World } from './staffing';
import { ratingRows, supervisionVisitRows, surveyRows } from './supervision';

export { DESIGNED, readDistrictSeed };
export type { Row };

export type DatasetName =
  | 'districts' | 'schools' | 'school_stats' | 'district_education' | 'teacher_postings' | 'civil_servant_pay'
  | 'education_expenditure' | 'school_funds' | 'transfer_payments' | 'quality_monitoring' | 'ratings' | 'surveys'
  | 'supervision_visits' | 'unit_costs';

export interface GeneratorOptions {
  /** demo: 1,500 schools; city: 5,000 (the 41 districts); province: ~25,000 schools in ~180 districts. */
  scale: 'demo' | 'city' | 'province';
  seed?: number;
}

export const DEFAULT_SEED = DESIGNED.seed;

/** Contract columns (DOMAIN §4) in contract order, key columns first. */
export const DATASET_COLUMNS: Record<DatasetName, string[]> = {
  districts: ['code', 'name', 'kind', 'planned_certification_year', 'certified', 'certified_year', 'basic_balance_year'],
  schools: ['school_code', 'name', 'district_code', 'school_type', 'location', 'boarding', 'ownership'],
  school_stats: ['school_code', 'year', 'stage', 'students', 'classes', 'max_class_size', 'teaching_aux_area_m2',
    'sports_area_m2', 'equipment_value_yuan', 'multimedia_rooms', 'music_rooms', 'music_room_min_area_m2', 'art_rooms',
    'art_room_min_area_m2'],
  district_education: ['district_code', 'year', 'total_students', 'junior_retention_rate', 'disabled_enrolment_rate',
    'catchment_rate_primary', 'catchment_rate_junior', 'quality_hs_quota_rate', 'migrant_public_rate'],
  teacher_postings: ['teacher_id', 'year', 'school_code', 'stage', 'subject', 'degree', 'backbone_level', 'certified',
    'training_hours_5y', 'annual_pay_yuan', 'rotation_eligible', 'rotated', 'full_time'],
  civil_servant_pay: ['district_code', 'year', 'average_annual_pay_yuan'],
  education_expenditure: ['district_code', 'year', 'basis', 'general_budget_education_yuan'],
  school_funds: ['school_code', 'year', 'public_funds_budget_yuan', 'public_funds_benchmark_per_student_yuan', 'teacher_training_yuan'],
  transfer_payments: ['district_code', 'year', 'program', 'amount_yuan'],
  quality_monitoring: ['school_code', 'year', 'subject', 'grade', 'students_tested', 'mean_score', 'score_variance', 'level3_plus_rate'],
  ratings: ['district_code', 'year', 'indicator', 'met', 'note'],
  surveys: ['district_code', 'year', 'respondents', 'satisfied'],
  supervision_visits: ['visit_id', 'school_code', 'visited_on', 'finding', 'status', 'rectified_on'],
  unit_costs: ['year', 'item', 'stage', 'amount_yuan', 'unit', 'note'],
};

/** Key columns of each dataset (unique per dataset). */
export const DATASET_KEYS: Record<DatasetName, string[]> = {
  districts: ['code'],
  schools: ['school_code'],
  school_stats: ['school_code', 'year', 'stage'],
  district_education: ['district_code', 'year'],
  teacher_postings: ['teacher_id', 'year'],
  civil_servant_pay: ['district_code', 'year'],
  education_expenditure: ['district_code', 'year', 'basis'],
  school_funds: ['school_code', 'year'],
  transfer_payments: ['district_code', 'year', 'program'],
  quality_monitoring: ['school_code', 'year', 'subject', 'grade'],
  ratings: ['district_code', 'year', 'indicator'],
  surveys: ['district_code', 'year'],
  supervision_visits: ['visit_id'],
  unit_costs: ['year', 'item', 'stage'],
};

export const DATASET_DEPARTMENT: Record<DatasetName, 'planning' | 'education' | 'finance' | 'staffing' | 'supervision'> = {
  districts: 'planning',
  schools: 'education',
  school_stats: 'education',
  district_education: 'education',
  teacher_postings: 'staffing',
  civil_servant_pay: 'staffing',
  education_expenditure: 'finance',
  school_funds: 'finance',
  transfer_payments: 'finance',
  quality_monitoring: 'education',
  ratings: 'supervision',
  surveys: 'supervision',
  supervision_visits: 'supervision',
  unit_costs: 'finance',
};

export const DATASET_ORDER: DatasetName[] = Object.keys(DATASET_COLUMNS) as DatasetName[];

export function* generate(options: GeneratorOptions): Generator<{ dataset: DatasetName; row: Row }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const seedRows = options.scale === 'province' ? provinceDistrictSeed(seed) : readDistrictSeed();
  const districts = buildDistricts(seedRows);
  const world: World = { seed, districts, schools: buildSchools(districts, options.scale, seed), teacherPay: new Map() };

  const sources: Record<DatasetName, () => Iterable<Row>> = {
    districts: () => seedRows.map((r, i) => ({ ...r, basic_balance_year: r.basic_balance_year || basicBalanceYear(districts[i]!) })),
    schools: () => schoolRows(world.schools),
    school_stats: () => schoolStatsRows(world.schools),
    district_education: () => districtEducationRows(world),
    teacher_postings: () => teacherPostingRows(world),
    civil_servant_pay: () => civilServantPayRows(world),
    education_expenditure: () => educationExpenditureRows(world),
    school_funds: () => schoolFundsRows(world),
    transfer_payments: () => transferPaymentRows(world),
    quality_monitoring: () => qualityMonitoringRows(world),
    ratings: () => ratingRows(world),
    surveys: () => surveyRows(world),
    supervision_visits: () => supervisionVisitRows(world),
    unit_costs: () => unitCostRows(),
  };
  for (const dataset of DATASET_ORDER) {
    const columns = DATASET_COLUMNS[dataset];
    for (const row of sources[dataset]()) {
      // emit exactly the contract columns, in order
      const out: Row = {};
      for (const c of columns) {
        const value = row[c];
        if (value === undefined) throw new Error(`${dataset}: no value for column ${c}`);
        out[c] = value;
      }
      yield { dataset, row: out };
    }
  }
}
