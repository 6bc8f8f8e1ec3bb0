import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { District } from '../districts/district.entity';
import { Standard, Verdict } from '../compliance/evaluation.types';
import type { DistrictEvaluationResult } from '../compliance/types';
import type { FrozenPlan } from '../compliance/pricing';
import { Node, toGlobalId } from '../graphql/node';

/** The stage of the certification a dossier is submitted for (县级自评 → 地市复核 → 省级评估 → 国家认定). */
export enum DossierStage {
  SELF_EVALUATION = 'self_evaluation',
  MUNICIPAL_REVIEW = 'municipal_review',
  PROVINCIAL = 'provincial',
  NATIONAL = 'national',
}
registerEnumType(DossierStage, {
  name: 'DossierStage',
  description: 'SELF_EVALUATION 县级自评, MUNICIPAL_REVIEW 地市复核, PROVINCIAL 省级评估, NATIONAL 国家认定',
});

/**
 * A district's evaluation for a year frozen at an instant (评估档案): the whole result (figures, verdict, blockers,
 * evidence) and the import batches it rests on. Immutable (a trigger refuses UPDATE and DELETE), citable by id.
 */
@ObjectType('EvaluationDossier', { implements: Node, description: 'A district\'s evaluation for a year frozen at an instant, immutable and citable by id (评估档案)' })
@Entity('evaluation_dossiers')
@Index('evaluation_dossiers_district_idx', ['districtCode', 'year'])
@Check('evaluation_dossiers_stage_check', `"stage" IN ('self_evaluation', 'municipal_review', 'provincial', 'national')`)
@Check('evaluation_dossiers_verdict_check', `"verdict" IN ('QUALIFIED', 'NOT_QUALIFIED', 'INSUFFICIENT_DATA')`)
@Check('evaluation_dossiers_year_check', `"year" BETWEEN 2000 AND 2100`)
@Check('evaluation_dossiers_note_check', `"note" IS NULL OR char_length("note") <= 2000`)
export class EvaluationDossier implements Node {
  @Field({ description: 'The dossier\'s number (档案号), to cite it; its global id is `id`' })
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id', primaryKeyConstraintName: 'PK_evaluation_dossiers' })
  number: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('EvaluationDossier', this.number);
  }

  @Field()
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'evaluation_dossiers_district_fk' })
  district?: District;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => DossierStage)
  @Column({ type: 'text' })
  stage: DossierStage;

  @Field(() => Standard)
  @Column({ type: 'text' })
  standard: Standard;

  @Field({ description: 'The instant whose data the evaluation was computed from: equals evaluation(year, asOf: this)' })
  @Column({ type: 'timestamptz' })
  asOf: Date;

  @Field(() => Verdict)
  @Column({ type: 'text' })
  verdict: Verdict;

  /** The engine's whole result, as it was computed (served by the `evaluation` field). */
  @Column({ type: 'jsonb' })
  result: DistrictEvaluationResult;

  /**
   * The cheapest priced plan of each failing school part, with the unit costs as they stood at `asOf` (D117): the
   * dossier cites the budget too. Null for a dossier frozen before plans were kept.
   */
  @Column({ type: 'jsonb', nullable: true })
  plans: FrozenPlan[] | null;

  /** Every import batch a figure of the result came from (files and API writes). */
  @Column({ type: 'bigint', array: true })
  batchIds: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field({ description: 'Who froze it (the token\'s subject)' })
  @Column({ type: 'text' })
  frozenBy: string;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  frozenAt: Date;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
