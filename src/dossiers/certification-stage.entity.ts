import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { District } from '../districts/district.entity';
import { EvaluationDossier } from './dossier.entity';

/** Where a district stands on the way to the national certification (优质均衡督导评估认定). */
export enum CertificationStageKind {
  SELF_EVALUATION = 'self_evaluation',
  MUNICIPAL_REVIEW = 'municipal_review',
  PROVINCIAL = 'provincial',
  NATIONAL = 'national',
  CERTIFIED = 'certified',
  RECHECK = 'recheck',
}
registerEnumType(CertificationStageKind, {
  name: 'CertificationStageKind',
  description: 'SELF_EVALUATION 县级自评, MUNICIPAL_REVIEW 地市复核, PROVINCIAL 省级评估, NATIONAL 国家评估, CERTIFIED 国家认定, RECHECK 复查',
});

/** One stage a district reached, on a date, with the dossier it rests on when there is one. Append-only. */
@ObjectType({ description: 'A certification stage a district reached, with its date (append-only)' })
@Entity('certification_stages')
@Index('certification_stages_district_idx', ['districtCode', 'reachedOn'])
@Check('certification_stages_stage_check', `"stage" IN ('self_evaluation', 'municipal_review', 'provincial', 'national', 'certified', 'recheck')`)
@Check('certification_stages_note_check', `"note" IS NULL OR char_length("note") <= 2000`)
export class CertificationStage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id', primaryKeyConstraintName: 'PK_certification_stages' })
  stageId: string;

  @Field()
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'certification_stages_district_fk' })
  district?: District;

  @Field(() => CertificationStageKind)
  @Column({ type: 'text' })
  stage: CertificationStageKind;

  @Field(() => GraphQLLocalDate)
  @Column({ type: 'date' })
  reachedOn: string;

  @Column({ type: 'bigint', nullable: true })
  dossierId: string | null;

  @ManyToOne(() => EvaluationDossier, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'certification_stages_dossier_fk' })
  dossier?: EvaluationDossier | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field()
  @Column({ type: 'text' })
  recordedBy: string;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
