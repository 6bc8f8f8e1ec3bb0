import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';
import { School } from '../schools/school.entity';

/** A school's result in national quality monitoring (国家义务教育质量监测) for a subject and grade (dataset `quality_monitoring`). */
@ObjectType()
@Entity('quality_monitoring')
@Check('quality_monitoring_text_length_check', 'char_length("subject") <= 32')
@Unique('quality_monitoring_key', ['schoolCode', 'year', 'subject', 'grade'])
@Check('quality_monitoring_grade_check', '"grade" IN (4, 8)')
@Index('quality_monitoring_year_idx', ['year'])
@Check(
  'quality_monitoring_values_check',
  '"students_tested" >= 0 AND "score_variance" >= 0 AND "level3_plus_rate" BETWEEN 0 AND 1',
)
export class QualityMonitoring extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field()
  @Column({ type: 'text' })
  schoolCode: string;

  @ManyToOne(() => School, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'quality_monitoring_school_fk' })
  school?: School;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field()
  @Column({ type: 'text' })
  subject: string;

  @Field(() => Int, { description: 'Grade tested: 4 (primary) or 8 (junior); Q09 is judged per subject and grade' })
  @Column({ type: 'integer' })
  grade: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  studentsTested: number;

  @Field(() => DecimalScalar)
  @Column({ type: 'numeric', precision: 10, scale: 3 })
  meanScore: string;

  @Field(() => DecimalScalar)
  @Column({ type: 'numeric', precision: 14, scale: 4 })
  scoreVariance: string;

  @Field(() => DecimalScalar, { description: 'Share of tested students at level III or above, 0–1' })
  @Column({ type: 'numeric', precision: 7, scale: 6 })
  level3PlusRate: string;
}
