import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { inList } from '../common/vocabulary';
import { Node, toGlobalId } from '../graphql/node';
import { ImportBatch } from '../ingestion/import-batch.entity';
import { Finding } from './finding.entity';
import { FindingAction, FindingState } from './ledger.states';

/**
 * One step of a finding's history: who did what, when, why, with which plan and evidence. Written in the same
 * transaction as the change it records, never updated or deleted. `version` is the finding's version after the
 * step, unique per finding: two writers can never both move a finding from the same version.
 */
@ObjectType({ implements: Node, description: 'One step of a finding\'s history (raised, responded, submitted, returned, closed, reopened)' })
@Entity('supervision_finding_events')
@Unique('supervision_finding_events_version_key', ['findingId', 'version'])
@Check('supervision_finding_events_action_check', inList('action', FindingAction))
@Check('supervision_finding_events_to_check', inList('to_state', FindingState))
@Index('supervision_finding_events_district_idx', ['districtCode'])
// changedSince reads events in commit-safe order: by writing transaction, then id.
@Index('supervision_finding_events_xid_idx', ['xid', 'eventId'])
export class FindingEvent implements Node {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  eventId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('FindingEvent', this.eventId);
  }

  @Column({ type: 'bigint' })
  findingId: string;

  @ManyToOne(() => Finding, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'supervision_finding_events_finding_fk' })
  finding?: Finding;

  /** The finding's district, kept on the row for row-level security. */
  @Column({ type: 'text' })
  districtCode: string;

  @Field(() => FindingAction)
  @Column({ type: 'text' })
  action: FindingAction;

  @Field(() => FindingState, { nullable: true, description: 'Null for RAISE' })
  @Column({ type: 'text', nullable: true })
  fromState: FindingState | null;

  @Field(() => FindingState)
  @Column({ type: 'text' })
  toState: FindingState;

  @Field(() => Int, { description: 'The finding\'s version after this step' })
  @Column({ type: 'integer' })
  version: number;

  @Field({ description: 'Who: the token subject, or the loader of the file for steps a delivery recorded' })
  @Column({ type: 'text' })
  actor: string;

  @Field(() => String, { nullable: true, description: 'The actor\'s role (null for steps a file delivery recorded)' })
  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Field({ description: 'When it was recorded' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Field(() => GraphQLLocalDate, { description: 'The date the step took effect (e.g. the closing date)' })
  @Column({ type: 'date' })
  effectiveOn: string;

  @Field(() => String, { nullable: true, description: 'Why: the reason of a return or a reopening' })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'The rectification plan (整改方案) of a response' })
  @Column({ type: 'text', nullable: true })
  plan: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the district plans to finish (a response)' })
  @Column({ type: 'date', nullable: true })
  plannedCompletionOn: string | null;

  @Field(() => String, { nullable: true, description: 'The rectification report of a submission, or a note' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The due date set by this step (raise, return, reopen)' })
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Field(() => String, { nullable: true, description: 'The HTTP request that made the change (API steps)' })
  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  /** The delivery that recorded the step: an import (file steps), or the API batch of a raise. */
  @Column({ type: 'bigint', nullable: true })
  batchId: string | null;

  @ManyToOne(() => ImportBatch, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'supervision_finding_events_batch_fk' })
  batch?: ImportBatch;

  /** The writing transaction (pg_current_xact_id), for changedSince. */
  @Column({ type: 'bigint' })
  xid: string;
}
