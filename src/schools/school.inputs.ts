import { Field, InputType, registerEnumType } from 'type-graphql';
import { Location, SchoolType, Stage } from '../common/vocabulary';
import { SortDirection } from '../graphql/sorting';

@InputType({ description: 'Filters on schools; all given conditions must hold' })
export class SchoolFilter {
  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => SchoolType, { nullable: true })
  schoolType?: SchoolType | null;

  @Field(() => Stage, { nullable: true, description: 'Schools that teach this stage (a nine-year school teaches both)' })
  stage?: Stage | null;

  @Field(() => Location, { nullable: true })
  location?: Location | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, e.g. 小学 (case-insensitive)' })
  nameContains?: string | null;
}

export enum SchoolOrderField {
  CODE = 'code',
  NAME = 'name',
  DISTRICT_CODE = 'districtCode',
  SCHOOL_TYPE = 'schoolType',
}
registerEnumType(SchoolOrderField, { name: 'SchoolOrderField' });

@InputType()
export class SchoolOrder {
  @Field(() => SchoolOrderField)
  field: SchoolOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}
