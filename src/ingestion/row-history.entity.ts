import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ImportBatch } from './import-batch.entity';

/**
 * Values a re-delivery replaced: the row's key and its former values (as cell text of the data contract), the batch
 * that had delivered them and the batch that replaced them. Nothing a department delivered is ever lost.
 */
@ObjectType({ description: 'Superseded values of one row, kept when a re-delivery replaced them' })
@Entity('row_history')
// A hash index (created by the migration; TypeORM cannot declare one): equality look-ups of a row's history,
// and three times cheaper than a B-tree on jsonb when a correction file rewrites many rows.
@Index('row_history_key_idx', { synchronize: false })
@Index('row_history_replaced_by_idx', ['replacedByBatchId'])
@Index('row_history_delivered_by_idx', ['deliveredByBatchId'])
export class RowHistory {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  historyId: string;

  @Field({ description: 'Dataset of the data contract, e.g. teacher_postings' })
  @Column({ type: 'text' })
  dataset: string;

  @Field(() => GraphQLJSONObject, { description: 'The row\'s key, by file column name' })
  @Column({ type: 'jsonb' })
  key: Record<string, string | null>;

  @Field(() => GraphQLJSONObject, { description: 'The former values, by file column name, as cell text' })
  @Column({ type: 'jsonb', name: 'values' })
  values: Record<string, string | null>;

  @Column({ type: 'bigint' })
  deliveredByBatchId: string;

  @ManyToOne(() => ImportBatch, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'delivered_by_batch_id', foreignKeyConstraintName: 'row_history_delivered_by_fk' })
  deliveredBy?: ImportBatch;

  @Column({ type: 'bigint' })
  replacedByBatchId: string;

  @ManyToOne(() => ImportBatch, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'replaced_by_batch_id', foreignKeyConstraintName: 'row_history_replaced_by_fk' })
  replacedBy?: ImportBatch;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  replacedAt: Date;
}
