import { compareRatios, Decimal, decimal, sum } from '../../../src/common/decimal';

const d = (v: string | number | bigint) => Decimal.of(v);

describe('Decimal parsing', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['+12', '12'],
    ['17570000000.01', '17570000000.01'],
    ['17570000000.00', '17570000000'],
    ['0.30', '0.3'],
    ['-1.50', '-1.5'],
    ['000123.4500', '123.45'],
    ['0.000001', '0.000001'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('parses %s canonically as %s', (input, canonical) => {
    expect(Decimal.parse(input).toString()).toBe(canonical);
  });

  it('accepts bigint and safe integers', () => {
    expect(d(12345678901234567890n).toString()).toBe('12345678901234567890');
    expect(d(-42).toString()).toBe('-42');
    expect(d(Number.MAX_SAFE_INTEGER).toString()).toBe('9007199254740991');
  });

  it.each([
    ['', /empty string/],
    ['NaN', /NaN and Infinity/],
    ['-Infinity', /NaN and Infinity/],
    ['1e5', /exponent/],
    ['1.5E-3', /exponent/],
    [' 12', /whitespace/],
    ['12 ', /whitespace/],
    ['1,000.00', /Invalid decimal "1,000.00"/],
    ['.5', /Invalid decimal/],
    ['5.', /Invalid decimal/],
    ['--5', /Invalid decimal/],
    ['0x10', /Invalid decimal/],
    ['12abc', /Invalid decimal "12abc"/],
    ['¥100', /Invalid decimal/],
  ])('rejects %j', (input, message) => {
    expect(() => Decimal.parse(input)).toThrow(message);
    expect(Decimal.isValid(input)).toBe(false);
  });

  it('rejects non-integer and unsafe numbers (floats are already inexact)', () => {
    expect(() => d(0.1)).toThrow(/not a safe integer/);
    expect(() => d(Number.NaN)).toThrow(/not a safe integer/);
    expect(() => d(Number.POSITIVE_INFINITY)).toThrow(/not a safe integer/);
    expect(() => d(2 ** 60)).toThrow(/not a safe integer/);
  });

  it('normalises so equal values are structurally equal', () => {
    expect(d('1.10')).toEqual(d('1.1'));
    expect(d('1.10').scale).toBe(1);
    expect(d('100').scale).toBe(0);
  });
});

describe('Decimal exactness', () => {
  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(d('0.1').add('0.2').toString()).toBe('0.3');
    expect(d('0.1').add('0.2').eq('0.3')).toBe(true);
  });

  it('large yuan amounts never drift', () => {
    expect(d('17570000000.01').add('0.02').toString()).toBe('17570000000.03');
    expect(d('17570000000.01').sub('17570000000').toString()).toBe('0.01');
    expect(d('17570000000.01').mul(3).toString()).toBe('52710000000.03');
    // 10,000 additions of 0.01 to a large amount
    let total = d('17570000000.01');
    for (let i = 0; i < 10_000; i++) total = total.add('0.01');
    expect(total.toString()).toBe('17570000100.01');
  });

  it('sum adds exactly and sums nothing to 0', () => {
    expect(sum(['0.1', '0.2', '0.3', d('17570000000.01')]).toString()).toBe('17570000000.61');
    expect(sum([]).toString()).toBe('0');
    expect(sum(Array.from({ length: 10 }, () => '0.1')).toString()).toBe('1');
  });

  it('mul, neg, abs', () => {
    expect(d('1.5').mul('-2.25').toString()).toBe('-3.375');
    expect(d('0.1').mul('0.1').toString()).toBe('0.01');
    expect(d('-3.2').neg().toString()).toBe('3.2');
    expect(d('0').neg().toString()).toBe('0');
    expect(d('-3.2').abs().toString()).toBe('3.2');
    expect(d('3.2').abs().toString()).toBe('3.2');
  });

  it('is immutable', () => {
    const a = d('1.5');
    a.add('1');
    expect(a.toString()).toBe('1.5');
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('refuses implicit numeric conversion but allows string conversion', () => {
    const a = d('1.5');
    expect(`${a}`).toBe('1.5');
    expect(String(a)).toBe('1.5');
    expect(JSON.stringify({ a })).toBe('{"a":"1.5"}');
    expect(() => (a as unknown as number) + 1).toThrow(TypeError);
    expect(a.toNumber()).toBe(1.5);
  });
});

describe('Decimal rounding (HALF_UP = half away from zero)', () => {
  it.each([
    ['2.345', 2, '2.35'],
    ['2.344', 2, '2.34'],
    ['-2.345', 2, '-2.35'],
    ['-2.344', 2, '-2.34'],
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['0.005', 2, '0.01'],
    ['-0.005', 2, '-0.01'],
    ['-0.004', 2, '0.00'],
    ['-0.001', 2, '0.00'],
    ['1.2', 2, '1.20'],
    ['7', 2, '7.00'],
    ['0', 4, '0.0000'],
    ['999.995', 2, '1000.00'],
    ['-999.995', 2, '-1000.00'],
    ['0.03125', 4, '0.0313'],
  ])('%s.toFixed(%d) = %s', (value, places, expected) => {
    expect(d(value).toFixed(places)).toBe(expected);
  });

  it('round() supports other modes', () => {
    expect(d('2.5').round(0, 'HALF_EVEN').toString()).toBe('2');
    expect(d('3.5').round(0, 'HALF_EVEN').toString()).toBe('4');
    expect(d('2.5').round(0, 'HALF_DOWN').toString()).toBe('2');
    expect(d('-2.5').round(0, 'HALF_DOWN').toString()).toBe('-2');
    expect(d('-2.1').round(0, 'FLOOR').toString()).toBe('-3');
    expect(d('-2.9').round(0, 'CEILING').toString()).toBe('-2');
    expect(d('2.1').round(0, 'UP').toString()).toBe('3');
    expect(d('-2.1').round(0, 'UP').toString()).toBe('-3');
    expect(d('-2.9').round(0, 'DOWN').toString()).toBe('-2');
    expect(d('1.25').round(5).toString()).toBe('1.25');
  });

  it('rejects a bad scale', () => {
    expect(() => d('1').toFixed(-1)).toThrow(RangeError);
    expect(() => d('1').toFixed(1.5)).toThrow(RangeError);
  });
});

describe('Decimal division', () => {
  it('divides exactly then rounds once', () => {
    expect(d('10').divToScale('3', 2).toString()).toBe('3.33');
    expect(d('20').divToScale('3', 2).toString()).toBe('6.67');
    expect(d('-20').divToScale('3', 2).toString()).toBe('-6.67');
    expect(d('20').divToScale('-3', 2).toString()).toBe('-6.67');
    expect(d('1').divToScale('8', 2).toString()).toBe('0.13'); // 0.125 → half up
    expect(d('-1').divToScale('8', 2).toString()).toBe('-0.13'); // half away from zero
    expect(d('1').divToScale('8', 2, 'HALF_EVEN').toString()).toBe('0.12');
    expect(d('1').divToScale('8', 2, 'DOWN').toString()).toBe('0.12');
    expect(d('17570000000.01').divToScale('1000000', 2).toString()).toBe('17570');
    expect(d('17570000000.01').divToScale('1000000', 8).toString()).toBe('17570.00000001');
    expect(d('0.5').divToScale('0.25', 0).toString()).toBe('2');
    expect(d('1.5').divToScale('0.002', 1).toString()).toBe('750');
    expect(d('2').divToScale('3', 0).toString()).toBe('1');
  });

  it('throws on division by zero', () => {
    expect(() => d('1').divToScale('0', 2)).toThrow(/Division by zero/);
    expect(() => d('1').divToScale('0.00', 2)).toThrow(/Division by zero/);
  });
});

describe('Decimal comparison', () => {
  it('cmp and friends', () => {
    expect(d('1.10').cmp('1.1')).toBe(0);
    expect(d('1.1').cmp('1.09')).toBe(1);
    expect(d('-1.1').cmp('-1.09')).toBe(-1);
    expect(d('17570000000.01').cmp('17570000000.02')).toBe(-1);
    expect(d('2').gt('1.999999999999999999')).toBe(true);
    expect(d('2').gte('2.0')).toBe(true);
    expect(d('2').lt('2')).toBe(false);
    expect(d('2').lte('2')).toBe(true);
    expect(d('0.00').isZero()).toBe(true);
    expect(d('-0.01').isNegative()).toBe(true);
    expect(d('0').isNegative()).toBe(false);
    expect(d('0').sign()).toBe(0);
    expect(decimal('3').isPositive()).toBe(true);
  });

  it('compareRatios compares exactly by cross-multiplication', () => {
    // 1/3 vs 33/100: 100 vs 99
    expect(compareRatios(d('1'), 3n, d('0.33'), 1n)).toBe(1);
    expect(compareRatios(d('2'), 6n, d('1'), 3n)).toBe(0);
    // two per-student figures that both display as 33.33
    expect(compareRatios(d('999990'), 30001n, d('1000000'), 30000n)).toBe(-1);
    expect(d('999990').divToScale(30001, 2).toString()).toBe(d('1000000').divToScale(30000, 2).toString());
    // decimal denominators and negative numerators
    expect(compareRatios(d('-1'), d('2'), d('-1'), d('3'))).toBe(-1);
    expect(compareRatios('0.1', '0.3', '1', '3')).toBe(0);
    // close values at the limit of float precision
    expect(compareRatios('17570000000.01', 1000000n, '17570000000.02', 1000001n)).toBe(1);
  });

  it('compareRatios rejects non-positive denominators', () => {
    expect(() => compareRatios(d('1'), 0n, d('1'), 1n)).toThrow(/denominators must be positive/);
    expect(() => compareRatios(d('1'), 1n, d('1'), d('-2'))).toThrow(RangeError);
  });
});
