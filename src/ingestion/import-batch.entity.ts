import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Department, inList } from '../common/vocabulary';
import { Node, toGlobalId } from '../graphql/node';

export enum ImportStatus {
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  REJECTED = 'rejected',
  FAILED = 'failed',
}
registerEnumType(ImportStatus, { name: 'ImportStatus' });

/** How a batch arrived: a delivered file (or the seed), or one write through the API (docs/supervision.md). */
export enum BatchKind {
  FILE = 'file',
  API = 'api',
}
registerEnumType(BatchKind, { name: 'BatchKind', description: 'FILE: a delivered file (or the demo seed); API: one mutation through the API' });

/**
 * One delivery of one dataset by one department (a file, or the demo seed). Every departmental row points to
 * the batch that delivered it, so each figure can be traced to its department, file and row.
 */
@ObjectType({ implements: Node })
@Entity('import_batch')
@Check('import_batch_file_name_length_check', 'char_length("file_name") <= 255')
@Check('import_batch_department_check', inList('department', Department))
@Check('import_batch_status_check', inList('status', ImportStatus))
@Check('import_batch_kind_check', inList('kind', BatchKind))
@Check('import_batch_counts_check', '"rows_total" >= 0 AND "rows_inserted" >= 0 AND "rows_updated" >= 0 AND "rows_unchanged" >= 0 AND "rows_rejected" >= 0')
@Index('import_batch_dataset_idx', ['dataset', 'createdAt'])
// A file is applied once: the same bytes delivered again are reported as already imported (see ingestion/pipeline).
@Index('import_batch_delivery_key', ['dataset', 'sha256'], { unique: true, where: `"status" = 'succeeded'` })
export class ImportBatch implements Node {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  batchId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('ImportBatch', this.batchId);
  }

  @Field(() => Department)
  @Column({ type: 'text' })
  department: Department;

  @Field({ description: 'Dataset name of the data contract, e.g. teacher_postings' })
  @Column({ type: 'text' })
  dataset: string;

  @Field({ description: 'Name of the delivered file (or "seed:<generator>" for demo data)' })
  @Column({ type: 'text' })
  fileName: string;

  @Field({ description: 'SHA-256 of the delivered bytes, hex' })
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  rowsTotal: number;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  rowsInserted: number;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  rowsUpdated: number;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  rowsUnchanged: number;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  rowsRejected: number;

  @Field(() => Int, { description: 'Problems found in a rejected file (all of them; only the first are kept as errors)' })
  @Column({ type: 'integer', default: 0 })
  errorCount: number;

  @Field(() => ImportStatus)
  @Column({ type: 'text' })
  status: ImportStatus;

  @Field(() => String, { nullable: true, description: 'Text encoding of a CSV delivery as read: utf-8, or gb18030 (GBK, what Excel on a Chinese Windows saves as "CSV"); null for XLSX and generated data' })
  @Column({ type: 'text', nullable: true })
  encoding: string | null;

  @Field({ description: 'Who loaded it (user or system)' })
  @Column({ type: 'text' })
  loadedBy: string;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => BatchKind)
  @Column({ type: 'text', default: BatchKind.FILE })
  kind: BatchKind;

  @Field(() => String, { nullable: true, description: 'The HTTP request of an API write (its X-Request-Id, or one the hub assigned)' })
  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
