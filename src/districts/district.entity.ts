import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { DistrictKind, inList } from '../common/vocabulary';
import { Node, toGlobalId } from '../graphql/node';
import { DepartmentalRow } from '../ingestion/departmental-row';

/** 区县: the unit evaluated. Delivered by planning (dataset `districts`). */
@ObjectType({ implements: Node })
@Entity('districts')
@Check('districts_text_length_check', 'char_length("code") <= 32 AND char_length("name") <= 100')
@Check('districts_kind_check', inList('kind', DistrictKind))
@Check('districts_years_check', '"planned_certification_year" BETWEEN 2000 AND 2100 AND ("certified_year" IS NULL OR "certified_year" BETWEEN 2000 AND 2100) AND ("basic_balance_year" IS NULL OR "basic_balance_year" BETWEEN 2000 AND 2100)')
export class District extends DepartmentalRow implements Node {
  @Field({ description: 'GB/T 2260 administrative code, or a letter code for functional zones' })
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('District', this.code);
  }

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => DistrictKind)
  @Column({ type: 'text' })
  kind: DistrictKind;

  @Field(() => Int, { description: 'Year the municipal plan schedules the national assessment' })
  @Column({ type: 'integer' })
  plannedCertificationYear: number;

  @Field({ description: 'Passed the national 优质均衡 assessment' })
  @Column({ type: 'boolean' })
  certified: boolean;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  certifiedYear: number | null;

  @Field(() => Int, { nullable: true, description: 'Year it passed basic balance (基本均衡), for the precondition shown beside the verdict' })
  @Column({ type: 'integer', nullable: true })
  basicBalanceYear: number | null;
}
