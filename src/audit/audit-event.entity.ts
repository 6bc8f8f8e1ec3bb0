import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { inList } from '../common/vocabulary';
import { Node, toGlobalId } from '../graphql/node';

export enum AuditAction {
  /** A delivery through POST /imports or the CLI. */
  IMPORT = 'import',
  /** Any other change of data. */
  WRITE = 'write',
  /** A request or field refused for want of permission or authentication. */
  DENIED = 'denied',
}
registerEnumType(AuditAction, { name: 'AuditAction' });

export enum AuditOutcome {
  SUCCEEDED = 'succeeded',
  REJECTED = 'rejected',
  DENIED = 'denied',
  FAILED = 'failed',
}
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

/** Who did (or tried) what, when, and what came of it. Written by the owner connection, read by supervisors. */
@ObjectType({ implements: Node })
@Entity('audit_event')
@Index('audit_event_at_idx', ['at'])
@Index('audit_event_subject_idx', ['subject', 'at'])
@Check('audit_event_action_check', inList('action', AuditAction))
@Check('audit_event_outcome_check', inList('outcome', AuditOutcome))
export class AuditEvent implements Node {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  eventId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('AuditEvent', this.eventId);
  }

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Field({ description: 'Token subject, "anonymous" without a valid token, or "system"' })
  @Column({ type: 'text' })
  subject: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  district: string | null;

  @Field(() => AuditAction)
  @Column({ type: 'text' })
  action: AuditAction;

  @Field({ description: 'What was acted on, e.g. "POST /imports/teacher_postings" or "TeacherPosting.annualPayYuan"' })
  @Column({ type: 'text' })
  target: string;

  @Field(() => AuditOutcome)
  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Field(() => GraphQLJSONObject, { description: 'Reason, batch id, counts…' })
  @Column({ type: 'jsonb' })
  detail: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
