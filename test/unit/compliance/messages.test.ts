/** The engine's sentences in both locales, and its figures at the thresholds' edges. */
import { evaluateDistrict, schoolRule, STANDARDS } from '../../../src/compliance';
import { cvDecimal, cvWithin } from '../../../src/compliance/cv';
import { q09 } from '../../../src/compliance/indicators';
import { spread } from '../../../src/compliance/spread';
import type { Message } from '../../../src/compliance/types';
import { render } from '../../../src/messages';
import { district, school, src, stage } from './fixtures';

const zh = (m: Message | undefined) => render(m as never, 'zh-CN');
const en = (m: Message | undefined) => render(m as never, 'en');
const ENGLISH_PHRASE = /[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/;

describe('engine messages in zh-CN and en', () => {
  test('a failing school: indicator, shortfall (一校一策) and school rule in the official terms', () => {
    // R5: 3410 m² for 500 students = 6.82 < 7.5; needs 7.5 × 500 − 3410 = 340 m².
    const r = schoolRule(school('S1', { name: '渝中区滨江小学', stages: [stage('primary', { sportsAreaM2: '3410' })] }), 'primary');
    const r5 = r.indicators.find((i) => i.code === 'R5')!;
    expect(r5.message!.code).toBe('ENGINE_JOIN');
    expect(zh(r5.message)).toBe('6.82平方米，未达到标准值7.5平方米；还需增加体育运动场馆面积340平方米');
    expect(en(r5.message)).toBe('6.82 < 7.5 m² per student; needs 340 m² more sports area');
    expect(zh(r5.shortfall!.description)).toBe('还需增加体育运动场馆面积340平方米');
    expect(r5.shortfall!.description).toEqual({ code: 'ENGINE_R_NEEDS', params: { indicator: 'R5', amount: 340 } });
    expect(zh(r.message)).toBe('7项指标中6项达标；R5达到标准值的90.93%（不低于85%，符合要求）');
  });

  test('blockers, precondition and verdict items read as Chinese, every one of them', () => {
    const d = district({
      schools: [school('P1', { name: '渝中区滨江小学', stages: [stage('primary', { sportsAreaM2: '2000', equipmentValueYuan: '500000' })] }), school('P2'), school('J1', { schoolType: 'junior' }), school('J2', { schoolType: 'junior' })],
      survey: null,
      basicBalancePassedYear: 2022,
    });
    const e = evaluateDistrict(d);
    expect(e.verdict).toBe('NOT_QUALIFIED');
    expect(e.blockers.length).toBeGreaterThan(2);
    for (const b of e.blockers) {
      expect(zh(b.message)).not.toMatch(ENGLISH_PHRASE);
      expect(/[\u4e00-\u9fff]/.test(en(b.message).split('渝中区滨江小学').join(''))).toBe(false);
    }
    expect(e.blockers.map((b) => zh(b.message))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^渝中区滨江小学（小学）：生均体育运动场馆面积4平方米，未达到标准值7\.5平方米；还需增加体育运动场馆面积1,750平方米〔校校达标：/),
      'S01 社会认可度：数据不足，未报送满意度调查结果',
    ]));
    expect(zh(e.precondition.message)).toBe('2022年通过基本均衡督导评估认定，距2024年不足3年；2025年起方可申请');
    expect(en(e.precondition.message)).toBe('passed basic balance in 2022: fewer than 3 years before 2024; may apply from 2025');
  });
});

describe('figures at the edge of their thresholds', () => {
  test('R6 at 84.9995% of its threshold fails the school rule and says 84.9995%, not 85%', () => {
    // 849,995 yuan for 500 students = 1,699.99 per student = 84.9995% of 2,000 < 85%.
    const r = schoolRule(school('S1', { stages: [stage('primary', { equipmentValueYuan: '849995' })] }), 'primary');
    expect(r.status).toBe('NOT_MET');
    expect(en(r.message)).toBe('R6 reaches only 84.9995% of its threshold (at least 85% required)');
    expect(zh(r.message)).toBe('R6仅达到标准值的84.9995%（要求不低于85%）');
    // The float ratio keeps its side of 85% too (0.85 at 4 places would contradict the rule).
    expect(r.indicators.find((i) => i.code === 'R6')!.ratioToThreshold).toBe(0.849995);
  });

  test('a value a hair under its threshold is shown under it, in the message and the float', () => {
    // 3,749.99999 m² for 500 = 7.49999998 < 7.5.
    const r = schoolRule(school('S1', { stages: [stage('primary', { sportsAreaM2: '3749.99999' })] }), 'primary').indicators.find((i) => i.code === 'R5')!;
    expect(r.status).toBe('NOT_MET');
    expect(r.value).toBe(7.49999998);
    expect(r.valueExact).toBe('7.49999998');
    expect(r.thresholdExact).toBe('7.5');
    expect(en(r.message)).toMatch(/^7\.49999998 < 7\.5 m² per student/);
  });

  test('a CV of 0.5 + 1.4e-9 against 0.5 is NOT_MET and shown above 0.5', () => {
    // Two schools of 500: values 3 + δ and 1, CV = (2 + δ)/(4 + δ) = 0.5 + 1.4e-9 for δ = 1.12e-8 (R4 = area / students).
    const a = school('A', { stages: [stage('primary', { teachingAuxAreaM2: '1500.0000056' })] });
    const b = school('B', { stages: [stage('primary', { teachingAuxAreaM2: '500' })] });
    const parts = [a, b].map((s) => ({ school: s, stage: 'primary' as const, facts: s.stages[0]! }));
    expect(cvWithin([{ value: '3.0000000112', students: 500 }, { value: '1', students: 500 }], 0.5)).toBe(false);
    const s = spread('R4', 'primary', parts, STANDARDS.YJ2017);
    expect(s.status).toBe('NOT_MET');
    expect(s.cvExact).toBe('0.5000000014'); // rounded up, away from the limit
    expect(s.cv).toBeGreaterThan(0.5);
    expect(en(s.message)).toBe('CV of teaching and auxiliary floor area per student (primary) across 2 schools is 0.500000001 > 0.5');
    expect(zh(s.message)).toBe('小学生均教学及辅助用房面积差异系数（2所学校）为0.500000001，高于0.5');
    // Exactly 0.5 is within the limit and reads 0.5.
    expect(cvDecimal([{ value: '3', students: 500 }, { value: '1', students: 500 }], 0.5)).toBe('0.5');
  });

  test('Q09: a difference rate equal to 0.15 fails and reads ≥ 0.15; one just below reads below', () => {
    const row = (schoolCode: string, meanScore: string) => ({ schoolCode, subject: 'mathematics', grade: 8, studentsTested: 100, meanScore, scoreVariance: '1', level3PlusRate: '0.8', sources: [src('quality_monitoring', schoolCode)] });
    // Two schools of 100, means m ± d: between = d², within = 1; rate = d²/(d²+1) = 0.15 ⟺ d² = 3/17.
    // Means can't carry √(3/17) exactly; d = 0.42 gives 0.1764/1.1764 = 0.14994… < 0.15.
    const r = q09(district({ qualityMonitoring: [row('A', '70.42'), row('B', '69.58')] }), STANDARDS.YJ2017);
    expect(r.status).toBe('MET');
    expect(en(r.message)).toMatch(/^mathematics\/8: difference rate 0\.1499 < 0\.15/);
    expect(zh(r.message)).toMatch(/^8年级数学：校际差异率0\.1499，低于0\.15/);
  });
});
