import { BackboneLevel, Degree, Stage, SchoolType } from '../../src/common/vocabulary';
import { Fixtures } from './fixtures';

export const RATED = ['G01', 'G02', 'G10', 'G15', 'Q03', 'Q05', 'Q06', 'Q07', 'Q08'];

export interface DistrictOptions {
  code: string;
  year?: number;
  plannedCertificationYear?: number;
  /** Sports area of the third primary school (default like the others: 4000 m² for 500 students). */
  thirdPrimarySportsAreaM2?: string;
  /** Largest class of the first primary school (default 42). */
  firstPrimaryMaxClassSize?: number;
  /** Inspector ratings to leave out. */
  withoutRatings?: string[];
}

/**
 * A district built to meet every YJ2017 indicator (3 primary schools of 500 students, 2 junior schools of 400),
 * with knobs to break exactly one thing. The figures are chosen by hand against DOMAIN.md §2:
 * primary: R1 25/500·100 = 5.0 ≥ 4.2, R2 6 → 1.2 ≥ 1.0, R3 6 → 1.2 ≥ 0.9, R4 2500/500 = 5.0 ≥ 4.5,
 * R5 4000/500 = 8.0 ≥ 7.5, R6 1,100,000/500 = 2200 ≥ 2000, R7 12 → 2.4 ≥ 2.3;
 * junior: R1 25/400·100 = 6.25 ≥ 5.3, R2 6 → 1.5, R3 6 → 1.5, R4 2400/400 = 6.0 ≥ 5.8, R5 4200/400 = 10.5 ≥ 10.2,
 * R6 1,100,000/400 = 2750 ≥ 2500, R7 10 → 2.5 ≥ 2.4.
 */
export async function buildDistrict(fx: Fixtures, o: DistrictOptions): Promise<void> {
  const year = o.year ?? 2024;
  await fx.districts({ code: o.code, name: `区${o.code}`, plannedCertificationYear: o.plannedCertificationYear ?? 2025 });
  const primary = [1, 2, 3].map((i) => `${o.code}P${i}`);
  const junior = [1, 2].map((i) => `${o.code}J${i}`);
  await fx.schools(
    ...primary.map((code) => ({ code, districtCode: o.code, schoolType: SchoolType.PRIMARY })),
    ...junior.map((code) => ({ code, districtCode: o.code, schoolType: SchoolType.JUNIOR })),
  );
  await fx.stats(
    ...primary.map((schoolCode, i) => ({
      schoolCode,
      year,
      stage: Stage.PRIMARY,
      maxClassSize: i === 0 ? (o.firstPrimaryMaxClassSize ?? 42) : 42,
      sportsAreaM2: i === 2 ? (o.thirdPrimarySportsAreaM2 ?? '4000') : '4000',
    })),
    ...junior.map((schoolCode) => ({
      schoolCode, year, stage: Stage.JUNIOR, students: 400, classes: 10, maxClassSize: 45,
      teachingAuxAreaM2: '2400', sportsAreaM2: '4200', equipmentValueYuan: '1100000', multimediaRooms: 10,
    })),
  );
  // 30 teachers a school: 25 with a bachelor degree, 6 county backbone, 6 PE/music/art; 10 eligible to rotate,
  // 2 rotated of whom 1 backbone (rotated 20% ≥ 10%, backbone 50% ≥ 20%).
  const postings = [...primary.map((c) => [c, Stage.PRIMARY] as const), ...junior.map((c) => [c, Stage.JUNIOR] as const)].flatMap(
    ([schoolCode, stage]) =>
      Array.from({ length: 30 }, (_, i) => ({
        teacherId: `${schoolCode}-T${i}`,
        schoolCode,
        year,
        stage,
        degree: i < 25 ? Degree.BACHELOR : Degree.SECONDARY,
        backboneLevel: i < 6 ? BackboneLevel.COUNTY : BackboneLevel.NONE,
        subject: i >= 6 && i < 12 ? ['pe', 'music', 'art'][i % 3] : 'chinese',
        rotationEligible: i >= 20,
        rotated: i === 0 ? false : i === 20 || i === 21,
        backbone: undefined,
      })).map(({ backbone: _b, ...p }, i) => (i === 20 ? { ...p, backboneLevel: BackboneLevel.CITY } : p)),
  );
  await fx.postings(...postings);
  await fx.schoolFunds(...[...primary, ...junior].map((schoolCode) => ({ schoolCode, year })));
  await fx.qualityMonitoring(
    { schoolCode: junior[0], year, subject: 'mathematics', meanScore: '500', scoreVariance: '2500' },
    { schoolCode: junior[1], year, subject: 'mathematics', meanScore: '505', scoreVariance: '2500' },
  );
  await fx.districtEducation({
    districtCode: o.code, year, totalStudents: 3000, juniorRetentionRate: '0.98', disabledEnrolmentRate: '0.96',
    catchmentRatePrimary: '1', catchmentRateJunior: '0.97', qualityHsQuotaRate: '0.55', migrantPublicRate: '0.9',
  });
  await fx.civilServantPay({ districtCode: o.code, year, averageAnnualPayYuan: '110000' });
  await fx.ratings(...RATED.filter((r) => !(o.withoutRatings ?? []).includes(r)).map((indicator) => ({ districtCode: o.code, year, indicator })));
  await fx.surveys({ districtCode: o.code, year, respondents: 1000, satisfied: 900 });
}
