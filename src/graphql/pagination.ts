import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';
import { msg } from '../messages';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size: default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page' })
  after?: string | null;
}

export interface Page {
  offset: number;
  limit: number;
}

const CURSOR_PREFIX = 'offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(CURSOR_PREFIX + offset, 'utf8').toString('base64url');
}

/** Validates `first`/`after` into an offset page; a bad value is a BAD_USER_INPUT naming the argument. */
export function toPage(args: { first?: number | null; after?: string | null }): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput('first', msg('PAGE_SIZE_OUT_OF_RANGE', { max: MAX_PAGE_SIZE, got: String(args.first) }));
  }
  let offset = 0;
  if (args.after != null) {
    const text = /^[A-Za-z0-9_-]{1,64}$/.test(args.after) ? Buffer.from(args.after, 'base64url').toString('utf8') : '';
    const n = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) throw badInput('after', msg('CURSOR_UNKNOWN', { cursor: args.after }));
    offset = n + 1;
  }
  return { offset, limit: first };
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** Where a connection gets its rows: both parts are lazy, so a query asking only totalCount runs only the count. */
export interface PageSource<T> {
  page: Page;
  /** Up to page.limit + 1 rows from page.offset (the extra row tells whether there is a next page). */
  rows(): Promise<T[]>;
  count(): Promise<number>;
}

export interface Connection<T> {
  totalCount: Promise<number>;
  pageInfo: Promise<PageInfo>;
  edges: Promise<{ cursor: string; node: T }[]>;
  nodes: Promise<T[]>;
}

/**
 * A Relay connection type for `nodeType`, named `<Name>Connection` with `<Name>Edge`. With `rowsMayBeForbidden`,
 * `edges`, `nodes` and `pageInfo` are nullable: a viewer allowed only the count (analysts and teacher postings) gets
 * `totalCount` and a FORBIDDEN error on the rows, instead of a null that climbs to the parent and hides its siblings.
 */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name = nodeType.name, options: { rowsMayBeForbidden?: boolean } = {}) {
  const rowsNullable = options.rowsMayBeForbidden ?? false;
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    private rowsPromise?: Promise<T[]>;
    constructor(private readonly source: PageSource<T>) {}

    private pageRows(): Promise<T[]> {
      this.rowsPromise ??= this.source.rows();
      return this.rowsPromise;
    }

    @Field(() => Int, { description: 'Number of items in the whole list (all pages)' })
    get totalCount(): Promise<number> {
      return this.source.count();
    }

    @Field(() => PageInfo, { nullable: rowsNullable })
    get pageInfo(): Promise<PageInfo> {
      return this.pageRows().then((rows) => {
        const shown = Math.min(rows.length, this.source.page.limit);
        const { offset } = this.source.page;
        return {
          hasNextPage: rows.length > this.source.page.limit,
          hasPreviousPage: offset > 0,
          startCursor: shown > 0 ? encodeCursor(offset) : null,
          endCursor: shown > 0 ? encodeCursor(offset + shown - 1) : null,
        };
      });
    }

    @Field(() => [Edge], { nullable: rowsNullable })
    get edges(): Promise<Edge[]> {
      return this.pageRows().then((rows) =>
        rows.slice(0, this.source.page.limit).map((node, i) => ({ cursor: encodeCursor(this.source.page.offset + i), node })),
      );
    }

    @Field(() => [nodeType], { nullable: rowsNullable, description: 'The nodes of this page (edges without cursors)' })
    get nodes(): Promise<T[]> {
      return this.pageRows().then((rows) => rows.slice(0, this.source.page.limit));
    }
  }
  return ConnectionClass;
}

/**
 * Which parts of a connection the query selects (fragments included; a field under @skip/@include counts as selected,
 * which only costs a column): a list asking for its rows and its totalCount can have both from one statement.
 */
export function selectedConnectionParts(info: GraphQLResolveInfo): { rows: boolean; count: boolean } {
  const parts = { rows: false, count: false };
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === 'totalCount') parts.count = true;
        else if (name === 'nodes' || name === 'edges' || name === 'pageInfo') parts.rows = true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return parts;
}
