import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, Lexer, OperationDefinitionNode, SelectionSetNode, Source, TokenKind } from 'graphql';

/** Counts that never overflow: a fragment bomb doubles them at every level. */
export const SATURATED = Number.MAX_SAFE_INTEGER;
export const saturatingAdd = (a: number, b: number): number => Math.min(a + b, SATURATED);
export const saturatingMul = (a: number, b: number): number => Math.min(a * b, SATURATED);

export interface QueryShape {
  /** Deepest nesting of fields, fragments followed; introspection fields (`__schema`, `__type`…) not counted. */
  depth: number;
  /** Aliased fields, each counted as often as the fragment holding it is spread. */
  aliases: number;
  /** Fields at the root of the operation, fragments expanded (introspection not counted). */
  rootFields: number;
}

/**
 * The shape of one operation, in time linear in the document: each fragment is measured once and its figures
 * reused at every spread (`fragment F2 on Query { ...F1 ...F1 }` doubles the counts without walking F1 twice), so a
 * fragment bomb of 700 bytes that expands to millions of fields is measured in microseconds, never expanded.
 */
export function queryShape(document: DocumentNode, operation: OperationDefinitionNode): QueryShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  /** One figure per fragment, computed at its first spread; a cyclic spread (refused by graphql's own rules) counts 0. */
  const memoised = (measure: (set: SelectionSetNode) => number) => {
    const known = new Map<string, number>();
    const inProgress = new Set<string>();
    return (name: string): number => {
      const value = known.get(name);
      if (value !== undefined) return value;
      const fragment = fragments.get(name);
      if (!fragment || inProgress.has(name)) return 0;
      inProgress.add(name);
      const measured = measure(fragment.selectionSet);
      inProgress.delete(name);
      known.set(name, measured);
      return measured;
    };
  };

  const fragmentDepth = memoised((set) => depth(set));
  function depth(set: SelectionSetNode): number {
    let deepest = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + (sel.selectionSet ? depth(sel.selectionSet) : 0));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depth(sel.selectionSet));
      else deepest = Math.max(deepest, fragmentDepth(sel.name.value));
    }
    return deepest;
  }

  const fragmentAliases = memoised((set) => aliases(set));
  function aliases(set: SelectionSetNode): number {
    let n = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) n = saturatingAdd(n, (sel.alias ? 1 : 0) + (sel.selectionSet ? aliases(sel.selectionSet) : 0));
      else if (sel.kind === Kind.INLINE_FRAGMENT) n = saturatingAdd(n, aliases(sel.selectionSet));
      else n = saturatingAdd(n, fragmentAliases(sel.name.value));
    }
    return n;
  }

  const fragmentRoots = memoised((set) => roots(set));
  function roots(set: SelectionSetNode): number {
    let n = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) n = saturatingAdd(n, sel.name.value.startsWith('__') ? 0 : 1);
      else if (sel.kind === Kind.INLINE_FRAGMENT) n = saturatingAdd(n, roots(sel.selectionSet));
      else n = saturatingAdd(n, fragmentRoots(sel.name.value));
    }
    return n;
  }

  return { depth: depth(operation.selectionSet), aliases: aliases(operation.selectionSet), rootFields: roots(operation.selectionSet) };
}

/** Past these, a document is not even parsed: parsing and graphql's own validation are not linear in every shape. */
export interface LexicalLimits {
  maxTokens: number;
  maxNesting: number;
}

/**
 * Counts the tokens of a query text and the nesting of its brackets, stopping at the first excess: linear, and cheap
 * next to parsing. A very deep text overflows the parser's stack; a long list of conflicting fields makes graphql's
 * overlap check quadratic (5,000 of them take 0.4 s, a 1 MiB body ~15 s). Text that does not lex is left to the parser,
 * which says what is wrong with it.
 */
export function lexicalExcess(text: string, limits: LexicalLimits): 'tokens' | 'nesting' | null {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > limits.maxTokens) return 'tokens';
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) {
        nesting += 1;
        if (nesting > limits.maxNesting) return 'nesting';
      } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) {
        nesting -= 1;
      }
    }
  } catch (err) {
    if (err instanceof GraphQLError) return null;
    throw err;
  }
  return null;
}
