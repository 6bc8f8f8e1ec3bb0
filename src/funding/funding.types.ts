import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ExpenditureBasis } from '../common/vocabulary';
import { SourceRef } from '../graphql/evidence';
import { DecimalScalar } from '../graphql/scalars';
import type { NestedMessage } from '../messages';

export enum FundingCheckStatus {
  MET = 'MET',
  VIOLATED = 'VIOLATED',
  NO_DATA = 'NO_DATA',
}
registerEnumType(FundingCheckStatus, { name: 'FundingCheckStatus', description: 'NO_DATA: a figure is missing — never a pass' });

@ObjectType()
export class FundingEvidence {
  @Field(() => [SourceRef])
  sources: SourceRef[];
  // `notes` (basis used, missing figures, rounding remarks) and `noteMessages`: see funding.resolver.ts.
  notes: NestedMessage[];
  // `inputs` is resolved from the rule's record (see FundingResolver).
}

@ObjectType({ description: '两个只增不减 for one year against the year before (docs/funding.md)' })
export class FundingCheckYear {
  @Field(() => Int)
  year: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'General public budget education expenditure, yuan (exact)' })
  expenditure: string | null;
  @Field(() => ExpenditureBasis, { nullable: true, description: 'FINAL (决算) when delivered, else BUDGET' })
  basis: ExpenditureBasis | null;
  @Field(() => Int, { nullable: true, description: 'Enrolled students (district_education.total_students)' })
  enrolment: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Expenditure per student, yuan, rounded half-up to 2 places for display' })
  perStudent: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  previousExpenditure: string | null;
  @Field(() => ExpenditureBasis, { nullable: true })
  previousBasis: ExpenditureBasis | null;
  @Field(() => Int, { nullable: true })
  previousEnrolment: number | null;
  @Field(() => DecimalScalar, { nullable: true })
  previousPerStudent: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  totalChange: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'A fraction, 4 places' })
  totalChangeRate: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  perStudentChange: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  perStudentChangeRate: string | null;
  @Field(() => FundingCheckStatus, { description: 'Expenditure not below the year before' })
  totalCheck: FundingCheckStatus;
  @Field(() => FundingCheckStatus, { description: 'Expenditure per student not below the year before (compared exactly)' })
  perStudentCheck: FundingCheckStatus;
  @Field(() => FundingEvidence)
  evidence: FundingEvidence;
}

@ObjectType()
export class FundingViolation {
  @Field()
  districtCode: string;
  @Field(() => FundingCheckYear)
  check: FundingCheckYear;
}

@ObjectType()
export class FundingCheckCounts {
  @Field(() => Int)
  met: number;
  @Field(() => Int)
  violated: number;
  @Field(() => Int)
  noData: number;
}

@ObjectType()
export class BasisCounts {
  @Field(() => Int)
  final: number;
  @Field(() => Int)
  budget: number;
}

@ObjectType({ description: 'The two never-decrease checks over every district for a year' })
export class CityFundingSummary {
  @Field(() => Int)
  year: number;
  @Field(() => Int)
  districtCount: number;
  @Field(() => FundingCheckCounts)
  totalCheck: FundingCheckCounts;
  @Field(() => FundingCheckCounts)
  perStudentCheck: FundingCheckCounts;
  @Field(() => DecimalScalar)
  totalExpenditure: string;
  @Field(() => Int)
  districtsWithExpenditure: number;
  @Field(() => Int)
  totalEnrolment: number;
  @Field(() => Int)
  districtsWithEnrolment: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Σ expenditure / Σ enrolment over districts with both' })
  perStudentAverage: string | null;
  @Field(() => Int)
  districtsInAverage: number;
  @Field(() => BasisCounts)
  basisCounts: BasisCounts;
  @Field(() => [String])
  violatingDistricts: string[];
  notes: NestedMessage[];
}

@ObjectType({ description: 'Transfer payments (转移支付) of a year summed by programme or by district, with the change on the year before' })
export class TransferTotal {
  @Field({ description: 'Programme code or district code' })
  key: string;
  @Field(() => DecimalScalar)
  amountYuan: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Same key, year before' })
  previousAmountYuan: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  change: string | null;
}

@ObjectType()
export class CityTransferPayments {
  @Field(() => Int)
  year: number;
  @Field(() => DecimalScalar)
  totalYuan: string;
  @Field(() => DecimalScalar, { nullable: true })
  previousTotalYuan: string | null;
  @Field(() => [TransferTotal])
  byProgram: TransferTotal[];
  @Field(() => [TransferTotal])
  byDistrict: TransferTotal[];
}
