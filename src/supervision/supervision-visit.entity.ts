import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { inList, VisitStatus } from '../common/vocabulary';
import { Node, toGlobalId } from '../graphql/node';
import { DepartmentalRow } from '../ingestion/departmental-row';
import { School } from '../schools/school.entity';

/** A process supervision visit (过程督导) to a school and the problem found, closed (销号) when rectified. */
@ObjectType({ implements: Node })
@Entity('supervision_visits')
@Check('supervision_visits_text_length_check', 'char_length("visit_id") <= 32 AND char_length("finding") <= 2000')
@Index('supervision_visits_school_idx', ['schoolCode', 'visitedOn'])
@Check('supervision_visits_status_check', inList('status', VisitStatus))
@Check(
  'supervision_visits_rectified_check',
  `("status" = 'rectified') = ("rectified_on" IS NOT NULL) AND ("rectified_on" IS NULL OR "rectified_on" >= "visited_on")`,
)
export class SupervisionVisit extends DepartmentalRow implements Node {
  @Field()
  @PrimaryColumn({ type: 'text' })
  visitId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('SupervisionVisit', this.visitId);
  }

  @Column({ type: 'text' })
  schoolCode: string;

  @ManyToOne(() => School, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'supervision_visits_school_fk' })
  school?: School;

  @Field(() => GraphQLLocalDate, { description: 'Date of the visit' })
  @Column({ type: 'date' })
  visitedOn: string;

  @Field()
  @Column({ type: 'text' })
  finding: string;

  @Field(() => VisitStatus)
  @Column({ type: 'text' })
  status: VisitStatus;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date the problem was rectified (销号)' })
  @Column({ type: 'date', nullable: true })
  rectifiedOn: string | null;
}
