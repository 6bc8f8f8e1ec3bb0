import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Node, toGlobalId } from '../graphql/node';
import { ImportBatch } from '../ingestion/import-batch.entity';
import { Rating } from './rating.entity';
import { Finding } from './finding.entity';
import { FindingEvent } from './finding-event.entity';
import { Survey } from './survey.entity';

/**
 * The bytes of evidence files, stored once per content (sha256): the same photo uploaded twice is kept once.
 * Read only through `Evidence` rows the reader may see (row-level security chains through them).
 */
@Entity('evidence_files')
@Index('evidence_files_sha256_key', ['sha256'], { unique: true })
@Check('evidence_files_size_check', '"byte_size" > 0 AND "byte_size" = octet_length("content")')
export class EvidenceContent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  fileId: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Never loaded with the row: only the download route reads it. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ type: 'integer' })
  byteSize: number;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/**
 * One upload: a file name and who uploaded it, pointing at the stored bytes. Attached by id in mutation inputs;
 * downloadable (GET /evidence/<id>) by whoever may read something it is attached to, by supervisors, and — before
 * it is attached — by the uploader's district.
 */
@ObjectType('EvidenceFile', { implements: Node, description: 'An evidence file (证明材料: photo, PDF, spreadsheet…) uploaded with POST /evidence' })
@Entity('evidence')
@Index('evidence_file_idx', ['fileId'])
export class Evidence implements Node {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  evidenceId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('EvidenceFile', this.evidenceId);
  }

  @Field({ description: 'Download it here (with the same bearer token)' })
  get downloadPath(): string {
    return `/evidence/${this.id}`;
  }

  @Column({ type: 'bigint' })
  fileId: string;

  @ManyToOne(() => EvidenceContent, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'evidence_file_fk' })
  file?: EvidenceContent;

  @Field({ description: 'The file name as uploaded' })
  @Column({ type: 'text' })
  fileName: string;

  /** The uploader's district (district officers); null for uploads by the supervision office. */
  @Column({ type: 'text', nullable: true })
  districtCode: string | null;

  @Field()
  @Column({ type: 'text' })
  uploadedBy: string;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

}

/**
 * What an evidence file is attached to: a finding (and the step of its history that attached it), or the value of a
 * rating or survey as one batch delivered it. The district is kept for row-level security.
 */
@Entity('evidence_links')
@Check('evidence_links_target_check', '(("finding_id" IS NOT NULL)::int + ("rating_id" IS NOT NULL)::int + ("survey_id" IS NOT NULL)::int) = 1')
@Index('evidence_links_evidence_idx', ['evidenceId'])
@Index('evidence_links_finding_idx', ['findingId'])
@Index('evidence_links_rating_idx', ['ratingId'])
@Index('evidence_links_survey_idx', ['surveyId'])
export class EvidenceLink {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  linkId: string;

  @Column({ type: 'bigint' })
  evidenceId: string;

  @ManyToOne(() => Evidence, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'evidence_links_evidence_fk' })
  evidence?: Evidence;

  @Column({ type: 'text' })
  districtCode: string;

  @Column({ type: 'bigint', nullable: true })
  findingId: string | null;

  @ManyToOne(() => Finding, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'evidence_links_finding_fk' })
  finding?: Finding;

  @Column({ type: 'bigint', nullable: true })
  eventId: string | null;

  @ManyToOne(() => FindingEvent, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'evidence_links_event_fk' })
  event?: FindingEvent;

  @Column({ type: 'bigint', nullable: true })
  ratingId: string | null;

  @ManyToOne(() => Rating, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'rating_id', foreignKeyConstraintName: 'evidence_links_rating_fk' })
  rating?: Rating;

  @Column({ type: 'bigint', nullable: true })
  surveyId: string | null;

  @ManyToOne(() => Survey, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'evidence_links_survey_fk' })
  survey?: Survey;

  /** For ratings and surveys: the batch whose value the evidence supports. */
  @Column({ type: 'bigint', nullable: true })
  batchId: string | null;

  @ManyToOne(() => ImportBatch, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'evidence_links_batch_fk' })
  batch?: ImportBatch;

  @Column({ type: 'text' })
  linkedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  linkedAt: Date;
}
