import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { isObjectType } from 'graphql';
import { getMetadataStorage, type ClassType } from 'type-graphql';
import type { Context } from './context';

/**
 * Field resolvers that run as plain functions once the schema is built. type-graphql still declares the field (its
 * type, arguments, description) through a `@FieldResolver`, but its wrapper copies the parent into a new instance of
 * the class on every call (`convertToType`: a new object and an `Object.assign` of every property) and allocates its
 * resolver data: on the fields asked once per indicator, school part or blocker of a city evaluation (tens of
 * thousands a request) that was a good share of the answer's execution and garbage (D120). Only for resolvers that
 * need no middleware, no auth check and no argument conversion: the function gets graphql's (root, args, context).
 */
const plain: { type: ClassType; field: string; resolve: GraphQLFieldResolver<any, Context> }[] = [];

export function plainResolver<T>(type: ClassType, field: string, resolve: (root: T, args: Record<string, unknown>, ctx: Context) => unknown): void {
  plain.push({ type, field, resolve: resolve as GraphQLFieldResolver<any, Context> });
}

/**
 * Puts every registered plain resolver in place of type-graphql's wrapper (each must name a field of the schema). A
 * field the class itself declares with `@Field` (e.g. UnitCostEntry's own `sourceCode`) stays as type-graphql built it:
 * there its property is the answer, not the field resolver of the same name.
 */
export function applyPlainResolvers(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const { type, field, resolve } of plain) {
    const meta = storage.objectTypes.find((o) => o.target === type);
    if (meta?.fields?.some((f) => f.schemaName === field)) continue;
    const name = meta?.name ?? type.name;
    const object = schema.getType(name);
    const def = isObjectType(object) ? object.getFields()[field] : undefined;
    if (!def) throw new Error(`plainResolver: no field ${name}.${field} in the schema`);
    def.resolve = resolve;
  }
}
