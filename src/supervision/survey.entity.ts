import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { District } from '../districts/district.entity';
import { DepartmentalRow } from '../ingestion/departmental-row';

/** Satisfaction survey (社会认可度调查) of a district for a year (dataset `surveys`, supervision office). */
@ObjectType()
@Entity('surveys')
@Unique('surveys_key', ['districtCode', 'year'])
@Check('surveys_counts_check', '"respondents" >= 0 AND "satisfied" >= 0 AND "satisfied" <= "respondents"')
export class Survey extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field()
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'surveys_district_fk' })
  district?: District;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  respondents: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  satisfied: number;

  @Field(() => Int, { description: 'Changes with every new value (an import or an API write): send it back as expectedVersion' })
  @Column({ type: 'integer', default: 1 })
  version: number;
}
