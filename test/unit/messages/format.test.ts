import { num } from '../../../src/messages/format';
import { LOCALES } from '../../../src/messages/locale';

// num() groups whole numbers by hand (D120): it must write exactly what Intl.NumberFormat writes in both locales.
const intl = (locale: string, value: number | bigint, maxDecimals = 4) =>
  new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: maxDecimals }).format(value);

const integers: number[] = [0, 1, -1, 9, 10, 99, 100, 999, 1000, -1000, 9999, 10000, 12345, 99999, 100000, 123456, 999999, 1000000, -1234567,
  2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1), 17570000000];
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 0; i < 2000; i++) integers.push(Math.round((random() - 0.3) * 10 ** Math.floor(random() * 16)));

test.each(LOCALES)('whole numbers and bigints as Intl writes them (%s)', (locale) => {
  for (const n of integers) {
    expect(num(locale, n)).toBe(intl(locale, n));
    expect(num(locale, BigInt(n))).toBe(intl(locale, BigInt(n)));
  }
  expect(num(locale, -0)).toBe(intl(locale, -0));
  expect(num(locale, 123456789012345678901234567890n)).toBe(intl(locale, 123456789012345678901234567890n));
  for (const x of [0.5, 1234.5678, -0.00001, 1e21, 2 ** 53, 1.005]) expect(num(locale, x, 2)).toBe(intl(locale, x, 2));
});

test.each(LOCALES)('decimal strings keep every digit, the whole part grouped (%s)', (locale) => {
  expect(num(locale, '17570000000.01')).toBe('17,570,000,000.01');
  expect(num(locale, '-1234567.50')).toBe('-1,234,567.50');
  expect(num(locale, '0.0000000001')).toBe('0.0000000001');
  expect(num(locale, '007.5')).toBe('7.5');
  expect(num(locale, '-0')).toBe('-0');
  expect(num(locale, '123456789012345678901234567890')).toBe(intl(locale, 123456789012345678901234567890n));
  expect(num(locale, 'n/a')).toBe('n/a');
});
