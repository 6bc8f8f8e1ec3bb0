import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { isMessageCode, render } from '../messages';
import { ImportBatch } from './import-batch.entity';

/**
 * A problem found in a rejected delivery: where it is in the official's spreadsheet and why it is wrong. Only the
 * first problems of a file are kept (the batch counts all of them in `error_count`).
 */
@ObjectType('ImportError', { description: 'A problem found in a delivered file' })
@Entity('import_error')
@Index('import_error_batch_idx', ['batchId', 'errorId'])
export class ImportRowError {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  errorId: string;

  @Column({ type: 'bigint' })
  batchId: string;

  @ManyToOne(() => ImportBatch, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'import_error_batch_fk' })
  batch?: ImportBatch;

  @Field(() => Int, { nullable: true, description: 'Row as numbered in the spreadsheet (header = 1); null for the whole file' })
  @Column({ type: 'integer', nullable: true })
  rowNumber: number | null;

  @Field(() => String, { name: 'column', nullable: true, description: 'Column (file header name), or several for a key' })
  @Column({ type: 'text', nullable: true })
  columnName: string | null;

  @Field(() => String, { nullable: true, description: 'The cell text as delivered' })
  @Column({ type: 'text', nullable: true })
  value: string | null;

  /** The reason as rendered when it was stored (zh-CN; English for rows stored before messages had codes). */
  @Column({ type: 'text', name: 'reason' })
  storedReason: string;

  @Field(() => String, { nullable: true, description: 'Catalogue code of the reason (e.g. IMPORT_NOT_IN_LIST), for a front-end to render its own text; null for problems stored before codes' })
  @Column({ type: 'text', nullable: true })
  messageCode: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The figures of the reason (value, allowed values, limits…), by name' })
  @Column({ type: 'jsonb', nullable: true })
  messageParams: Record<string, unknown> | null;

  @Field({ description: "Why it was rejected, in the reader's language (Accept-Language)" })
  get reason(): string {
    if (this.messageCode && this.messageParams && isMessageCode(this.messageCode)) {
      try {
        return render({ code: this.messageCode, params: this.messageParams as never });
      } catch {
        // a code whose parameters changed shape since: the stored sentence still reads
      }
    }
    return this.storedReason;
  }
}
