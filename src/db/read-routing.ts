import { OperationTypeNode, parse } from 'graphql';

/**
 * Whether a GraphQL request may write: a mutation (or a document the server cannot tell, which Apollo refuses anyway)
 * runs on the primary, since its write and the reads after it share the request's connection (D80). Only asked when
 * DATABASE_READ_URL is set; everything else reads from the replica.
 */
export function mayWrite(body: unknown): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return true;
  try {
    const operations = parse(query, { noLocation: true }).definitions.filter((d) => d.kind === 'OperationDefinition');
    const chosen = typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    return chosen ? chosen.operation === OperationTypeNode.MUTATION : operations.some((o) => o.operation === OperationTypeNode.MUTATION);
  } catch {
    return true;
  }
}
