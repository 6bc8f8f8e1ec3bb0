import { Authorized, Field, ID, Int, ObjectType } from 'type-graphql';
import { TEACHER_LEVEL_READERS } from '../auth/roles';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BackboneLevel, Degree, inList, Stage } from '../common/vocabulary';
import { Node, toGlobalId } from '../graphql/node';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';
import { School } from '../schools/school.entity';

/**
 * A teacher's posting for one school year (dataset `teacher_postings`, staffing department). `teacherId` is a
 * pseudonym: names and ID numbers never enter the hub.
 */
@ObjectType({ implements: Node })
@Entity('teacher_postings')
@Check('teacher_postings_text_length_check', 'char_length("teacher_id") <= 32 AND char_length("subject") <= 32')
@Unique('teacher_postings_key', ['teacherId', 'year'])
@Index('teacher_postings_school_idx', ['schoolCode', 'year', 'stage'])
@Check('teacher_postings_stage_check', inList('stage', Stage))
@Check('teacher_postings_degree_check', inList('degree', Degree))
@Check('teacher_postings_backbone_check', inList('backbone_level', BackboneLevel))
@Check('teacher_postings_subject_check', `"subject" ~ '^[a-z][a-z_]*$'`)
@Check('teacher_postings_numbers_check', '"training_hours_5y" >= 0 AND "annual_pay_yuan" >= 0')
@Check('teacher_postings_rotation_check', 'NOT "rotated" OR "rotation_eligible"')
export class TeacherPosting extends DepartmentalRow implements Node {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('TeacherPosting', this.rowId);
  }

  @Authorized([...TEACHER_LEVEL_READERS])
  // Nullable in the schema: for other roles it is null with its FORBIDDEN error, and the posting's other fields stay.
  @Field(() => String, { nullable: true, description: 'Pseudonymous teacher id, stable across years (staffing and supervisor only)' })
  @Column({ type: 'text' })
  teacherId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  schoolCode: string;

  @ManyToOne(() => School, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'teacher_postings_school_fk' })
  school?: School;

  @Field(() => Stage, { description: 'The stage the teacher teaches (a nine-year school has both)' })
  @Column({ type: 'text' })
  stage: Stage;

  @Field({ description: 'Subject taught, lower-case (pe, music, art, chinese, …)' })
  @Column({ type: 'text' })
  subject: string;

  @Field(() => Degree)
  @Column({ type: 'text' })
  degree: Degree;

  @Field(() => BackboneLevel)
  @Column({ type: 'text' })
  backboneLevel: BackboneLevel;

  @Field({ description: 'Holds a teacher\'s certificate (教师资格证)' })
  @Column({ type: 'boolean' })
  certified: boolean;

  @Field(() => DecimalScalar, { description: 'Training hours completed in the last 5 years' })
  @Column({ type: 'numeric', precision: 8, scale: 1, name: 'training_hours_5y' })
  trainingHours5y: string;

  @Authorized([...TEACHER_LEVEL_READERS])
  @Field(() => DecimalScalar, { nullable: true, description: 'Annual pay, yuan (staffing and supervisor only)' })
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  annualPayYuan: string;

  @Field()
  @Column({ type: 'boolean' })
  rotationEligible: boolean;

  @Field({ description: 'Rotated (交流轮岗) this year' })
  @Column({ type: 'boolean' })
  rotated: boolean;

  @Field({ description: 'Full-time teacher (专任教师); R3 and G12 count full-time teachers only. Delivered as optional, default true' })
  @Column({ type: 'boolean', default: true })
  fullTime: boolean;
}
