import { getDataset } from '../../../src/ingestion/datasets';
import { ImportProblem, ProblemLog, describeProblem } from '../../../src/ingestion/problems';
import { msg, render } from '../../../src/messages';

const first = (problems: ImportProblem[]) => render(problems[0].problem, 'en');
const en = (p: ImportProblem) => ({ rowNumber: p.rowNumber, column: p.column, value: p.value, reason: render(p.problem, 'en') });
import { RowValidator, checkHeader } from '../../../src/ingestion/validate';

const validate = (dataset: string, values: Record<string, string>, rowNumber = 2) => {
  const problems = new ProblemLog();
  const out = new RowValidator(getDataset(dataset)).validate({ rowNumber, values }, problems);
  return { out, problems: problems.sorted() };
};

const posting = (overrides: Record<string, string> = {}) => ({
  teacher_id: 'T1', year: '2024', school_code: 'S1', stage: 'primary', subject: 'pe', degree: 'bachelor', backbone_level: 'none',
  certified: 'true', training_hours_5y: '360', annual_pay_yuan: '120000.00', rotation_eligible: 'false', rotated: 'false',
  ...overrides,
});

describe('header', () => {
  test('extra columns are fine; a missing required column is named, with the likely culprit', () => {
    const def = getDataset('surveys');
    expect(checkHeader(def, ['district_code', 'year', 'respondents', 'satisfied', 'remarks'])).toEqual([]);
    expect(checkHeader(def, ['district_code', 'Year', 'respondents']).map(en)).toEqual([
      { rowNumber: 1, column: 'year', value: null, reason: 'the required column year is missing from the header (is "Year" meant to be year?)' },
      { rowNumber: 1, column: 'satisfied', value: null, reason: 'the required column satisfied is missing from the header' },
    ]);
  });

  test('optional columns may be left out; a known column twice is refused', () => {
    const def = getDataset('districts');
    expect(checkHeader(def, ['code', 'name', 'kind', 'planned_certification_year', 'certified'])).toEqual([]);
    expect(checkHeader(def, ['code', 'name', 'kind', 'planned_certification_year', 'certified', 'name']).map(en)).toEqual([
      { rowNumber: 1, column: 'name', value: 'name', reason: 'the column appears twice in the header' },
    ]);
  });
});

describe('rows', () => {
  test('canonical values in column order, trimmed', () => {
    const { out, problems } = validate('teacher_postings', posting({ degree: ' bachelor ', certified: 'TRUE' }));
    expect(problems).toEqual([]);
    // full_time is absent from the row: its default, true
    expect(out).toEqual(['T1', '2024', 'S1', 'primary', 'pe', 'bachelor', 'none', 'true', '360', '120000.00', 'false', 'false', 'true']);
  });

  test('full_time: empty is true, false is kept, anything else is not a boolean', () => {
    const at = getDataset('teacher_postings').columns.findIndex((c) => c.name === 'full_time');
    expect(validate('teacher_postings', posting({ full_time: '' })).out![at]).toBe('true');
    expect(validate('teacher_postings', posting({ full_time: 'FALSE' })).out![at]).toBe('false');
    expect(validate('teacher_postings', posting({ full_time: '否' })).problems.map(en)).toEqual([
      { rowNumber: 2, column: 'full_time', value: '否', reason: '"否" is not true or false' },
    ]);
  });

  test('quality monitoring: grade 4 or 8 only; 6 is refused with its own message, 9 as out of range', () => {
    const row = (grade: string) => ({ school_code: 'S1', year: '2024', subject: 'mathematics', grade, students_tested: '30', mean_score: '500', score_variance: '2500', level3_plus_rate: '0.8' });
    expect(validate('quality_monitoring', row('4')).problems).toEqual([]);
    expect(validate('quality_monitoring', row('８')).problems).toEqual([]);
    const six = validate('quality_monitoring', row('6')).problems;
    expect(six.map((p) => p.problem.code)).toEqual(['IMPORT_GRADE_NOT_MONITORED']);
    expect(render(six[0].problem, 'zh-CN')).toBe('年级为 6：国家义务教育质量监测只测四年级和八年级，grade 须为 4 或 8');
    expect(validate('quality_monitoring', row('9')).problems.map((p) => p.column)).toEqual(['grade']);
    expect(validate('quality_monitoring', row('')).problems.map((p) => p.problem.code)).toEqual(['IMPORT_VALUE_REQUIRED']);
  });

  test('every bad cell of a row is reported', () => {
    const { out, problems } = validate('teacher_postings', posting({ degree: 'Bachelor', year: '20x4', rotated: 'maybe' }), 4812);
    expect(out).toBeNull();
    expect(problems.map((p) => describeProblem('teacher_postings.csv', p, 'en'))).toEqual([
      'teacher_postings.csv row 4,812, column year: "20x4" is not a whole number',
      'teacher_postings.csv row 4,812, column degree: "Bachelor" is not one of postgraduate, bachelor, associate, secondary, other',
      'teacher_postings.csv row 4,812, column rotated: "maybe" is not true or false',
    ]);
  });

  test('a teacher who rotated must be eligible', () => {
    const { problems } = validate('teacher_postings', posting({ rotated: 'true' }));
    expect(problems.map(en)).toEqual([{ rowNumber: 2, column: 'rotated', value: 'true', reason: 'rotated is true but rotation_eligible is false' }]);
    expect(validate('teacher_postings', posting({ rotated: 'true', rotation_eligible: 'true' })).problems).toEqual([]);
  });

  test('satisfied respondents cannot outnumber respondents', () => {
    const { problems } = validate('surveys', { district_code: '500101', year: '2024', respondents: '100', satisfied: '120' });
    expect(render(problems[0].problem, 'en')).toBe('120 satisfied is more than the 100 respondents');
  });

  test('a rectified visit has its date, an open one has none, never before the visit', () => {
    const visit = { visit_id: 'V1', school_code: 'S1', visited_on: '2024-03-01', finding: 'x' };
    expect(first(validate('supervision_visits', { ...visit, status: 'rectified', rectified_on: '' }).problems)).toBe(
      'status is rectified but rectified_on is empty',
    );
    expect(first(validate('supervision_visits', { ...visit, status: 'open', rectified_on: '2024-04-01' }).problems)).toBe(
      'rectified_on is 2024-04-01 but status is open',
    );
    expect(first(validate('supervision_visits', { ...visit, status: 'rectified', rectified_on: '2024-02-01' }).problems)).toBe(
      'rectified_on 2024-02-01 is before visited_on 2024-03-01',
    );
    expect(validate('supervision_visits', { ...visit, status: 'rectified', rectified_on: '2024-03-01' }).problems).toEqual([]);
  });

  test('a certified year for a district not certified is a contradiction', () => {
    const d = { code: 'X', name: 'x', kind: 'district', planned_certification_year: '2026' };
    expect(first(validate('districts', { ...d, certified: 'false', certified_year: '2025' }).problems)).toBe(
      'certified_year is 2025 but certified is false',
    );
    expect(validate('districts', { ...d, certified: 'true', certified_year: '' }).problems).toEqual([]);
  });

  test('a CSV row wider than its header is flagged (an unquoted comma)', () => {
    const problems = new ProblemLog();
    new RowValidator(getDataset('surveys')).validate(
      { rowNumber: 3, values: { district_code: '500101', year: '2024', respondents: '1', satisfied: '1' }, overflow: true },
      problems,
    );
    expect(describeProblem('surveys.csv', problems.kept[0], 'en')).toBe(
      'surveys.csv row 3: the row has more cells than the header: is a value containing a comma missing its quotes?',
    );
  });

  test('the problem log keeps the first ones and counts them all', () => {
    const log = new ProblemLog(2);
    for (let r = 2; r < 7; r++) log.add({ rowNumber: r, column: 'x', value: null, problem: msg('IMPORT_VALUE_REQUIRED', {}) });
    log.add({ rowNumber: 6, column: 'y', value: null, problem: msg('IMPORT_VALUE_REQUIRED', {}) });
    expect(log.kept).toHaveLength(2);
    expect(log.total).toBe(6);
    expect(log.rejectedRows).toBe(5);
  });
});
