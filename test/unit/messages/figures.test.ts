import { percentAgainst, percentOf, shownAgainst, shownNumber } from '../../../src/messages/figures';

describe('the display rule: a shown figure stays on its side of the threshold', () => {
  it.each([
    // value, threshold(s), decimals, shown
    ['4.2341', '7.5', 4, '4.2341'], // plain rounding when nothing is at stake
    ['7.499999984', '7.5', 4, '7.49999998'], // 7.5 would read as meeting 7.5
    ['7.5', '7.5', 4, '7.5'], // exactly on the threshold stays exactly on it
    ['1699.99995', '1700', 4, '1699.99995'], // 85% of 2000: 1,700 would read as reaching it
    ['1999.99996', '2000', 4, '1999.99996'],
    ['0.5000000014', '0.5', 4, '0.500000001'], // a CV of 0.5 + 1.4e-9 against 0.5
    ['0.4999999999', '0.5', 4, '0.4999999999'],
    ['0.15', '0.15', 4, '0.15'], // difference rate equal to the limit: shown equal (and judged ≥, failing)
    ['0.14999999', '0.15', 4, '0.14999999'],
    ['2140', '2000', 4, '2140'],
    ['3.14159', [], 4, '3.1416'], // no threshold: plain rounding, half away from zero
    ['-0.00005', [], 4, '-0.0001'],
    ['1699.99995', ['1700', '2000'], 4, '1699.99995'],
  ] as const)('%s against %j → %s', (value, against, decimals, shown) => {
    expect(shownAgainst(value, against as never, decimals)).toBe(shown);
  });

  it('percentages: 84.9995% is not 85%, an exact 85% is', () => {
    expect(percentOf('0.849995')).toBe('84.9995');
    expect(percentAgainst('0.849995', '0.85')).toBe('84.9995');
    expect(percentAgainst('0.85', '0.85')).toBe('85');
    expect(percentAgainst('0.96543', '0.95')).toBe('96.54');
    expect(percentAgainst('0.9999999', '1')).toBe('99.99999');
  });

  it('the floats the API returns follow the same rule', () => {
    expect(shownNumber('7.499999984', '7.5')).toBe(7.49999998);
    expect(shownNumber('0.5000000014', 0.5)).toBeGreaterThan(0.5);
    expect(shownNumber(null, 0.5)).toBeNull();
  });
});
