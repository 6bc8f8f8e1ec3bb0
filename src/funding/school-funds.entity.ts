import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';
import { School } from '../schools/school.entity';

/** A school's public funds for a year (dataset `school_funds`, finance department). */
@ObjectType()
@Entity('school_funds')
@Unique('school_funds_key', ['schoolCode', 'year'])
@Check(
  'school_funds_amounts_check',
  '"public_funds_budget_yuan" >= 0 AND "public_funds_benchmark_per_student_yuan" >= 0 AND "teacher_training_yuan" >= 0',
)
export class SchoolFunds extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field()
  @Column({ type: 'text' })
  schoolCode: string;

  @ManyToOne(() => School, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'school_funds_school_fk' })
  school?: School;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => DecimalScalar, { description: 'Annual public-funds budget (公用经费), yuan' })
  @Column({ type: 'numeric', precision: 16, scale: 2 })
  publicFundsBudgetYuan: string;

  @Field(() => DecimalScalar, { description: 'Public-funds benchmark per student (生均公用经费基准定额), yuan' })
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  publicFundsBenchmarkPerStudentYuan: string;

  @Field(() => DecimalScalar, { description: 'Spent on teacher training, yuan' })
  @Column({ type: 'numeric', precision: 16, scale: 2 })
  teacherTrainingYuan: string;
}
