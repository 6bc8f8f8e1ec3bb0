// Writes seeds/examples/<dataset>.csv: a few rows of each dataset, taken unchanged from the demo data.
//
//   npx ts-node --transpile-only seeds/examples/make.ts
//
// The examples show every dataset's columns on real-looking rows (沙坪坝区, 开州区 and 两江新区, some of their schools,
// teachers, funds, ratings and visits), and because each row is the demo's own row for that key, importing them
// onto the demo (as the README invites) changes no figure and no verdict: every row comes back "unchanged".
// test/integration/ingestion/examples-on-demo.test.ts holds that; rerun this script when the generator changes.
import fs from 'node:fs';
import path from 'node:path';
import { datasets } from '../../src/ingestion/datasets';
import { toCsvLine } from '../generator/csv';
import { DatasetName, generate, Row } from '../generator';

const DISTRICTS = ['500106', '500154', 'LJXQ'];
const YEAR = '2024';
const SCHOOLS_PER_DISTRICT = 3;
const POSTINGS_PER_SCHOOL = 2;

/** Which demo rows become examples, given the schools already chosen. */
function wanted(dataset: DatasetName, row: Row, schools: Set<string>, counts: Map<string, number>): boolean {
  const once = (key: string, max: number) => {
    const n = counts.get(key) ?? 0;
    if (n >= max) return false;
    counts.set(key, n + 1);
    return true;
  };
  switch (dataset) {
    case 'districts':
      return DISTRICTS.includes(row.code);
    case 'schools':
      // Different kinds of school where the district has them: the first school of each type, up to three.
      return DISTRICTS.includes(row.district_code) && !counts.has(`type:${row.district_code}:${row.school_type}`) && once(`type:${row.district_code}:${row.school_type}`, 1) && once(`schools:${row.district_code}`, SCHOOLS_PER_DISTRICT);
    case 'school_stats':
    case 'school_funds':
      return schools.has(row.school_code) && row.year === YEAR;
    case 'quality_monitoring':
      return schools.has(row.school_code) && row.year === YEAR && once(`qm:${row.school_code}`, 1);
    case 'teacher_postings':
      return schools.has(row.school_code) && row.year === YEAR && once(`tp:${row.school_code}`, POSTINGS_PER_SCHOOL);
    case 'supervision_visits':
      return schools.has(row.school_code) && once('visits', 4);
    case 'education_expenditure':
      return DISTRICTS.includes(row.district_code) && (row.year === YEAR || row.year === '2023');
    case 'ratings':
      // The year's disqualifying-event rows and any indicator rated not met (with its note).
      return DISTRICTS.includes(row.district_code) && row.year === YEAR && (row.indicator.startsWith('V') || row.met === 'false' || once(`r:${row.district_code}`, 1));
    case 'unit_costs':
      return row.year === YEAR;
    default:
      return DISTRICTS.includes(row.district_code) && row.year === YEAR;
  }
}

export function exampleRows(): Map<DatasetName, Row[]> {
  const out = new Map<DatasetName, Row[]>();
  const schools = new Set<string>();
  const counts = new Map<string, number>();
  for (const { dataset, row } of generate({ scale: 'demo' })) {
    if (!wanted(dataset, row, schools, counts)) continue;
    if (dataset === 'schools') schools.add(row.school_code);
    if (!out.has(dataset)) out.set(dataset, []);
    out.get(dataset)!.push(row);
  }
  return out;
}

if (require.main === module) {
  const rows = exampleRows();
  for (const definition of datasets) {
    const columns = definition.columns.map((c) => c.name);
    const lines = [toCsvLine(columns), ...(rows.get(definition.name as DatasetName) ?? []).map((r) => toCsvLine(columns.map((c) => r[c] ?? '')))];
    fs.writeFileSync(path.join(__dirname, `${definition.name}.csv`), lines.join('\n') + '\n');
    process.stdout.write(`${definition.name}: ${lines.length - 1} rows\n`);
  }
}
