/** Builders for compliance facts: a school/district that meets everything, overridden per test. */
import type { DistrictFacts, DistrictTeacherAggregate, SchoolFacts, SchoolTeacherAggregate, SourceRef, Stage, StageFacts } from '../../../src/compliance';

export function src(dataset: string, rowKey: string): SourceRef {
  return { dataset, batchId: 'b1', department: 'education', fileName: `${dataset}.csv`, rowKey };
}

/**
 * 500 students in 12 classes, every R indicator comfortably above both stages' thresholds:
 * R1 30/500×100 = 6, R2 6/500×100 = 1.2, R3 5/500×100 = 1, R4 3000/500 = 6, R5 5500/500 = 11,
 * R6 1,500,000/500 = 3000, R7 13/500×100 = 2.6.
 */
export function stage(stage: Stage, over: Partial<StageFacts> = {}): StageFacts {
  return {
    stage,
    students: 500, classes: 12, maxClassSize: 42,
    teachingAuxAreaM2: '3000', sportsAreaM2: '5500', equipmentValueYuan: '1500000',
    multimediaRooms: 13, musicRooms: 1, musicRoomMinAreaM2: '100', artRooms: 1, artRoomMinAreaM2: '95',
    teachers: { total: 40, aboveMinimumDegree: 30, backboneCountyPlus: 6, peArts: 5 },
    sources: [src('school_stats', `S-${stage}`)],
    ...over,
  };
}

/**
 * One school's postings: 50 teachers, all full-time, certified and trained, 120,000 yuan each; 25 eligible for
 * rotation, 3 rotated of whom 1 is a backbone teacher. Four such schools: 200 teachers, 12 of 100 rotated, 4 backbone.
 */
export function schoolTeachers(code: string, over: Partial<SchoolTeacherAggregate> = {}): SchoolTeacherAggregate {
  return {
    teachers: 50, fullTime: 50, payTotalYuan: '6000000.00', trainingCompleted360: 50, certifiedFullTime: 50,
    rotationEligible: 25, rotated: 3, rotatedBackboneCountyPlus: 1, sources: [src('teacher_postings', `${code} agg`)],
    ...over,
  };
}

/** The district's staffing figures as one school's postings (the others have none): G08–G12 then see exactly these. */
export function withTeachers(d: DistrictFacts, t: Partial<DistrictTeacherAggregate>): DistrictFacts {
  const { certified, sources: _sources, ...rest } = t;
  const total = schoolTeachers(d.schools[0]!.code, {
    teachers: 200, fullTime: 200, payTotalYuan: '24000000.00', trainingCompleted360: 200, certifiedFullTime: 200,
    rotationEligible: 100, rotated: 10, rotatedBackboneCountyPlus: 2, ...rest, ...(certified !== undefined ? { certifiedFullTime: certified } : {}),
  });
  return { ...d, schools: d.schools.map((s, i) => ({ ...s, teachers: i === 0 ? total : null })) };
}

export function school(code: string, over: Partial<SchoolFacts> = {}): SchoolFacts {
  const type = over.schoolType ?? 'primary';
  const stages: StageFacts[] =
    type === 'junior' || type === 'complete_secondary' ? [stage('junior')]
      : type === 'nine_year' || type === 'twelve_year' ? [stage('primary'), stage('junior')]
        : [stage('primary')];
  return {
    code, name: `School ${code}`, schoolType: type, location: 'urban', ownership: 'public', boarding: false,
    stages,
    teachers: schoolTeachers(code),
    funds: { publicFundsBudgetYuan: '400000', benchmarkPerStudentYuan: '800', teacherTrainingYuan: '20000', sources: [src('school_funds', code)] },
    sources: [src('schools', code)],
    ...over,
  };
}

/** A district where everything is met: two primary and two junior schools identical (every CV 0). */
export function district(over: Partial<DistrictFacts> = {}): DistrictFacts {
  const ratingCodes = ['G01', 'G02', 'G10', 'G15', 'Q03', 'Q05', 'Q06', 'Q07', 'Q08'];
  return {
    districtCode: '500106', districtName: 'Shapingba', year: 2024,
    schools: [school('P1'), school('P2'), school('J1', { schoolType: 'junior' }), school('J2', { schoolType: 'junior' })],
    civilServantPay: { averageAnnualPayYuan: '110000', sources: [src('civil_servant_pay', '500106/2024')] },
    education: {
      totalStudents: 2000, juniorRetentionRate: '0.9800', disabledEnrolmentRate: '0.9600', catchmentRatePrimary: '1.0000',
      catchmentRateJunior: '0.9700', qualityHsQuotaRate: '0.5500', migrantPublicRate: '0.9000', sources: [src('district_education', '500106/2024')],
    },
    ratings: ratingCodes.map((indicator) => ({ indicator, met: true, note: null, sources: [src('ratings', indicator)] })),
    survey: { respondents: 1000, satisfied: 900, sources: [src('surveys', '500106/2024')] },
    qualityMonitoring: [
      { schoolCode: 'J1', subject: 'math', grade: 8, studentsTested: 100, meanScore: '500', scoreVariance: '2500', level3PlusRate: '0.80', sources: [src('quality_monitoring', 'J1/math')] },
      { schoolCode: 'J2', subject: 'math', grade: 8, studentsTested: 100, meanScore: '510', scoreVariance: '2500', level3PlusRate: '0.70', sources: [src('quality_monitoring', 'J2/math')] },
    ],
    basicBalancePassedYear: 2015,
    ...over,
  };
}
