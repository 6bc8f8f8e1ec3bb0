import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { District } from '../districts/district.entity';
import { Node, toGlobalId } from '../graphql/node';
import { DepartmentalRow } from '../ingestion/departmental-row';
import { School } from '../schools/school.entity';

/**
 * A process-supervision visit (过程督导) to a school, or to a district as a whole, and the findings raised on it
 * (see Finding). Delivered by the supervision office in the `supervision_visits` dataset (one finding per row) or
 * recorded through the API (`recordVisit`); both write this table, each row with its batch.
 */
@ObjectType({ implements: Node })
@Entity('supervision_visits')
@Check('supervision_visits_text_length_check', 'char_length("visit_id") <= 64')
@Index('supervision_visits_school_idx', ['schoolCode', 'visitedOn'])
@Index('supervision_visits_district_idx', ['districtCode', 'visitedOn'])
export class SupervisionVisit extends DepartmentalRow implements Node {
  @Field({ description: 'The visit\'s identifier: as delivered in the file, or assigned by recordVisit' })
  @PrimaryColumn({ type: 'text' })
  visitId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('SupervisionVisit', this.visitId);
  }

  /** Null for a visit to the district as a whole. */
  @Column({ type: 'text', nullable: true })
  schoolCode: string | null;

  @ManyToOne(() => School, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'supervision_visits_school_fk' })
  school?: School;

  /** The school's district (kept on the row: row-level security and district visits need it). */
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'supervision_visits_district_fk' })
  district?: District;

  @Field(() => GraphQLLocalDate, { description: 'Date of the visit' })
  @Column({ type: 'date' })
  visitedOn: string;

  @Field(() => String, { nullable: true, description: 'The supervision round, e.g. "2024年春季过程督导"' })
  @Column({ type: 'text', nullable: true })
  round: string | null;

  @Field(() => [String], { description: 'Inspectors on the visit (督导责任人)' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  inspectors: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
