import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISTRICT_INDICATORS, RESOURCE_CODES, RESOURCE_INDICATORS, STANDARDS } from '../../../src/compliance';

const YJ = STANDARDS.YJ2017;
const JB = STANDARDS.JB2012;
const t = (code: string) => YJ.indicators[code]!.thresholds;

describe('YJ2017 standards table', () => {
  test('R1–R7 thresholds per stage (DOMAIN §2.1)', () => {
    expect(RESOURCE_CODES.map((c) => [c, t(c).primary, t(c).junior])).toEqual([
      ['R1', 4.2, 5.3], ['R2', 1, 1], ['R3', 0.9, 0.9], ['R4', 4.5, 5.8], ['R5', 7.5, 10.2], ['R6', 2000, 2500], ['R7', 2.3, 2.4],
    ]);
    expect(YJ.indicators.R1!.per).toBe(100);
    expect(YJ.indicators.R4!.per).toBe(1);
  });

  test('school rule, spreads, scope, precondition', () => {
    expect(YJ.schoolRule).toEqual({ minIndicatorsMet: 6, ofIndicators: 7, minShareOfThreshold: 0.85 });
    expect(YJ.spread).toEqual({ mode: 'each', limits: { primary: 0.5, junior: 0.45 } });
    expect(YJ.scope.teachingPointMinStudents).toBe(50);
    expect(YJ.precondition).toEqual({ basicBalanceYearsBefore: 3 });
  });

  test('G, Q and S thresholds (DOMAIN §2.3–2.5)', () => {
    expect(t('G03')).toEqual({ classesPerRoom: 12, minRoomsPerKind: 1, musicRoomMinM2: 96, artRoomMinM2: 90 });
    expect(t('G04')).toEqual({ singleStageMaxStudents: 2000, combinedMaxStudents: 2500 });
    expect(t('G05')).toEqual({ primary: 45, junior: 50 });
    expect(t('G06')).toEqual({ smallSchoolMaxStudents: 100, fundedAsStudents: 100 });
    expect(t('G07')).toEqual({ minYuanPerStudent: 6000 });
    expect(t('G08')).toEqual({ minShareOfCivilServantPay: 1 });
    expect(t('G09')).toEqual({ minShare: 1, trainingHours: 360, windowYears: 5 });
    expect(t('G11')).toEqual({ minRotatedShare: 0.1, minBackboneShareOfRotated: 0.2 });
    expect(t('G12')).toEqual({ minShare: 1 });
    expect(t('G13')).toEqual({ primary: 1, junior: 0.95 });
    expect(t('G14')).toEqual({ minShare: 0.5 });
    expect(t('G15')).toEqual({ minShare: 0.85 });
    expect(t('Q01')).toEqual({ minShare: 0.95 });
    expect(t('Q02')).toEqual({ minShare: 0.95 });
    expect(t('Q04')).toEqual({ minShare: 0.05 });
    expect(t('Q09')).toEqual({ maxDifferenceRate: 0.15 });
    expect(t('S01')).toEqual({ minShare: 0.85 });
  });

  test('every row has a code, English and Chinese names, unit, kind and source', () => {
    const kinds = { resource: 7, guarantee: 15, quality: 9, recognition: 1, veto: 3 };
    for (const [kind, n] of Object.entries(kinds)) expect(Object.values(YJ.indicators).filter((d) => d.kind === kind)).toHaveLength(n);
    for (const [code, d] of Object.entries(YJ.indicators)) {
      expect(d.code).toBe(code);
      expect(d.name).toMatch(/^[A-Z]/);
      expect(d.nameZh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.unit.length).toBeGreaterThan(0);
      expect(['computed', 'rating', 'computed+rating']).toContain(d.source);
    }
    expect(['G01', 'G02', 'G10', 'Q03', 'Q05', 'Q06', 'Q07', 'Q08'].every((c) => YJ.indicators[c]!.source === 'rating')).toBe(true);
    expect(YJ.indicators.G15!.source).toBe('computed+rating');
  });

  test('every row has exactly one registered function and vice versa', () => {
    const rows = Object.values(YJ.indicators);
    expect(rows.filter((d) => d.kind === 'resource').map((d) => d.code).sort()).toEqual(Object.keys(RESOURCE_INDICATORS).sort());
    expect(rows.filter((d) => d.kind !== 'resource').map((d) => d.code).sort()).toEqual(Object.keys(DISTRICT_INDICATORS).sort());
  });
});

describe('JB2012 standards table', () => {
  test('composite CV limits 0.65 / 0.55 over the same seven R indicators, no per-school thresholds', () => {
    expect(JB.spread).toEqual({ mode: 'composite', limits: { primary: 0.65, junior: 0.55 } });
    expect(Object.keys(JB.indicators)).toEqual([...RESOURCE_CODES]);
    expect(JB.schoolRule).toBeNull();
    for (const c of RESOURCE_CODES) expect(JB.indicators[c]!.name).toBe(YJ.indicators[c]!.name);
  });
});

describe('no threshold literal outside standards.ts', () => {
  // The engine's own files (the service and resolver beside them are not part of the engine).
  const files = [
    'cv.ts', 'errors.ts', 'exact.ts', 'index.ts', 'result.ts', 'school-rule.ts', 'scope.ts', 'spread.ts', 'types.ts', 'verdict.ts',
    'indicators/district.ts', 'indicators/guarantee.ts', 'indicators/index.ts', 'indicators/quality.ts', 'indicators/rated.ts', 'indicators/resource.ts',
  ];
  // Distinctive threshold values (0, 1, 100 and display precision are not thresholds and are not listed).
  const literals = ['4.2', '5.3', '0.9', '4.5', '5.8', '7.5', '10.2', '2000', '2500', '2.3', '2.4', '0.85', '0.45', '0.5', '0.65', '0.55',
    '45', '50', '96', '90', '12', '6000', '360', '0.1', '0.2', '0.95', '0.15', '0.05', '85', '95'];

  test.each(files)('%s', (file) => {
    const code = readFileSync(join(__dirname, '../../../src/compliance', file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '') // block comments
      .replace(/\/\/.*$/gm, '') // line comments
      .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, "''"); // string literals (messages)
    for (const lit of literals) {
      expect({ file, lit, found: new RegExp(`(?<![\\w.])${lit.replace('.', '\\.')}(?![\\w.])`).test(code) }).toEqual({ file, lit, found: false });
    }
  });
});
