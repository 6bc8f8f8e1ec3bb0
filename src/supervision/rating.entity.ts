import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { District } from '../districts/district.entity';
import { DepartmentalRow } from '../ingestion/departmental-row';

/**
 * An inspector's rating of an indicator (G/Q codes rated on site), or a disqualifying event (V01–V03, 一票否决:
 * `met = false` means the event occurred). Dataset `ratings`, supervision office.
 */
@ObjectType()
@Entity('ratings')
@Check('ratings_text_length_check', 'char_length("note") <= 2000')
@Unique('ratings_key', ['districtCode', 'year', 'indicator'])
@Index('ratings_year_idx', ['year'])
@Check('ratings_indicator_check', `"indicator" ~ '^[A-Z][0-9]{2}$'`)
export class Rating extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field()
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'ratings_district_fk' })
  district?: District;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field({ description: 'Indicator code, e.g. G01, Q06, V02' })
  @Column({ type: 'text' })
  indicator: string;

  @Field()
  @Column({ type: 'boolean' })
  met: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Int, { description: 'Changes with every new value (an import or an API write): send it back as expectedVersion' })
  @Column({ type: 'integer', default: 1 })
  version: number;
}
