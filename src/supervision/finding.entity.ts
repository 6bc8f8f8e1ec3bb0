import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from '../common/vocabulary';
import { District } from '../districts/district.entity';
import { Node, toGlobalId } from '../graphql/node';
import { DepartmentalRow } from '../ingestion/departmental-row';
import { School } from '../schools/school.entity';
import { FindingSeverity, FindingState } from './ledger.states';
import { SupervisionVisit } from './supervision-visit.entity';

/** The indicator codes of 教督〔2017〕6号 a finding may concern (the standards table has the same list). */
export const INDICATOR_CODE_PATTERN = '^(R[1-7]|G(0[1-9]|1[0-5])|Q0[1-9]|S01|V0[1-3])$';

/**
 * One item of the ledger (台账): a problem found on a visit, at a school or in the district, that the district
 * rectifies and the supervision office closes (销号). Its state changes only through the transitions of
 * `ledger.states.ts`; each is kept as a FindingEvent, and `version` counts them (optimistic concurrency). Nothing is
 * deleted. `source` (the batch) is the delivery that raised it: a file of the `supervision_visits` dataset, or the
 * API write of `raiseFinding`/`recordVisit`.
 */
@ObjectType({ implements: Node, description: '台账 item: a problem found on a supervision visit, rectified by the district and closed (销号) by the supervision office' })
@Entity('supervision_findings')
@Check('supervision_findings_state_check', inList('state', FindingState))
@Check('supervision_findings_severity_check', `"severity" IS NULL OR ${inList('severity', FindingSeverity)}`)
@Check('supervision_findings_indicator_check', `"indicator_code" IS NULL OR "indicator_code" ~ '${INDICATOR_CODE_PATTERN}'`)
@Check('supervision_findings_dates_check', `("due_on" IS NULL OR "due_on" >= "raised_on") AND (("state" = 'closed') = ("closed_on" IS NOT NULL)) AND ("closed_on" IS NULL OR "closed_on" >= "raised_on")`)
@Check('supervision_findings_version_check', '"version" >= 1')
@Check('supervision_findings_text_length_check', 'char_length("description") <= 2000')
@Index('supervision_findings_district_idx', ['districtCode', 'state'])
@Index('supervision_findings_school_idx', ['schoolCode'])
@Index('supervision_findings_visit_idx', ['visitId'])
// The finding a row of the supervision_visits file delivers (key: its visit_id); null for findings raised through the API.
@Index('supervision_findings_import_key', ['importKey'], { unique: true })
export class Finding extends DepartmentalRow implements Node {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  findingId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Finding', this.findingId);
  }

  @Field({ description: 'The finding\'s number in the ledger (台账编号)' })
  get number(): string {
    return this.findingId;
  }

  @Column({ type: 'text' })
  visitId: string;

  @ManyToOne(() => SupervisionVisit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'supervision_findings_visit_fk' })
  visit?: SupervisionVisit;

  @Column({ type: 'text', nullable: true })
  importKey: string | null;

  @Field({ description: 'District the finding concerns (a district officer of it rectifies)' })
  @Column({ type: 'text' })
  districtCode: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'district_code', foreignKeyConstraintName: 'supervision_findings_district_fk' })
  district?: District;

  @Field(() => String, { nullable: true, description: 'School the finding concerns; null for a district-level finding' })
  @Column({ type: 'text', nullable: true })
  schoolCode: string | null;

  @ManyToOne(() => School, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'supervision_findings_school_fk' })
  school?: School;

  @Field(() => String, { nullable: true, description: 'Indicator of 教督〔2017〕6号 it concerns (R1–R7, G01–G15, Q01–Q09, S01, V01–V03), if any' })
  @Column({ type: 'text', nullable: true })
  indicatorCode: string | null;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => FindingSeverity, { nullable: true, description: 'Null when not stated (findings delivered in files)' })
  @Column({ type: 'text', nullable: true })
  severity: FindingSeverity | null;

  @Field(() => [String], { description: 'Inspectors who raised it' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  inspectors: string[];

  @Field(() => GraphQLLocalDate, { description: 'Date it was found (the visit\'s date)' })
  @Column({ type: 'date' })
  raisedOn: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Rectification due date (整改期限); null when none was set' })
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Field(() => FindingState)
  @Column({ type: 'text' })
  state: FindingState;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date it was closed (销号); null unless CLOSED' })
  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Field(() => Int, { description: 'Changes with every transition: send it back as expectedVersion' })
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Field({ description: 'Who raised it (token subject, or the loader of the file)' })
  @Column({ type: 'text' })
  raisedBy: string;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  raisedAt: Date;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
