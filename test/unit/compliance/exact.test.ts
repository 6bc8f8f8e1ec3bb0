import { ComplianceInputError } from '../../../src/compliance/errors';
import { q, Rational, sum } from '../../../src/compliance/exact';

describe('Rational (exact decimal arithmetic)', () => {
  test('parses decimal strings exactly', () => {
    expect(q('2250.50').eq(Rational.fraction(225050n, 100n))).toBe(true);
    expect(q('0.9650').eq(q('0.965'))).toBe(true);
    expect(q('-1.5').eq(Rational.fraction(-3n, 2n))).toBe(true);
    expect(q('.5').eq(Rational.fraction(1n, 2n))).toBe(true);
    expect(q('12').eq(12)).toBe(true);
    expect(q('1e-3').eq(Rational.fraction(1n, 1000n))).toBe(true);
    expect(q(' 7.50 ').eq(7.5)).toBe(true);
  });

  test('reads a JS number through its shortest decimal form: 4.2 is 42/10', () => {
    expect(q(4.2).eq(Rational.fraction(42n, 10n))).toBe(true);
    expect(q(0.85).eq(Rational.fraction(17n, 20n))).toBe(true);
  });

  test('rejects what is not a number', () => {
    for (const bad of ['', 'abc', '1.2.3', 'NaN', '.', '1,000']) expect(() => q(bad)).toThrow(ComplianceInputError);
    expect(() => q(Number.NaN)).toThrow(ComplianceInputError);
    expect(() => q(Infinity)).toThrow(ComplianceInputError);
  });

  test('0.1 + 0.2 is exactly 0.3 (unlike doubles)', () => {
    expect(q('0.1').add('0.2').eq('0.3')).toBe(true);
  });

  test('21 teachers × 100 / 500 students is exactly 4.2; 9 × 100 / 1000 is exactly 0.9', () => {
    expect(q(21).mul(100).div(500).eq(4.2)).toBe(true);
    expect(q(9).mul(100).div(1000).ge(0.9)).toBe(true); // doubles: 9/1000*100 = 0.8999999999999999
  });

  test('comparisons, sign, max', () => {
    expect(q('3.825').cmp(q(4.5).mul(0.85))).toBe(0); // 4.5 × 0.85 = 3.825
    expect(q('3.8205').lt(q(4.5).mul(0.85))).toBe(true);
    expect(q('-2').sign()).toBe(-1);
    expect(q(0).isZero()).toBe(true);
    expect(q(3).max(5).eq(5)).toBe(true);
    expect(sum(['1.25', 2, q('0.75')]).eq(4)).toBe(true);
    expect(sum([]).eq(0)).toBe(true);
  });

  test('floor and ceil, including negatives', () => {
    expect(q('2.1').ceil()).toBe(3n);
    expect(q('2').ceil()).toBe(2n);
    expect(q('-2.1').ceil()).toBe(-2n);
    expect(q('-2.1').floor()).toBe(-3n);
    expect(q('2.9').floor()).toBe(2n);
    expect(q('0.01').ceil()).toBe(1n);
  });

  test('division by zero throws', () => {
    expect(() => q(1).div(0)).toThrow(RangeError);
  });

  test('toNumber and toFixedNumber for reporting', () => {
    expect(q(2).div(3).toNumber()).toBeCloseTo(0.6666666666666666, 15);
    expect(q(2).div(3).toFixedNumber(4)).toBe(0.6667);
    expect(q('6.82').toFixedNumber(4)).toBe(6.82);
    expect(q('-0.00005').toFixedNumber(4)).toBe(-0.0001); // half away from zero
    expect(q('0.00004').toFixedNumber(4)).toBe(0);
    expect(q(10n ** 40n).div(3n).toNumber()).toBeCloseTo(3.333333333333333e39, -25);
    expect(q(0).toNumber()).toBe(0);
  });

  test('toString reduces', () => {
    expect(q('2250.50').toString()).toBe('4501/2');
    expect(q('4.00').toString()).toBe('4');
  });
});
