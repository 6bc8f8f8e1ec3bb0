import { Field, InputType } from 'type-graphql';
import { Department } from '../common/vocabulary';
import { ImportStatus } from './import-batch.entity';

@InputType({ description: 'Filters on import batches; all given conditions must hold' })
export class ImportBatchFilter {
  @Field(() => String, { nullable: true, description: 'Dataset of the data contract, e.g. teacher_postings' })
  dataset?: string | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => ImportStatus, { nullable: true })
  status?: ImportStatus | null;
}
