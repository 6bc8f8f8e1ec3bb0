import { getOperationAST, parse } from 'graphql';
import { lexicalExcess, queryShape, SATURATED } from '../../../src/graphql/query-shape';

function shapeOf(text: string) {
  const document = parse(text);
  return queryShape(document, getOperationAST(document)!);
}

/** `fragment Fi on Query { ...F(i-1) ...F(i-1) }`: 2^n copies of F0 in ~30·n bytes. */
function fragmentBomb(n: number, leaf: string): string {
  let text = `query { ...F${n} }\nfragment F0 on Query { ${leaf} }\n`;
  for (let i = 1; i <= n; i++) text += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  return text;
}

describe('the shape of a query, fragments followed', () => {
  test('depth counts fields, not fragments or inline fragments, and skips introspection', () => {
    expect(shapeOf('{ districts { nodes { code } } }').depth).toBe(3);
    expect(shapeOf('{ ...A } fragment A on Query { districts { ...B } } fragment B on DistrictConnection { nodes { code } }').depth).toBe(3);
    expect(shapeOf('{ node(id: "x") { ... on School { district { code } } } }').depth).toBe(3);
    expect(shapeOf('{ __schema { types { fields { type { ofType { name } } } } } }').depth).toBe(0);
  });

  test('aliases and root fields are counted at every spread of their fragment', () => {
    const shape = shapeOf(`{ ...A ...A x: districts { totalCount } }
      fragment A on Query { a: districts { totalCount } b: schools { totalCount } ... on Query { c: districts { totalCount } } }`);
    expect(shape.aliases).toBe(7);
    expect(shape.rootFields).toBe(7);
    expect(shapeOf('{ __typename districts { totalCount } }').rootFields).toBe(1);
  });

  test.each([23, 60])('a fragment bomb of depth %i is measured, never expanded', (n) => {
    const started = performance.now();
    const plain = shapeOf(fragmentBomb(n, 'districts { totalCount }'));
    const aliased = shapeOf(fragmentBomb(n, 'a: districts { totalCount }'));
    const ms = performance.now() - started;
    const expanded = Math.min(2 ** n, SATURATED);
    expect(plain).toEqual({ depth: 2, aliases: 0, rootFields: expanded });
    expect(aliased).toEqual({ depth: 2, aliases: expanded, rootFields: expanded });
    // Linear: a few hundred nodes, well under a second even on a loaded machine (expanding 2^23 took 33 s).
    expect(ms).toBeLessThan(1000);
  });

  test('the work is linear in the document: 60 levels cost about 2.5 times 23 levels, not 2^37 times', () => {
    // Count the fragment visits through a proxy on the document's definitions list.
    const visits = (n: number) => {
      const document = parse(fragmentBomb(n, 'a: districts { totalCount }'));
      let reads = 0;
      for (const d of document.definitions) {
        if (d.kind !== 'FragmentDefinition') continue;
        const set = d.selectionSet;
        Object.defineProperty(d, 'selectionSet', { get: () => ((reads += 1), set) });
      }
      queryShape(document, getOperationAST(document)!);
      return reads;
    };
    // Each fragment's selection set is read once per measure (depth, aliases, root fields).
    expect(visits(23)).toBe(3 * 24);
    expect(visits(60)).toBe(3 * 61);
  });
});

describe('lexical limits, before parsing', () => {
  const limits = { maxTokens: 100, maxNesting: 10 };

  test('counts tokens, not characters: comments and long strings are one or none', () => {
    expect(lexicalExcess(`# ${'x'.repeat(100_000)}\n{ district(code: "${'y'.repeat(100_000)}") { code } }`, limits)).toBeNull();
    expect(lexicalExcess(`{ ${'__typename '.repeat(99)}}`, limits)).toBe('tokens');
    expect(lexicalExcess(`{ ${'__typename '.repeat(97)}}`, limits)).toBeNull();
  });

  test('refuses brackets nested too deep, whatever kind', () => {
    expect(lexicalExcess(`${'{ a '.repeat(11)}${'} '.repeat(11)}`, limits)).toBe('nesting');
    expect(lexicalExcess(`{ a(x: ${'['.repeat(10)}1${']'.repeat(10)}) }`, limits)).toBe('nesting');
    expect(lexicalExcess(`${'{ a '.repeat(10)}${'} '.repeat(10)}`, limits)).toBeNull();
  });

  test('leaves text that does not lex to the parser', () => {
    expect(lexicalExcess('{ district(code: "unterminated) { code } }', limits)).toBeNull();
  });
});
