import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, NonEmptyArray } from 'type-graphql';
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

let built: Promise<GraphQLSchema> | null = null;

/** The executable schema (built once per process: type-graphql metadata is global). */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validate: false, authChecker: RoleAuthChecker, authMode: 'error' }).then((schema) => {
    applyPlainResolvers(schema);
    return schema;
  });
  return built;
}

/** The SDL as committed in schema/schema.graphql: sorted, so the file changes only when the API does. */
export async function printGraphQLSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildGraphQLSchema())) + '\n';
}
