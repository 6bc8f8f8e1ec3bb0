import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ExpenditureBasis, inList } from '../common/vocabulary';
import { District } from '../districts/district.entity';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';

/** 一般公共预算教育支出 of a district for a year, on a basis (dataset `education_expenditure`, finance). */
@ObjectType()
@Entity('education_expenditure')
@Unique('education_expenditure_key', ['districtCode', 'year', 'basis'])
@Check('education_expenditure_basis_check', inList('basis', ExpenditureBasis))
@Check('education_expenditure_amount_check', '"general_budget_education_yuan" >= 0')
export class EducationExpenditure extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field()
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'education_expenditure_district_fk' })
  district?: District;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => ExpenditureBasis)
  @Column({ type: 'text' })
  basis: ExpenditureBasis;

  @Field(() => DecimalScalar, { description: 'General public budget education expenditure, yuan' })
  @Column({ type: 'numeric', precision: 20, scale: 2 })
  generalBudgetEducationYuan: string;
}
