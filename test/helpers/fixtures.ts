import { createHash } from 'node:crypto';
import { DataSource, DeepPartial, EntityTarget, ObjectLiteral } from 'typeorm';
import { QualityMonitoring } from '../../src/assessment/quality-monitoring.entity';
import { BackboneLevel, Degree, Department, DistrictKind, ExpenditureBasis, Location, Ownership, SchoolType, Stage } from '../../src/common/vocabulary';
import { DistrictEducation } from '../../src/districts/district-education.entity';
import { District } from '../../src/districts/district.entity';
import { EducationExpenditure } from '../../src/funding/education-expenditure.entity';
import { SchoolFunds } from '../../src/funding/school-funds.entity';
import { TransferPayment } from '../../src/funding/transfer-payment.entity';
import { ImportBatch, ImportStatus } from '../../src/ingestion/import-batch.entity';
import { SchoolStat } from '../../src/schools/school-stat.entity';
import { School } from '../../src/schools/school.entity';
import { CivilServantPay } from '../../src/staffing/civil-servant-pay.entity';
import { TeacherPosting } from '../../src/staffing/teacher-posting.entity';
import { Rating } from '../../src/supervision/rating.entity';
import { Survey } from '../../src/supervision/survey.entity';

/**
 * Builds fixtures row by row with sensible defaults, each under a fixture import batch of the right department,
 * so tests state only what matters to them.
 */
export class Fixtures {
  private batches = new Map<Department, string>();
  constructor(private readonly ds: DataSource) {}

  async batch(department: Department, dataset = `fixture_${department}`): Promise<string> {
    const existing = this.batches.get(department);
    if (existing) return existing;
    const saved = await this.ds.getRepository(ImportBatch).save({
      department,
      dataset,
      fileName: `fixture-${department}.csv`,
      // Unique per fixture batch: a real delivery's hash identifies its file.
      sha256: createHash('sha256').update(`${department}:${Date.now()}:${Math.random()}`).digest('hex'),
      status: ImportStatus.SUCCEEDED,
      loadedBy: 'test',
    });
    this.batches.set(department, saved.batchId);
    return saved.batchId;
  }

  private async insert<T extends ObjectLiteral>(entity: EntityTarget<T>, department: Department, rows: DeepPartial<T>[]): Promise<T[]> {
    const batchId = await this.batch(department);
    const repo = this.ds.getRepository(entity);
    const made = rows.map((r) => repo.create({ batchId, ...r } as DeepPartial<T>));
    return repo.save(made, { chunk: 1000 });
  }

  districts(...rows: Partial<District>[]) {
    return this.insert(District, Department.PLANNING, rows.map((r, i) => ({
      code: `D${i}`, name: `区${i}`, kind: DistrictKind.DISTRICT, plannedCertificationYear: 2025, certified: false, certifiedYear: null, ...r,
    })));
  }

  schools(...rows: (Partial<School> & { code: string; districtCode: string })[]) {
    return this.insert(School, Department.EDUCATION, rows.map((r) => ({
      name: `学校${r.code}`, schoolType: SchoolType.PRIMARY, location: Location.URBAN, boarding: false, ownership: Ownership.PUBLIC, ...r,
    })));
  }

  stats(...rows: (Partial<SchoolStat> & { schoolCode: string; year: number })[]) {
    return this.insert(SchoolStat, Department.EDUCATION, rows.map((r) => ({
      stage: Stage.PRIMARY, students: 500, classes: 12, maxClassSize: 42, teachingAuxAreaM2: '2500', sportsAreaM2: '4000',
      equipmentValueYuan: '1100000', multimediaRooms: 12, musicRooms: 1, musicRoomMinAreaM2: '100', artRooms: 1, artRoomMinAreaM2: '95', ...r,
    })));
  }

  postings(...rows: (Partial<TeacherPosting> & { teacherId: string; schoolCode: string; year: number })[]) {
    return this.insert(TeacherPosting, Department.STAFFING, rows.map((r) => ({
      stage: Stage.PRIMARY, subject: 'chinese', degree: Degree.BACHELOR, backboneLevel: BackboneLevel.NONE, certified: true,
      trainingHours5y: '400', annualPayYuan: '120000.00', rotationEligible: false, rotated: false, ...r,
    })));
  }

  districtEducation(...rows: (Partial<DistrictEducation> & { districtCode: string; year: number })[]) {
    return this.insert(DistrictEducation, Department.EDUCATION, rows.map((r) => ({ totalStudents: 1000, ...r })));
  }

  expenditure(...rows: (Partial<EducationExpenditure> & { districtCode: string; year: number; generalBudgetEducationYuan: string })[]) {
    return this.insert(EducationExpenditure, Department.FINANCE, rows.map((r) => ({ basis: ExpenditureBasis.FINAL, ...r })));
  }

  schoolFunds(...rows: (Partial<SchoolFunds> & { schoolCode: string; year: number })[]) {
    return this.insert(SchoolFunds, Department.FINANCE, rows.map((r) => ({
      publicFundsBudgetYuan: '500000', publicFundsBenchmarkPerStudentYuan: '800', teacherTrainingYuan: '30000', ...r,
    })));
  }

  transferPayments(...rows: (Partial<TransferPayment> & { districtCode: string; year: number; program: string; amountYuan: string })[]) {
    return this.insert(TransferPayment, Department.FINANCE, rows);
  }

  civilServantPay(...rows: (Partial<CivilServantPay> & { districtCode: string; year: number; averageAnnualPayYuan: string })[]) {
    return this.insert(CivilServantPay, Department.STAFFING, rows);
  }

  qualityMonitoring(...rows: (Partial<QualityMonitoring> & { schoolCode: string; year: number; subject: string })[]) {
    return this.insert(QualityMonitoring, Department.EDUCATION, rows.map((r) => ({
      grade: 8, studentsTested: 100, meanScore: '500', scoreVariance: '2500', level3PlusRate: '0.8', ...r,
    })));
  }

  ratings(...rows: (Partial<Rating> & { districtCode: string; year: number; indicator: string })[]) {
    return this.insert(Rating, Department.SUPERVISION, rows.map((r) => ({ met: true, note: null, ...r })));
  }

  surveys(...rows: (Partial<Survey> & { districtCode: string; year: number })[]) {
    return this.insert(Survey, Department.SUPERVISION, rows.map((r) => ({ respondents: 1000, satisfied: 900, ...r })));
  }
}
