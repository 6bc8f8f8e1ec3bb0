import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first result of a mutation sent with an idempotency key: a retry with the same key (same subject, same
 * input) gets this result back and changes nothing. Written in the mutation's own transaction, so a key is taken
 * exactly when its write commits; readable only by the writing subject (row-level security).
 */
@Entity('mutation_receipts')
export class MutationReceipt {
  @PrimaryColumn({ type: 'text' })
  subject: string;

  @PrimaryColumn({ type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  mutation: string;

  /** SHA-256 of the input (without the key): a key reused for another input is refused. */
  @Column({ type: 'char', length: 64 })
  inputSha256: string;

  /** Ids of what the first call created or changed, to answer a retry with. */
  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
