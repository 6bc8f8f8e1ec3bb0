import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Stage } from '../common/vocabulary';
import { Blocker, IndicatorStatus, Standard, Verdict } from '../compliance/evaluation.types';
import { UserError } from '../mutations/user-error';
import { DecimalScalar } from '../graphql/scalars';
import { DossierStage, EvaluationDossier } from './dossier.entity';

@InputType({ description: 'Freeze a district\'s evaluation for a year as a dossier of a certification stage' })
export class FreezeEvaluationDossierInput {
  @Field()
  districtCode: string;

  @Field(() => Int)
  year: number;

  @Field(() => DossierStage)
  stage: DossierStage;

  @Field(() => Standard, { defaultValue: Standard.YJ2017 })
  standard: Standard;

  @Field(() => Date, { nullable: true, description: 'Freeze the data as it stood at this instant (not in the future); default: now' })
  asOf?: Date | null;

  @Field(() => String, { nullable: true, description: 'What the dossier is for (≤ 2,000 characters)' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying: the first result comes back and nothing is written twice (≤ 200 characters)' })
  idempotencyKey?: string | null;
}

@ObjectType()
export class EvaluationDossierPayload {
  @Field(() => EvaluationDossier, { nullable: true })
  dossier: EvaluationDossier | null;

  @Field({ description: 'True when this answers a retry (same idempotency key and input): the first call\'s result, nothing written now' })
  replayed: boolean;

  @Field(() => [UserError], { description: 'Expected failures; when not empty, nothing was written' })
  userErrors: UserError[];
}

export enum FigureKind {
  VERDICT = 'VERDICT',
  SCHOOL_COUNT = 'SCHOOL_COUNT',
  SCHOOLS_MEETING_RULE = 'SCHOOLS_MEETING_RULE',
  SPREAD = 'SPREAD',
  SCHOOL_RULE = 'SCHOOL_RULE',
  INDICATOR = 'INDICATOR',
}
registerEnumType(FigureKind, {
  name: 'FigureKind',
  description: 'VERDICT; SCHOOL_COUNT and SCHOOLS_MEETING_RULE of a stage; SPREAD (a CV); SCHOOL_RULE (校校达标 of a school); INDICATOR (G/Q/S/V)',
});

@ObjectType({ description: 'One figure that differs between two evaluations, and the deliveries that changed it' })
export class FigureChange {
  @Field(() => FigureKind)
  kind: FigureKind;
  @Field(() => String, { nullable: true, description: 'Indicator or CV code (CV_R5, G01…); null for the verdict and counts' })
  code: string | null;
  @Field(() => Stage, { nullable: true })
  stage: Stage | null;
  @Field(() => String, { nullable: true })
  schoolCode: string | null;
  @Field(() => IndicatorStatus, { nullable: true })
  statusFrom: IndicatorStatus | null;
  @Field(() => IndicatorStatus, { nullable: true })
  statusTo: IndicatorStatus | null;
  @Field(() => String, { nullable: true, description: 'The older figure as exact text (CV, value, count, indicators met, verdict)' })
  valueFrom: string | null;
  @Field(() => String, { nullable: true })
  valueTo: string | null;
  /** Resolved to ImportBatch by the resolver. */
  batchIds: string[];
}

@ObjectType({ description: 'What a priced plan (or the sum of a district\'s) costs: one-off, yearly, and compared over the years' })
export class PlanMoney {
  @Field(() => DecimalScalar)
  oneOff: string;
  @Field(() => DecimalScalar)
  yearly: string;
  @Field(() => DecimalScalar)
  comparable: string;
}

@ObjectType({ description: 'A failing school part whose cheapest plan (or its price) differs between two evaluations' })
export class PlanChange {
  @Field()
  schoolCode: string;
  @Field(() => Stage)
  stage: Stage;
  @Field(() => PlanMoney, { nullable: true, description: 'Null: no priced plan then (the part passed, lacked data, or was not failing)' })
  from: PlanMoney | null;
  @Field(() => PlanMoney, { nullable: true })
  to: PlanMoney | null;
  @Field(() => String, { nullable: true })
  keptBelowFrom: string | null;
  @Field(() => String, { nullable: true })
  keptBelowTo: string | null;
}

@ObjectType({ description: 'What changed between a dossier and today, or between two dossiers of a district' })
export class EvaluationDiff {
  @Field(() => EvaluationDossier)
  from: EvaluationDossier;
  @Field(() => EvaluationDossier, { nullable: true, description: 'Null: compared with today\'s data' })
  to: EvaluationDossier | null;
  @Field(() => Verdict)
  verdictFrom: Verdict;
  @Field(() => Verdict)
  verdictTo: Verdict;
  @Field(() => [FigureChange])
  changes: FigureChange[];
  @Field(() => [Blocker])
  blockersAdded: Blocker[];
  @Field(() => [Blocker])
  blockersRemoved: Blocker[];
  @Field(() => PlanMoney, { nullable: true, description: 'The district\'s cost to qualify as the older side priced it; null for a dossier frozen before plans were kept' })
  costToQualifyFrom: PlanMoney | null;
  @Field(() => PlanMoney, { description: 'The cost to qualify of the newer side (today: priced with today\'s unit costs)' })
  costToQualifyTo: PlanMoney;
  @Field(() => [PlanChange], { description: 'Failing school parts whose plan or its price changed (empty when the older side kept no plans)' })
  planChanges: PlanChange[];
  batchesAddedIds: string[];
  batchesDroppedIds: string[];
}

