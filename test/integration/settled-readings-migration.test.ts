import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';

/**
 * Existing data survives migration SettledReadings: postings become full-time, districts keep their rows without a
 * basic-balance year, and every quality-monitoring row gets the grade of its school's stage (primary and teaching
 * points 4, every other type 8). Reverting drops the columns and keeps the rows.
 */
let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
});
afterAll(async () => {
  // Leave the schema fully migrated for the next test file, whatever happened here.
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
});

const MIGRATION = 'SettledReadings1796300000000';

async function revertThrough(name: string): Promise<void> {
  for (;;) {
    const applied: { name: string }[] = await ds.query(`SELECT name FROM migrations ORDER BY id DESC`);
    if (!applied.some((m) => m.name === name)) return;
    await ds.undoLastMigration({ transaction: 'each' });
  }
}

test('rows delivered before the new columns are kept, with the grade backfilled from the school type', async () => {
  await revertThrough(MIGRATION);
  await ds.query(`INSERT INTO import_batch (id, department, dataset, file_name, sha256, status, loaded_by)
                  VALUES (1, 'planning', 'districts', 'd.csv', repeat('1', 64), 'succeeded', 'seed')`);
  await ds.query(`INSERT INTO districts (code, name, kind, planned_certification_year, certified, batch_id) VALUES ('500106', '沙坪坝区', 'district', 2025, false, 1)`);
  const types = { P: 'primary', T: 'teaching_point', J: 'junior', C: 'complete_secondary', N: 'nine_year', W: 'twelve_year' };
  for (const [code, type] of Object.entries(types)) {
    await ds.query(`INSERT INTO schools (code, name, district_code, school_type, location, boarding, ownership, batch_id) VALUES ($1, $2, '500106', $3, 'urban', false, 'public', 1)`, [code, `学校${code}`, type]);
    await ds.query(`INSERT INTO quality_monitoring (school_code, year, subject, students_tested, mean_score, score_variance, level3_plus_rate, batch_id)
                    VALUES ($1, 2024, 'mathematics', 30, 500, 2500, 0.8, 1)`, [code]);
  }
  await ds.query(`INSERT INTO teacher_postings (teacher_id, year, school_code, stage, subject, degree, backbone_level, certified, training_hours_5y, annual_pay_yuan, rotation_eligible, rotated, batch_id)
                  VALUES ('T1', 2024, 'P', 'primary', 'pe', 'bachelor', 'none', true, 400, 120000, false, false, 1)`);

  await ds.runMigrations({ transaction: 'each' });
  const grades = await ds.query(`SELECT school_code, grade FROM quality_monitoring ORDER BY school_code`);
  expect(Object.fromEntries(grades.map((r: { school_code: string; grade: number }) => [r.school_code, r.grade]))).toEqual({ C: 8, J: 8, N: 8, P: 4, T: 4, W: 8 });
  expect(await ds.query(`SELECT teacher_id, full_time FROM teacher_postings`)).toEqual([{ teacher_id: 'T1', full_time: true }]);
  expect(await ds.query(`SELECT code, basic_balance_year FROM districts`)).toEqual([{ code: '500106', basic_balance_year: null }]);
  // The new key takes the second grade of a nine-year school's subject; the CHECK refuses a grade not monitored.
  await ds.query(`INSERT INTO quality_monitoring (school_code, year, subject, grade, students_tested, mean_score, score_variance, level3_plus_rate, batch_id)
                  VALUES ('N', 2024, 'mathematics', 4, 30, 480, 2500, 0.7, 1)`);
  await expect(ds.query(`INSERT INTO quality_monitoring (school_code, year, subject, grade, students_tested, mean_score, score_variance, level3_plus_rate, batch_id)
                  VALUES ('P', 2024, 'chinese', 6, 30, 480, 2500, 0.7, 1)`)).rejects.toThrow(/quality_monitoring_grade_check/);

  // Reverting keeps one row per old key (the grade-4 row that joined a grade-8 one goes) and drops the columns.
  await revertThrough(MIGRATION);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM quality_monitoring`);
  expect(n).toBe(6);
  const columns = await ds.query(`SELECT table_name, column_name FROM information_schema.columns
                                  WHERE column_name IN ('grade', 'full_time', 'basic_balance_year') AND table_schema = 'public'`);
  expect(columns).toEqual([]);
});
