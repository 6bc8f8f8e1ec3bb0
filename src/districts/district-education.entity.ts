import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { District } from './district.entity';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';

const RATES = ['junior_retention_rate', 'disabled_enrolment_rate', 'catchment_rate_primary', 'catchment_rate_junior', 'quality_hs_quota_rate', 'migrant_public_rate'];

/** District-level education statistics for one year (dataset `district_education`, education department). */
@ObjectType()
@Entity('district_education')
@Unique('district_education_key', ['districtCode', 'year'])
@Check('district_education_students_check', '"total_students" >= 0')
@Check('district_education_rates_check', RATES.map((c) => `("${c}" IS NULL OR "${c}" BETWEEN 0 AND 1)`).join(' AND '))
@Index('district_education_year_idx', ['year'])
export class DistrictEducation extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field()
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'district_education_district_fk' })
  district?: District;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => Int, { description: 'Enrolled students of all levels (在校学生数), the funding rule\'s denominator' })
  @Column({ type: 'integer' })
  totalStudents: number;

  @Field(() => DecimalScalar, { nullable: true, description: '初中三年巩固率, a fraction 0–1' })
  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  juniorRetentionRate: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Enrolment rate of children with disabilities, 0–1' })
  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  disabledEnrolmentRate: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Primary enrolment by catchment (就近入学), 0–1' })
  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  catchmentRatePrimary: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Junior enrolment by catchment, 0–1' })
  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  catchmentRateJunior: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Share of quality high-school places allocated by quota, 0–1' })
  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  qualityHsQuotaRate: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Share of eligible migrant children in public schools, 0–1' })
  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  migrantPublicRate: string | null;
}
