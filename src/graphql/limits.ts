import { ApolloServerPlugin } from '@apollo/server';
import {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LruCache } from '../common/lru-cache';
import type { Config } from '../config';
import { DEFAULT_PAGE_SIZE } from './pagination';

export type Limits = Config['limits'];

function limitError(message: string, limit: string, value: number, max: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, value, max } });
}

/** Depth of a selection set, following fragments; introspection (__schema, __type) is not counted. */
function depthOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, sel.selectionSet ? 1 + depthOf(sel.selectionSet, fragments, seen) : 1);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(sel.selectionSet, fragments, seen));
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue; // an unknown or cyclic spread is reported by graphql's own rules
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** Validation rules: depth, aliases and root fields per operation; each refusal names the limit and the excess. */
export function limitRules(limits: Limits) {
  const depthRule = (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(op: OperationDefinitionNode) {
      const fragments = new Map(
        context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
      );
      const depth = depthOf(op.selectionSet, fragments, new Set());
      if (depth > limits.maxDepth) {
        context.reportError(limitError(`query depth ${depth} exceeds the limit of ${limits.maxDepth} (by ${depth - limits.maxDepth})`, 'depth', depth, limits.maxDepth));
      }
      const roots = op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith('__')).length;
      if (roots > limits.maxRootFields) {
        context.reportError(limitError(`${roots} root fields exceed the limit of ${limits.maxRootFields} (by ${roots - limits.maxRootFields})`, 'rootFields', roots, limits.maxRootFields));
      }
    },
  });
  const aliasRule = (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node: FieldNode) {
        if (node.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > limits.maxAliases) {
            context.reportError(limitError(`${aliases} aliases exceed the limit of ${limits.maxAliases} (by ${aliases - limits.maxAliases})`, 'aliases', aliases, limits.maxAliases));
          }
        },
      },
    };
  };
  return [depthRule, aliasRule];
}

/** A list with `first` costs `first` times its items; everything else costs 1 plus its children. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (!('first' in args) && !('after' in args)) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + Math.max(first, 1) * Math.max(childComplexity, 1);
};

/**
 * Rejects an operation whose estimated cost (with the request's variables) is above the limit. Costs are
 * remembered per query text and variables: dashboards repeat the same few queries.
 */
export function costLimitPlugin(schema: GraphQLSchema, limits: Limits): ApolloServerPlugin {
  const known = new LruCache<number>(5_000);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const key = JSON.stringify([request.operationName ?? null, request.query ?? '', request.variables ?? {}]);
          let cost = known.get(key);
          if (cost === undefined) {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
            if (key.length < 100_000) known.set(key, cost);
          }
          if (cost > limits.maxCost) {
            throw limitError(`query cost ${cost} exceeds the limit of ${limits.maxCost} (by ${cost - limits.maxCost}); ask for smaller pages (first)`, 'cost', cost, limits.maxCost);
          }
        },
      };
    },
  };
}
