import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { inList, Location, Ownership, SchoolType } from '../common/vocabulary';
import { District } from '../districts/district.entity';
import { Node, toGlobalId } from '../graphql/node';
import { DepartmentalRow } from '../ingestion/departmental-row';

/** A school (学校) as registered by the education department (dataset `schools`). */
@ObjectType({ implements: Node })
@Entity('schools')
@Check('schools_text_length_check', 'char_length("code") <= 32 AND char_length("name") <= 100')
@Check('schools_type_check', inList('school_type', SchoolType))
@Check('schools_location_check', inList('location', Location))
@Check('schools_ownership_check', inList('ownership', Ownership))
@Index('schools_district_idx', ['districtCode', 'code'])
export class School extends DepartmentalRow implements Node {
  @Field({ description: 'School code (学校标识码)' })
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('School', this.code);
  }

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'schools_district_fk' })
  district?: District;

  @Field(() => SchoolType)
  @Column({ type: 'text' })
  schoolType: SchoolType;

  @Field(() => Location)
  @Column({ type: 'text' })
  location: Location;

  @Field({ description: 'Boarding school (寄宿制)' })
  @Column({ type: 'boolean' })
  boarding: boolean;

  @Field(() => Ownership)
  @Column({ type: 'text' })
  ownership: Ownership;
}
