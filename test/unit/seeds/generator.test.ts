import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  DATASET_COLUMNS, DATASET_DEPARTMENT, DATASET_KEYS, DATASET_ORDER, DatasetName, DESIGNED, generate,
  GeneratorOptions, readDistrictSeed, Row,
} from '../../../seeds/generator';
import { toCsvLine, writeDatasetFiles } from '../../../seeds/generator/csv';
import { buildDistricts, provinceDistrictSeed } from '../../../seeds/generator/districts';
import { parseCsvLine } from '../../../seeds/generator/format';
import { buildSchools } from '../../../seeds/generator/schools';

type Data = Record<DatasetName, Row[]>;

function collect(options: GeneratorOptions): Data {
  const data = Object.fromEntries(DATASET_ORDER.map((d) => [d, [] as Row[]])) as unknown as Data;
  for (const { dataset, row } of generate(options)) data[dataset].push(row);
  return data;
}

function digest(options: GeneratorOptions): string {
  const hash = createHash('sha256');
  for (const item of generate(options)) hash.update(JSON.stringify(item) + '\n');
  return hash.digest('hex');
}

const groupBy = <T>(items: T[], key: (t: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
};

// ---------------------------------------------------------------------------------------------------
// A compact reading of DOMAIN §2, only to check the designed verdicts of the synthetic data.
// ---------------------------------------------------------------------------------------------------
function checkContract(data: Data): void {
  const int = /^(0|[1-9]\d*)$/;
  const dec = /^(0|[1-9]\d*)\.\d{2}$/;
  const rate = /^[01]\.\d{4}$/;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const bool = /^(true|false)$/;
  const oneOf = (...values: string[]) => new RegExp(`^(${values.join('|')})$`);
  const formats: Partial<Record<string, RegExp>> = {
    year: /^20\d\d$/, planned_certification_year: /^20\d\d$/, certified_year: /^(20\d\d)?$/, basic_balance_year: /^(20\d\d)?$/,
    kind: oneOf('district', 'county', 'autonomous_county', 'functional_zone'),
    school_code: /^[0-9A-Z]{10}$/,
    school_type: oneOf('primary', 'junior', 'nine_year', 'twelve_year', 'complete_secondary', 'teaching_point', 'special'),
    location: oneOf('urban', 'town', 'rural'), ownership: oneOf('public', 'private'),
    boarding: bool, certified: bool, met: bool, rotation_eligible: bool, rotated: bool, full_time: bool, grade: oneOf('4', '8'),
    stage: oneOf('primary', 'junior'),
    degree: oneOf('postgraduate', 'bachelor', 'associate', 'secondary', 'other'),
    backbone_level: oneOf('none', 'school', 'county', 'city', 'province', 'national'),
    basis: oneOf('final', 'budget'), status: oneOf('open', 'rectified'),
    teacher_id: /^T[0-9a-f]{8}$/, visit_id: /^V20\d\d-\d{6}$/, visited_on: date, rectified_on: /^(\d{4}-\d{2}-\d{2})?$/,
    indicator: oneOf('G01', 'G02', 'G10', 'G15', 'Q03', 'Q05', 'Q06', 'Q07', 'Q08', 'V01', 'V02', 'V03'),
    subject: oneOf('chinese', 'mathematics', 'english', 'science', 'moral', 'pe', 'music', 'art', 'it', 'history',
      'geography', 'physics', 'chemistry', 'biology', 'politics'),
    music_room_min_area_m2: /^((0|[1-9]\d*)\.\d{2})?$/, art_room_min_area_m2: /^((0|[1-9]\d*)\.\d{2})?$/,
  };
  for (const c of ['students', 'classes', 'max_class_size', 'multimedia_rooms', 'music_rooms', 'art_rooms', 'total_students',
    'training_hours_5y', 'students_tested', 'respondents', 'satisfied']) formats[c] = int;
  for (const c of ['teaching_aux_area_m2', 'sports_area_m2', 'equipment_value_yuan', 'annual_pay_yuan', 'average_annual_pay_yuan',
    'general_budget_education_yuan', 'public_funds_budget_yuan', 'public_funds_benchmark_per_student_yuan', 'teacher_training_yuan',
    'amount_yuan', 'mean_score', 'score_variance']) formats[c] = dec;
  for (const c of ['junior_retention_rate', 'disabled_enrolment_rate', 'catchment_rate_primary', 'catchment_rate_junior',
    'quality_hs_quota_rate', 'migrant_public_rate', 'level3_plus_rate']) formats[c] = rate;
  formats.program = oneOf('compulsory_education_guarantee', 'rural_teacher_subsidy', 'school_building_safety', 'nutrition_improvement');

  for (const dataset of DATASET_ORDER) {
    const keys = new Set<string>();
    for (const row of data[dataset]) {
      for (const column of DATASET_COLUMNS[dataset]) {
        const format = formats[column];
        if (format && !format.test(row[column])) throw new Error(`${dataset}.${column} = '${row[column]}'`);
      }
      const key = DATASET_KEYS[dataset].map((c) => row[c]).join('|');
      if (keys.has(key)) throw new Error(`${dataset}: duplicate key ${key}`);
      keys.add(key);
    }
  }
  for (const row of [...data.district_education, ...data.quality_monitoring]) {
    for (const c of Object.keys(row)) if (formats[c] === rate) expect(Number(row[c])).toBeLessThanOrEqual(1);
  }

  // references
  const districts = new Set(data.districts.map((d) => d.code));
  const schools = new Map(data.schools.map((s) => [s.school_code, s]));
  for (const ds of ['schools', 'district_education', 'civil_servant_pay', 'education_expenditure', 'transfer_payments', 'ratings', 'surveys'] as const) {
    for (const r of data[ds]) if (!districts.has(r.district_code)) throw new Error(`${ds}: unknown district ${r.district_code}`);
  }
  for (const ds of ['school_stats', 'teacher_postings', 'school_funds', 'quality_monitoring', 'supervision_visits'] as const) {
    for (const r of data[ds]) if (!schools.has(r.school_code)) throw new Error(`${ds}: unknown school ${r.school_code}`);
  }
  for (const s of data.schools) expect(s.school_code.startsWith(s.district_code.padEnd(6, '0'))).toBe(true);
  expect(new Set(data.schools.map((s) => s.name)).size).toBe(data.schools.length);

  // school stages: stats rows exactly for the school's stages; teachers only in those stages
  const expected: Record<string, string> = {
    primary: 'primary', teaching_point: 'primary', junior: 'junior', complete_secondary: 'junior',
    nine_year: 'junior,primary', twelve_year: 'junior,primary', special: 'junior,primary',
  };
  const stages = groupBy(data.school_stats.filter((r) => r.year === '2022'), (r) => r.school_code);
  for (const s of data.schools) expect(stages.get(s.school_code)!.map((r) => r.stage).sort().join(',')).toBe(expected[s.school_type]);
  const statKeys = new Set(data.school_stats.map((r) => `${r.school_code}|${r.year}|${r.stage}`));
  for (const t of data.teacher_postings) {
    if (!statKeys.has(`${t.school_code}|${t.year}|${t.stage}`)) throw new Error(`teacher ${t.teacher_id} posted to ${t.school_code}/${t.stage}`);
    if (t.rotated === 'true' && t.rotation_eligible !== 'true') throw new Error(`teacher ${t.teacher_id} rotated but not eligible`);
  }

  // internal consistency
  for (const r of data.school_stats) {
    expect(Number(r.students)).toBeGreaterThan(0);
    expect(Number(r.classes)).toBeGreaterThan(0);
    expect(Number(r.max_class_size)).toBeGreaterThanOrEqual(Math.ceil(Number(r.students) / Number(r.classes)));
    expect(r.music_room_min_area_m2 === '').toBe(r.music_rooms === '0');
    expect(r.art_room_min_area_m2 === '').toBe(r.art_rooms === '0');
  }
  for (const r of data.surveys) expect(Number(r.satisfied)).toBeLessThanOrEqual(Number(r.respondents));
  for (const r of data.quality_monitoring) expect(Number(r.students_tested)).toBeGreaterThan(0);
  // grade 4 rows from primary-only schools, grade 8 from schools with a junior part
  const typeOf = new Map(data.schools.map((s) => [s.school_code, s.school_type]));
  for (const r of data.quality_monitoring) expect(r.grade).toBe(['primary', 'teaching_point'].includes(typeOf.get(r.school_code)!) ? '4' : '8');
  // some teachers are not full-time, never a PE or arts teacher (R3 stays as designed)
  const partTime = data.teacher_postings.filter((t) => t.full_time === 'false');
  expect(partTime.length).toBeGreaterThan(0);
  expect(partTime.length / data.teacher_postings.length).toBeLessThan(0.03);
  expect(partTime.some((t) => ['pe', 'music', 'art'].includes(t.subject))).toBe(false);
  for (const v of data.supervision_visits) {
    expect(v.rectified_on !== '').toBe(v.status === 'rectified');
    if (v.rectified_on) expect(v.rectified_on >= v.visited_on).toBe(true);
    for (const day of [v.visited_on, v.rectified_on].filter(Boolean)) expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day);
    expect(v.visit_id.slice(1, 5)).toBe(v.visited_on.slice(0, 4));
  }
}

// ---------------------------------------------------------------------------------------------------

describe('seed generator (demo scale, default seed)', () => {
  let data: Data;
  beforeAll(() => {
    data = collect({ scale: 'demo' });
  });

  test('is deterministic: same seed, same bytes; another seed, other data', () => {
    const first = digest({ scale: 'demo' });
    expect(digest({ scale: 'demo', seed: DESIGNED.seed })).toBe(first);
    expect(digest({ scale: 'demo', seed: 7 })).not.toBe(first);
  });

  test('streams datasets in DATASET_ORDER, each row with exactly the contract columns in order', () => {
    const seen: DatasetName[] = [];
    for (const { dataset, row } of generate({ scale: 'demo' })) {
      if (seen[seen.length - 1] !== dataset) seen.push(dataset);
      if (Object.keys(row).join() !== DATASET_COLUMNS[dataset].join()) throw new Error(`${dataset}: columns ${Object.keys(row)}`);
    }
    expect(seen).toEqual(DATASET_ORDER);
    expect(Object.keys(DATASET_DEPARTMENT).sort()).toEqual([...DATASET_ORDER].sort());
    expect(DATASET_DEPARTMENT.teacher_postings).toBe('staffing');
  });

  test('meets the demo size targets', () => {
    expect(data.districts).toHaveLength(41);
    expect(data.schools).toHaveLength(1500);
    const types = groupBy(data.schools, (s) => s.school_type);
    expect(types.get('primary')!.length).toBeGreaterThan(types.get('junior')!.length);
    for (const t of ['junior', 'nine_year', 'twelve_year', 'complete_secondary', 'teaching_point']) expect(types.get(t)!.length).toBeGreaterThan(20);
    expect(types.get('special')).toHaveLength(41);
    const privateShare = data.schools.filter((s) => s.ownership === 'private').length / data.schools.length;
    expect(privateShare).toBeGreaterThan(0.05);
    expect(privateShare).toBeLessThan(0.11);
    const points = new Set(types.get('teaching_point')!.map((s) => s.school_code));
    const pointStudents = data.school_stats.filter((r) => r.year === '2022' && points.has(r.school_code)).map((r) => Number(r.students));
    expect(pointStudents.some((n) => n < 50)).toBe(true);
    expect(pointStudents.some((n) => n >= 50)).toBe(true);
    for (const year of DESIGNED.schoolYears) {
      const postings = data.teacher_postings.filter((t) => t.year === String(year));
      expect(postings.length).toBeGreaterThan(55000);
      expect(postings.length).toBeLessThan(66000);
      const students = data.school_stats.filter((r) => r.year === String(year)).reduce((s, r) => s + Number(r.students), 0);
      expect(students / postings.length).toBeGreaterThan(14);
      expect(students / postings.length).toBeLessThan(18);
    }
    expect(new Set(data.school_stats.map((r) => r.year))).toEqual(new Set(['2022', '2023', '2024']));
    for (const ds of ['district_education', 'civil_servant_pay'] as const) expect(data[ds]).toHaveLength(41 * 6);
    expect(new Set(data.education_expenditure.map((r) => r.year)).size).toBe(6);
    expect(data.ratings).toHaveLength(41 * 3 * 12);
    expect(data.surveys).toHaveLength(41 * 3);
    expect(data.school_funds).toHaveLength(1500 * 3);
    expect(data.supervision_visits.length).toBeGreaterThan(200);
    expect(data.supervision_visits.length).toBeLessThan(600);
  });

  test('every row satisfies the data contract', () => {
    checkContract(data);
  });

  test('rows of another seed satisfy the data contract too', () => {
    checkContract(collect({ scale: 'demo', seed: 7 }));
  });

  test('teachers: stable pseudonyms, mostly staying, ~10–15% of eligible rotated in strong districts', () => {
    const byYear = (y: string) => new Map(data.teacher_postings.filter((t) => t.year === y).map((t) => [t.teacher_id, t]));
    const [a, b] = [byYear('2022'), byYear('2023')];
    let stayed = 0, same = 0;
    for (const [id, t] of b) {
      const before = a.get(id);
      if (!before) continue;
      stayed++;
      if (before.school_code === t.school_code) same++;
      else expect(t.rotated).toBe('true');
    }
    expect(stayed / b.size).toBeGreaterThan(0.93);
    expect(same / stayed).toBeGreaterThan(0.9);
    const pay = data.teacher_postings.map((t) => Number(t.annual_pay_yuan));
    expect(pay.reduce((a, b) => Math.min(a, b))).toBeGreaterThan(80000);
    expect(pay.reduce((a, b) => Math.max(a, b))).toBeLessThan(170000);
    const none = data.teacher_postings.filter((t) => t.backbone_level === 'none').length;
    expect(none / data.teacher_postings.length).toBeGreaterThan(0.6);
    const schools = new Map(data.schools.map((s) => [s.school_code, s.district_code]));
    for (const code of ['500106', '500108', 'LJXQ']) {
      const list = data.teacher_postings.filter((t) => t.year === '2023' && schools.get(t.school_code) === code);
      const rate = list.filter((t) => t.rotated === 'true').length / list.filter((t) => t.rotation_eligible === 'true').length;
      expect(rate).toBeGreaterThanOrEqual(0.1);
      expect(rate).toBeLessThan(0.17);
    }
  });

  test('two never-decrease: exactly the designed district-years decrease', () => {
    const amount = new Map<string, number>(); // final where delivered, else budget
    for (const r of data.education_expenditure) {
      const k = `${r.district_code}|${r.year}`;
      if (r.basis === 'final' || !amount.has(k)) amount.set(k, Number(r.general_budget_education_yuan));
    }
    const students = new Map(data.district_education.map((r) => [`${r.district_code}|${r.year}`, Number(r.total_students)]));
    const totalDrops: string[] = [];
    const perStudentDrops: string[] = [];
    for (const d of data.districts) {
      for (let year = 2020; year <= 2024; year++) {
        const [now, before] = [amount.get(`${d.code}|${year}`)!, amount.get(`${d.code}|${year - 1}`)!];
        if (now < before) totalDrops.push(`${d.code}|${year}`);
        if (now / students.get(`${d.code}|${year}`)! < before / students.get(`${d.code}|${year - 1}`)!) perStudentDrops.push(`${d.code}|${year}`);
      }
    }
    expect(totalDrops).toEqual([`${DESIGNED.decreasingExpenditureDistrict}|${DESIGNED.decreasingExpenditureYear}`]);
    expect(perStudentDrops).toEqual([`${DESIGNED.perStudentDecreaseDistrict}|${DESIGNED.perStudentDecreaseYear}`]);
    // the budget row of the decreasing year shows an increase: only final-over-budget reveals the drop
    const rows = data.education_expenditure.filter((r) => r.district_code === DESIGNED.decreasingExpenditureDistrict);
    const find = (year: number, basis: string) => Number(rows.find((r) => r.year === String(year) && r.basis === basis)!.general_budget_education_yuan);
    expect(find(2023, 'budget')).toBeGreaterThan(find(2022, 'final'));
    // every district: final 2019–2023, budget 2024, some earlier budget rows
    for (const d of data.districts) {
      const mine = data.education_expenditure.filter((r) => r.district_code === d.code);
      expect(mine.filter((r) => r.basis === 'final').map((r) => r.year)).toEqual(['2019', '2020', '2021', '2022', '2023']);
      expect(mine.some((r) => r.year === '2024' && r.basis === 'budget')).toBe(true);
    }
    expect(data.education_expenditure.filter((r) => r.basis === 'budget' && r.year !== '2024').length).toBeGreaterThan(10);
    const totals2022 = data.district_education.filter((r) => r.year === '2022').reduce((s, r) => s + Number(r.total_students), 0);
    const compulsory2022 = data.school_stats.filter((r) => r.year === '2022').reduce((s, r) => s + Number(r.students), 0);
    expect(totals2022 / compulsory2022).toBeGreaterThan(1.3);
    expect(totals2022 / compulsory2022).toBeLessThan(1.6);
  });

  test('music/art rooms under the minimum areas occur only in the designed districts', () => {
    const schools = new Map(data.schools.map((s) => [s.school_code, s.district_code]));
    const small = new Set(data.school_stats
      .filter((r) => (r.music_room_min_area_m2 && Number(r.music_room_min_area_m2) < 96) || (r.art_room_min_area_m2 && Number(r.art_room_min_area_m2) < 90))
      .map((r) => schools.get(r.school_code)!));
    expect([...small].sort()).toEqual([...DESIGNED.smallArtsRoomDistricts].sort());
  });
});

describe('seed generator (city scale)', () => {
  // Its speed is measured by bench/, not asserted here (a loaded machine is not a slow generator).
  test('5,000 schools and ~250,000 postings per school year', () => {
    const counts: Record<string, number> = {};
    const postings: Record<string, number> = {};
    for (const { dataset, row } of generate({ scale: 'city' })) {
      counts[dataset] = (counts[dataset] ?? 0) + 1;
      if (dataset === 'teacher_postings') postings[row.year] = (postings[row.year] ?? 0) + 1;
    }
    expect(counts.districts).toBe(41);
    expect(counts.schools).toBe(5000);
    for (const year of DESIGNED.schoolYears) {
      expect(postings[year]).toBeGreaterThan(230000);
      expect(postings[year]).toBeLessThan(270000);
    }
  }, 240_000);
});

describe('district seed and CSV writer', () => {
  test('readDistrictSeed gives the 41 districts in the contract columns', () => {
    const rows = readDistrictSeed();
    expect(rows).toHaveLength(41);
    for (const r of rows) expect(Object.keys(r)).toEqual(DATASET_COLUMNS.districts);
    expect(rows.filter((r) => r.certified === 'true').map((r) => r.code).sort()).toEqual(['500106', '500107', '500108', 'LJXQ']);
    expect(rows.every((r) => r.certified_year === '' && r.basic_balance_year === '')).toBe(true);
    expect(rows.find((r) => r.code === 'GXQ')).toMatchObject({ name: '重庆高新区', kind: 'functional_zone', planned_certification_year: '2022' });
  });

  test('province scale: the 41 seed districts and 139 generated counties, valid distinct 6-digit codes and names', () => {
    const rows = provinceDistrictSeed(DESIGNED.seed);
    expect(rows).toHaveLength(180);
    expect(rows.slice(0, 41)).toEqual(readDistrictSeed());
    const generated = rows.slice(41);
    // GB/T 2260 shape: province 59 (unassigned), prefecture 01–12, districts 01–20, counties 21–80, county-level city 81
    expect(generated.every((r) => /^59(0[1-9]|1[0-2])(0[1-9]|1\d|20|[2-7]\d|80|81)$/.test(r.code))).toBe(true);
    expect(new Set(rows.map((r) => r.code)).size).toBe(180);
    expect(new Set(rows.map((r) => r.name)).size).toBe(180);
    expect(generated.every((r) => /^[\u4e00-\u9fff]{2}[区县市]$/.test(r.name) && ['district', 'county'].includes(r.kind))).toBe(true);
    const schools = buildSchools(buildDistricts(rows), 'province', DESIGNED.seed);
    expect(schools).toHaveLength(25_000);
    expect(new Set(schools.map((s) => s.code)).size).toBe(25_000);
    expect(new Set(schools.map((s) => s.district.code)).size).toBe(180);
  });

  test('toCsvLine quotes per RFC 4180', () => {
    expect(toCsvLine(['a', '', '1.50'])).toBe('a,,1.50');
    expect(toCsvLine(['a,b', 'say "hi"', 'two\nlines'])).toBe('"a,b","say ""hi""","two\nlines"');
    expect(parseCsvLine(toCsvLine(['a,b', 'say "hi"', '沙坪坝区']))).toEqual(['a,b', 'say "hi"', '沙坪坝区']);
  });

  test('writeDatasetFiles writes one CSV per dataset with a header row', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-seeds-'));
    try {
      const counts = writeDatasetFiles(dir, { scale: 'demo' });
      for (const dataset of DATASET_ORDER) {
        const lines = fs.readFileSync(path.join(dir, `${dataset}.csv`), 'utf8').split('\r\n').filter((l) => l !== '');
        expect(parseCsvLine(lines[0])).toEqual(DATASET_COLUMNS[dataset]);
        expect(lines.length - 1).toBe(counts[dataset]);
        expect(counts[dataset]).toBeGreaterThan(0);
      }
      const schools = fs.readFileSync(path.join(dir, 'schools.csv'), 'utf8').split('\r\n');
      expect(parseCsvLine(schools[1])).toHaveLength(DATASET_COLUMNS.schools.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
