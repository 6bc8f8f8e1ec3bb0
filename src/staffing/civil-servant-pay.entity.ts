import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { District } from '../districts/district.entity';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';

/** Local civil servants' average annual pay (dataset `civil_servant_pay`, staffing department), for G08. */
@ObjectType()
@Entity('civil_servant_pay')
@Unique('civil_servant_pay_key', ['districtCode', 'year'])
@Check('civil_servant_pay_amount_check', '"average_annual_pay_yuan" >= 0')
export class CivilServantPay extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field()
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'civil_servant_pay_district_fk' })
  district?: District;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => DecimalScalar, { description: 'Average annual pay, yuan' })
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  averageAnnualPayYuan: string;
}
