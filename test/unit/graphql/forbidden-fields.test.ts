import 'reflect-metadata';
import { GraphQLSchema, isNonNullType, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildGraphQLSchema } from '../../../src/graphql/schema';

/**
 * A field some viewers may not read answers them null with FORBIDDEN. If the field were non-null, graphql would
 * null its parent instead (up to the nearest nullable field), hiding everything beside it: `school: null` for a
 * refused `teacherId`, `data: null` for a refused `auditEvents`. So every such field is nullable in the schema.
 */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

/** Fields refused in code (not by `@Authorized`): the rows of a connection an analyst may only count, teacher-level batch details. */
const REFUSED_IN_CODE = [
  'TeacherPostingConnection.nodes',
  'TeacherPostingConnection.edges',
  'TeacherPostingConnection.pageInfo',
  'ImportBatch.errors',
  'ImportBatch.history',
  'Query.node',
];

function guardedByAuthorized(): string[] {
  const storage = getMetadataStorage();
  const typeNameOf = (target: Function) => storage.objectTypes.find((o) => o.target === target)?.name;
  return storage.authorizedFields.map((a) => {
    const own = typeNameOf(a.target);
    if (own) return `${own}.${a.fieldName}`;
    if (storage.queries.some((q) => q.target === a.target && q.methodName === a.fieldName)) return `Query.${a.fieldName}`;
    const resolver = storage.fieldResolvers.find((f) => f.target === a.target && f.methodName === a.fieldName);
    const parent = resolver?.getObjectType?.();
    return parent ? `${typeNameOf(parent)}.${a.fieldName}` : `Mutation.${a.fieldName}`;
  });
}

test('every role-guarded field of a query is nullable', () => {
  const guarded = [...guardedByAuthorized().filter((f) => !f.startsWith('Mutation.')), ...REFUSED_IN_CODE];
  expect(guarded).toEqual(expect.arrayContaining(['TeacherPosting.teacherId', 'TeacherPosting.annualPayYuan', 'Query.auditEvents']));
  for (const name of guarded) {
    const [typeName, fieldName] = name.split('.') as [string, string];
    const type = schema.getType(typeName);
    expect(isObjectType(type)).toBe(true);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    expect({ field: name, exists: field !== undefined, nonNull: field ? isNonNullType(field.type) : null }).toEqual({ field: name, exists: true, nonNull: false });
  }
});
