import { Column, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ImportBatch } from './import-batch.entity';

/** Columns every departmental row carries: the import batch that delivered it (and through it the department). */
export abstract class DepartmentalRow {
  @Index()
  @Column({ type: 'bigint' })
  batchId: string;

  @ManyToOne(() => ImportBatch, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'batch_id' })
  batch?: ImportBatch;
}
