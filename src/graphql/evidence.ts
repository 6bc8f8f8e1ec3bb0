import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Department } from '../common/vocabulary';
import { ImportBatch } from '../ingestion/import-batch.entity';
import type { Context } from './context';

@ObjectType({ simpleResolvers: true, description: 'One named input of a figure (numerator, denominator, students, …), as an exact string' })
export class EvidenceInput {
  @Field()
  name: string;
  @Field(() => String, { nullable: true })
  value: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A department row (or an aggregate of rows) a figure came from' })
export class SourceRef {
  @Field({ description: 'Dataset of the data contract, e.g. school_stats' })
  dataset: string;
  @Field(() => Department, { nullable: true })
  department: Department | null;
  @Field(() => String, { nullable: true, description: 'Delivered file' })
  fileName: string | null;
  @Field(() => String, { nullable: true, description: 'Import batch id (see importBatch)' })
  batchId: string | null;
  @Field({ description: 'Which row(s): dataset and key' })
  rowKey: string;
}

/** The engine's `inputs` record as a list of name/value pairs (values as exact strings). */
export function evidenceInputs(inputs: Record<string, string | number | null>): EvidenceInput[] {
  return Object.entries(inputs).map(([name, value]) => ({ name, value: value === null ? null : String(value) }));
}

@Resolver(() => SourceRef)
export class SourceRefResolver {
  @FieldResolver(() => ImportBatch, { nullable: true, description: 'The import batch that delivered the row(s)' })
  batch(@Root() s: SourceRef, @Ctx() ctx: Context): Promise<ImportBatch | null> {
    if (!s.batchId) return Promise.resolve(null);
    return ctx.loaders.ingestion.batchById().load(s.batchId);
  }
}
