import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { District } from '../districts/district.entity';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';

/** A transfer payment (转移支付) to a district for a year and programme (dataset `transfer_payments`, finance). */
@ObjectType()
@Entity('transfer_payments')
@Check('transfer_payments_text_length_check', 'char_length("program") <= 32')
@Unique('transfer_payments_key', ['districtCode', 'year', 'program'])
@Index('transfer_payments_year_idx', ['year', 'program'])
@Check('transfer_payments_amount_check', '"amount_yuan" >= 0')
export class TransferPayment extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field()
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'transfer_payments_district_fk' })
  district?: District;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field({ description: 'Programme code, e.g. compulsory_education_guarantee' })
  @Column({ type: 'text' })
  program: string;

  @Field(() => DecimalScalar, { description: 'Amount, yuan' })
  @Column({ type: 'numeric', precision: 20, scale: 2 })
  amountYuan: string;
}
