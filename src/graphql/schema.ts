import 'reflect-metadata';
import { GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage, NonEmptyArray } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { RoleAuthChecker } from '../auth/auth-checker';
import { complianceResolvers } from '../compliance/evaluation.resolver';
import { pricingResolvers } from '../compliance/pricing.resolver';
import { dossierResolvers } from '../dossiers/dossier.resolver';
import { certificationResolvers } from '../dossiers/certification.resolver';
import { trendResolvers } from '../compliance/trend.resolver';
import { DistrictResolver } from '../districts/district.resolver';
import { fundingResolvers } from '../funding/funding.resolver';
import { ingestionResolvers } from '../ingestion/import-batch.resolver';
import { SchoolResolver } from '../schools/school.resolver';
import { TeacherPostingResolver } from '../staffing/teacher-posting.resolver';
import { ledgerResolvers } from '../supervision/ledger.resolver';
import { ratingsResolvers } from '../supervision/ratings.resolver';
import { SourceRefResolver } from './evidence';
import { NodeResolver } from './node.resolver';
import { applyPlainResolvers } from './plain-resolvers';

/** Every resolver class of the graph; a domain adds its resolvers here. */
export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  DistrictResolver,
  SchoolResolver,
  TeacherPostingResolver,
  ...ledgerResolvers,
  ...ratingsResolvers,
  ...complianceResolvers,
  ...pricingResolvers,
  ...dossierResolvers,
  ...certificationResolvers,
  ...trendResolvers,
  ...fundingResolvers,
  SourceRefResolver,
  AuditResolver,
  ...ingestionResolvers,
];

/**
 * Fields that are plain properties (or getters) of their object — no roles, no middleware, no arguments, no field
 * resolver, the same name in the schema and in the class — are read by graphql-js's default resolver instead of
 * type-graphql's wrapper, which for them only allocated a resolver-data object and dispatched an empty middleware
 * list per field per row (a page of a hundred schools reads ~1,500 of them; D124). Decided after the build, from the
 * metadata type-graphql built the schema with: a field with `@Authorized` or a middleware keeps its resolver.
 */
function plainPropertyFields(schema: GraphQLSchema): void {
  const storage = getMetadataStorage() as unknown as {
    objectTypes: { name: string; target: Function; fields?: FieldMetadataLike[] }[];
    fieldResolvers: { methodName: string; getObjectType?: () => Function }[];
  };
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      if (field.roles?.length || field.middlewares?.length || field.params?.length || field.schemaName !== field.name) continue;
      if (typeof Object.getOwnPropertyDescriptor(field.target.prototype, field.name)?.value === 'function') continue;
      if (storage.fieldResolvers.some((r) => r.methodName === field.name && r.getObjectType?.() === field.target)) continue;
      const def = fields[field.schemaName];
      // type-graphql's basic resolver reads root[name] through its (here empty) middleware chain; nothing else is replaced.
      if (def?.resolve && /root\[fieldMetadata\.name\]/.test(def.resolve.toString())) def.resolve = undefined;
    }
  }
}

interface FieldMetadataLike {
  target: Function;
  name: string;
  schemaName: string;
  roles?: unknown[];
  middlewares?: unknown[];
  params?: unknown[];
}

let built: Promise<GraphQLSchema> | null = null;

/** The executable schema (built once per process: type-graphql metadata is global). */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validate: false, authChecker: RoleAuthChecker, authMode: 'error' }).then((schema) => {
    applyPlainResolvers(schema);
    plainPropertyFields(schema);
    return schema;
  });
  return built;
}

/** The SDL as committed in schema/schema.graphql: sorted, so the file changes only when the API does. */
export async function printGraphQLSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildGraphQLSchema())) + '\n';
}
