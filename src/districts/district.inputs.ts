import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { DistrictKind } from '../common/vocabulary';
import { SortDirection } from '../graphql/sorting';

@InputType({ description: 'Filters on districts; all given conditions must hold' })
export class DistrictFilter {
  @Field(() => DistrictKind, { nullable: true })
  kind?: DistrictKind | null;

  @Field(() => Int, { nullable: true })
  plannedCertificationYear?: number | null;

  @Field(() => Boolean, { nullable: true })
  certified?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, e.g. 县' })
  nameContains?: string | null;
}

export enum DistrictOrderField {
  CODE = 'code',
  NAME = 'name',
  PLANNED_CERTIFICATION_YEAR = 'plannedCertificationYear',
}
registerEnumType(DistrictOrderField, { name: 'DistrictOrderField' });

@InputType()
export class DistrictOrder {
  @Field(() => DistrictOrderField)
  field: DistrictOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}
