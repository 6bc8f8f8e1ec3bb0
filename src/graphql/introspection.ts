import { getNamedType, GraphQLError, isIntrospectionType, ValidationContext, ValidationRule } from 'graphql';
import { msg, render } from '../messages';

/**
 * Refuses `__schema` and `__type` (GRAPHQL_INTROSPECTION=false, the production default), in the client's language;
 * `__typename` stays, clients need it. The same check as graphql-js' NoSchemaIntrospectionCustomRule.
 */
export const introspectionDisabled: ValidationRule = (context: ValidationContext) => ({
  Field(node) {
    const type = getNamedType(context.getType());
    if (type && isIntrospectionType(type)) {
      const message = msg('INTROSPECTION_DISABLED', { field: node.name.value });
      context.reportError(
        new GraphQLError(render(message), { nodes: node, extensions: { messageCode: message.code, messageParams: message.params } }),
      );
    }
  },
});
