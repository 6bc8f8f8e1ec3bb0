import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { getVariableValues, GraphQLError, GraphQLSchema, Kind, print } from 'graphql';
import { sendError } from '../common/http-errors';
import { LruCache } from '../common/lru-cache';
import type { Config } from '../config';
import { Message, msg } from '../messages';
import type { Context } from './context';
import { eachDistrictEvaluation, EVALUATION_CACHE_SCHOOL_PARTS } from '../compliance/evaluation.service';
import { visibleDistrictCodes } from '../districts/district.service';
import { CostEstimate, estimateCost, NOTHING_OBSERVED, ObservedSizes, observeSizes, scopeKey, scopeSizes } from './cost';
import { badInput, DomainError, ErrorCode, HTTP_STATUS, refusal } from './errors';
import { lexicalExcess, queryShape, QueryShape } from './query-shape';

export type Limits = Config['limits'];

/**
 * Brackets nested deeper than this are refused before parsing (graphql's parser recurses per level and overflows the
 * stack at a few thousand). Far above any query the depth limit lets through, introspection included.
 */
export const MAX_NESTING = 128;

export type LimitName = 'depth' | 'aliases' | 'rootFields' | 'cost' | 'work' | 'tokens' | 'nesting';

/** A refusal by one limit: QUERY_LIMIT_EXCEEDED (HTTP 400) with the limit, the query's value and the maximum. */
export function limitExceeded(limit: LimitName, message: Message, max: number, value?: number): DomainError {
  return new DomainError(ErrorCode.QUERY_LIMIT_EXCEEDED, message, { limit, ...(value === undefined ? {} : { value }), max });
}

/**
 * Express middleware in front of Apollo: a query text with too many tokens or too deep a nesting is refused before it
 * is parsed (docs/access.md), in the one error shape of the hub, in the client's language.
 */
export function lexicalLimits(limits: Limits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const query = req.method === 'GET' ? req.query?.query : (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string') return next();
    const excess = lexicalExcess(query, { maxTokens: limits.maxTokens, maxNesting: MAX_NESTING });
    if (!excess) return next();
    const error =
      excess === 'tokens'
        ? limitExceeded('tokens', msg('QUERY_TOKENS_EXCEEDED', { max: limits.maxTokens }), limits.maxTokens)
        : limitExceeded('nesting', msg('QUERY_NESTING_EXCEEDED', { max: MAX_NESTING }), MAX_NESTING);
    sendError(req, res, HTTP_STATUS[error.code]!, error.code, error.text, error.details);
  };
}

/** Past this many characters a query and its variables are not worth remembering (the check itself is linear). */
const MAX_KEY_LENGTH = 100_000;

/**
 * The limits of an operation, checked after graphql's validation and before anything runs: depth, aliases and root
 * fields from the document (fragments measured once each, so linear in its size), then the cost with the request's
 * variables and the sizes in the viewer's scope (src/graphql/cost.ts), then the year arguments. Each refusal is a 400
 * with its code. Both figures are remembered per query text: dashboards repeat the same few queries.
 */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: Limits): ApolloServerPlugin<Context> {
  const shapes = new LruCache<QueryShape>(5_000);
  const costs = new LruCache<CostEstimate>(5_000);
  /** List lengths of evaluated years, per data version and viewer scope. */
  const observations = new LruCache<ObservedSizes>(1_000);
  const remember = <V>(cache: LruCache<V>, key: string, compute: () => V): V => {
    const known = cache.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (key.length < MAX_KEY_LENGTH) cache.set(key, value);
    return value;
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          // No operation to run (several without operationName, or an unknown name): Apollo answers
          // OPERATION_RESOLUTION_FAILURE (400) and runs nothing.
          if (!operation) return;
          const text = request.query ?? '';
          const opName = operation.name?.value ?? null;
          const shape = remember(shapes, JSON.stringify([opName, text]), () => queryShape(document, operation));
          if (shape.depth > limits.maxDepth) {
            throw refusal(limitExceeded('depth', msg('QUERY_DEPTH_EXCEEDED', { value: shape.depth, max: limits.maxDepth }), limits.maxDepth, shape.depth));
          }
          if (shape.aliases > limits.maxAliases) {
            throw refusal(limitExceeded('aliases', msg('QUERY_ALIASES_EXCEEDED', { value: shape.aliases, max: limits.maxAliases }), limits.maxAliases, shape.aliases));
          }
          if (shape.rootFields > limits.maxRootFields) {
            throw refusal(
              limitExceeded('rootFields', msg('QUERY_ROOT_FIELDS_EXCEEDED', { value: shape.rootFields, max: limits.maxRootFields }), limits.maxRootFields, shape.rootFields),
            );
          }

          // The variables as execution will see them: a missing or mistyped one is BAD_USER_INPUT (400), as execution
          // would answer, but naming the variable in the client's language; nothing runs.
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          if (coerced.errors) {
            const refused = variableRefusal(request.variables ?? {}, coerced.errors[0]!);
            if (refused) throw refusal(refused);
            return; // an error this does not recognise: execution reports it (400 BAD_USER_INPUT)
          }
          const base = JSON.stringify([opName, text, coerced.coerced]);
          let estimate = remember(costs, `${base}|unsized`, () => estimateCost(schema, document, operation, coerced.coerced, null));
          if (estimate.yearRefusal) throw refusal(estimate.yearRefusal);
          if (estimate.usedSizes) {
            const sizes = await scopeSizes(contextValue);
            estimate = remember(costs, `${base}|${JSON.stringify(sizes)}`, () => estimateCost(schema, document, operation, coerced.coerced, sizes));
            // Observing is worth it only when the evaluations stay cached for the execution: a scope larger than the
            // evaluation cache (a province) would compute them twice, so its lists are priced by their bounds (D123).
            if (estimate.cost > limits.maxCost && estimate.unobservedYears.length && sizes.parts <= EVALUATION_CACHE_SCHOOL_PARTS) {
              // Over budget on the bounds of its evaluations' lists (every school failing): price it on what those
              // years really hold, if the work alone would be allowed (D30). The evaluations are cached for execution.
              const scope = await scopeKey(contextValue);
              const seen = { get: (year: number) => observations.get(`${scope}|${year}`) };
              const optimistic = { get: (year: number) => seen.get(year) ?? NOTHING_OBSERVED };
              if (estimateCost(schema, document, operation, coerced.coerced, sizes, optimistic).cost <= limits.maxCost) {
                for (const year of estimate.unobservedYears) {
                  if (seen.get(year)) continue;
                  // District by district, keeping the counts only (D123): a province's results do not fit the heap.
                  const observed = structuredClone(NOTHING_OBSERVED);
                  await eachDistrictEvaluation(contextValue, await visibleDistrictCodes(contextValue), year, undefined, (e) => observeSizes([e], observed));
                  observations.set(`${scope}|${year}`, observed);
                }
                estimate = estimateCost(schema, document, operation, coerced.coerced, sizes, seen);
              }
            }
          }
          // The work first: a query whose values would fit may still ask for more evaluations than one request may run.
          if (estimate.work > limits.maxWork) {
            throw refusal(limitExceeded('work', msg('QUERY_WORK_EXCEEDED', { value: estimate.work, max: limits.maxWork }), limits.maxWork, estimate.work));
          }
          if (estimate.cost > limits.maxCost) {
            throw refusal(limitExceeded('cost', msg('QUERY_COST_EXCEEDED', { value: estimate.cost, max: limits.maxCost }), limits.maxCost, estimate.cost));
          }
        },
      };
    },
  };
}

/** graphql's refusal of a variable, as a catalogue message naming it, its type and the value given. */
function variableRefusal(given: Record<string, unknown>, error: GraphQLError): DomainError | null {
  const node = error.nodes?.[0];
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return null;
  const variable = node.variable.name.value;
  const type = print(node.type);
  const value = given[variable];
  if (value === undefined && !node.defaultValue) return badInput(`$${variable}`, msg('VARIABLE_MISSING', { variable, type }));
  const shown = JSON.stringify(value) ?? String(value);
  const got = shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
  const detail = error.message.includes('; ') ? error.message.slice(error.message.indexOf('; ') + 2).slice(0, 300) : '';
  return badInput(`$${variable}`, msg('VARIABLE_INVALID', { variable, type, got, detail }));
}
