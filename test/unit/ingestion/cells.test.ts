import { Invalid, cellParser, isFreeText } from '../../../src/ingestion/cells';
import { columnOf, getDataset } from '../../../src/ingestion/datasets';
import { render } from '../../../src/messages';

const parse = (dataset: string, column: string, text: string) => {
  const definition = getDataset(dataset);
  const c = columnOf(definition, column);
  return cellParser(c, isFreeText(c, definition.key))(text);
};
const reason = (dataset: string, column: string, text: string) => {
  const result = parse(dataset, column, text);
  if (!(result instanceof Invalid)) throw new Error(`expected ${JSON.stringify(text)} to be invalid, got ${String(result)}`);
  return render(result.problem, 'en');
};

describe('cell parsing', () => {
  test('enums are the contract spellings, exactly', () => {
    expect(parse('teacher_postings', 'degree', 'bachelor')).toBe('bachelor');
    expect(reason('teacher_postings', 'degree', 'Bachelor')).toBe('"Bachelor" is not one of postgraduate, bachelor, associate, secondary, other');
  });

  test('required and optional cells', () => {
    expect(reason('schools', 'name', '')).toBe('a value is required');
    expect(parse('districts', 'certified_year', '')).toBeNull();
    expect(parse('district_education', 'migrant_public_rate', '')).toBeNull();
  });

  test('whole numbers: counts ≥ 0, plausible years, no separators', () => {
    expect(parse('school_stats', 'students', '1820')).toBe('1820');
    expect(parse('school_stats', 'students', '1820.0')).toBe('1820');
    expect(parse('school_stats', 'students', '+7')).toBe('7');
    expect(reason('school_stats', 'students', '-3')).toBe('"-3" is negative');
    expect(reason('school_stats', 'students', '12.5')).toBe('"12.5" is not a whole number');
    expect(reason('school_stats', 'students', '1,820')).toBe('"1,820" has thousands separators: write it without commas');
    expect(reason('school_stats', 'students', 'abc')).toBe('"abc" is not a whole number');
    expect(reason('school_stats', 'students', '99999999999')).toBe('"99999999999" is more than 2,147,483,647');
    expect(reason('school_stats', 'year', '1999')).toBe('1999 is not a plausible year (2000–2100)');
    expect(reason('districts', 'planned_certification_year', '2150')).toBe('2150 is not a plausible year (2000–2100)');
  });

  test('amounts: exact decimals, at most their scale, never negative', () => {
    expect(parse('education_expenditure', 'general_budget_education_yuan', '17570000000.01')).toBe('17570000000.01');
    expect(parse('education_expenditure', 'general_budget_education_yuan', '12')).toBe('12');
    expect(reason('education_expenditure', 'general_budget_education_yuan', '12.345')).toBe('"12.345" has 3 decimal places; at most 2 are allowed');
    expect(reason('teacher_postings', 'training_hours_5y', '12.25')).toBe('"12.25" has 2 decimal places; at most 1 is allowed');
    expect(reason('education_expenditure', 'general_budget_education_yuan', '-1.00')).toBe('"-1.00" is negative');
    expect(reason('education_expenditure', 'general_budget_education_yuan', '1.2E+07')).toBe('"1.2E+07" is in exponent notation: write the digits in full');
    expect(reason('civil_servant_pay', 'average_annual_pay_yuan', '1234567890123.00')).toBe(
      '"1234567890123.00" is too large: at most 12 digits before the decimal point',
    );
  });

  test('rates: fractions 0–1, computed ones rounded to six places', () => {
    expect(parse('district_education', 'junior_retention_rate', '0.9712')).toBe('0.9712');
    expect(parse('district_education', 'junior_retention_rate', '0.97123456789')).toBe('0.971235');
    expect(parse('district_education', 'junior_retention_rate', '0.99999999')).toBe('1');
    expect(reason('district_education', 'junior_retention_rate', '1.2')).toBe('"1.2" is not between 0 and 1');
    expect(reason('district_education', 'junior_retention_rate', '97.5%')).toBe(
      '"97.5%" is a percentage: write shares as fractions from 0 to 1, e.g. 0.975',
    );
  });

  test('booleans are true/false in any case', () => {
    expect(parse('schools', 'boarding', 'TRUE')).toBe('true');
    expect(parse('schools', 'boarding', 'False')).toBe('false');
    expect(reason('schools', 'boarding', 'yes')).toBe('"yes" is not true or false');
  });

  test('dates: YYYY-MM-DD, or YYYY/M/D as Excel writes them, real and plausible', () => {
    expect(parse('supervision_visits', 'visited_on', '2024-03-12')).toBe('2024-03-12');
    expect(parse('supervision_visits', 'visited_on', '2024/3/1')).toBe('2024-03-01');
    expect(reason('supervision_visits', 'visited_on', '2024-02-30')).toBe('"2024-02-30" is not a valid date');
    expect(reason('supervision_visits', 'visited_on', '3/1/2024')).toBe('"3/1/2024" is not a date in the form YYYY-MM-DD');
    expect(reason('supervision_visits', 'visited_on', '1999-12-31')).toBe('"1999-12-31" is not a plausible date (years 2000–2100)');
  });

  test('codes with a pattern from the CHECK constraints', () => {
    expect(parse('teacher_postings', 'subject', 'special_education')).toBe('special_education');
    expect(reason('teacher_postings', 'subject', 'Music')).toBe('"Music" is not allowed here: expected lower-case letters and underscores, e.g. pe, music, art');
    expect(reason('ratings', 'indicator', 'g1')).toBe('"g1" is not allowed here: expected an upper-case letter and two digits, e.g. G01, Q06, V02');
  });

  test('text cannot hold NUL characters', () => {
    expect(reason('schools', 'name', 'a\u0000b')).toBe('"a\\0b" contains a NUL character');
  });

  test('full-width digits and signs (a Chinese input method) are read where they cannot change a meaning', () => {
    expect(parse('school_stats', 'students', '１８２０')).toBe('1820');
    expect(parse('education_expenditure', 'general_budget_education_yuan', '１２３４．５０')).toBe('1234.50');
    expect(parse('district_education', 'junior_retention_rate', '０．９７５')).toBe('0.975');
    expect(parse('supervision_visits', 'visited_on', '２０２４－０３－１２')).toBe('2024-03-12');
    expect(parse('schools', 'boarding', 'ｔｒｕｅ')).toBe('true');
    expect(parse('schools', 'district_code', '５００１０６')).toBe('500106');
    expect(parse('school_stats', 'students', '\u3000１２\u3000')).toBe('12');
    // a full-width comma is still a thousands separator, said so
    expect(reason('school_stats', 'students', '１，８２０')).toBe('"1,820" has thousands separators: write it without commas');
    // names and free text are kept exactly as written
    expect(parse('schools', 'name', '第１中学')).toBe('第１中学');
  });

  test('text columns have the contract lengths, counted in characters (not bytes, not UTF-16 units)', () => {
    expect(parse('schools', 'name', '长'.repeat(100))).toBe('长'.repeat(100));
    expect(reason('schools', 'name', '长'.repeat(101))).toBe('too long: at most 100 characters, got 101');
    expect(parse('schools', 'name', '𠀀'.repeat(100))).toBe('𠀀'.repeat(100)); // 200 UTF-16 units, 100 characters
    expect(reason('schools', 'school_code', 'S'.repeat(33))).toBe('too long: at most 32 characters, got 33');
    expect(reason('ratings', 'note', 'x'.repeat(2001))).toBe('too long: at most 2,000 characters, got 2,001');
    expect(reason('supervision_visits', 'finding', 'x'.repeat(5 * 1024 * 1024))).toBe('too long: at most 2,000 characters, got 5,242,880');
  });

  test('reasons read in Chinese by default', () => {
    const result = parse('teacher_postings', 'degree', 'Bachelor');
    expect(render((result as Invalid).problem)).toBe('“Bachelor” 不是允许的取值，应为以下之一：postgraduate、bachelor、associate、secondary、other');
    expect(render((parse('schools', 'name', '') as Invalid).problem)).toBe('此列必须填写');
  });
});
