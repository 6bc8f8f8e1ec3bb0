import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLSchema,
  isObjectType,
  Kind,
  SelectionSetNode,
} from 'graphql';

/**
 * Keep only what a query selects of an evaluation (D123). A city-wide evaluation at province scale is ~30,000 school
 * parts; the engine's full results (every R indicator with its lazy evidence, which holds its district's facts) of all
 * of them do not fit the server's heap, while the figures a query asks for (a status, a value) are a small part of
 * them. The evaluation loop therefore copies, district by district, the properties the selection reads and lets the
 * rest go before the next district is computed.
 *
 * Safe by construction: a field is copied from the property of the same name only when that is all its resolver reads
 * (type-graphql's field resolvers read `root[field]`); the few fields that read other properties name them below, and a
 * field not known here, or a property that is an accessor (lazy evidence), keeps the whole object at that level —
 * the same answer, only less memory saved. Nothing is ever computed differently: the copies hold the same values.
 */
export interface Projection {
  /** Property → how to project its value (null: keep it as it is). */
  readonly props: ReadonlyMap<string, Projection | null>;
}

/** Fields whose resolver reads another property (or several), by field name on any type. */
const READS: Record<string, string[]> = {
  message: ['message'],
  messageCode: ['message'],
  messageParams: ['message'],
  description: ['description'],
  descriptionCode: ['description'],
  descriptionParams: ['description'],
  unitName: ['unit'],
  school: ['schoolCode'],
  district: ['districtCode'],
};
/** Fields that read more of their object than one can list here (the cost to qualify reads the failing parts, their
 * indicators and the pricing context): the object is kept whole. */
const WHOLE = new Set(['costToQualify', 'inputs']);
/** Kept on every district whatever is selected: the city's counts read the verdict. */
const ALWAYS: Record<string, string[]> = { DistrictEvaluation: ['districtCode', 'year', 'standard', 'verdict'] };

/**
 * The projection of the `districts` of a `cityEvaluation` field, or null when the selection needs the results whole
 * (e.g. the city's cost to qualify reads every district's failing parts).
 */
export function cityDistrictsProjection(
  schema: GraphQLSchema,
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): Projection | null {
  const city = plan(schema, 'CityEvaluation', fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])), fragments);
  if (city === 'whole') return null;
  const districts = city.props.get('districts');
  // Not selected at all: the districts are still evaluated for the counts, kept with their verdict alone.
  if (districts === undefined) return { props: new Map(ALWAYS.DistrictEvaluation!.map((p) => [p, null])) };
  return districts;
}

/**
 * What a projected value holds, estimated for a cache's byte budget: its own copies (V8: ~32 bytes an object or array
 * header, 8–16 a slot), the strings it keeps (16 + their length), and whether it had to keep an engine object whole
 * (`whole`: then it may hold a district's facts through lazy evidence, and its size is not known).
 */
export interface Held { bytes: number; whole: boolean }

/** Applies a projection: plain copies of the selected properties (and the symbols: the pricing context). */
export function project<T>(value: T, projection: Projection | null, held: Held = { bytes: 0, whole: false }): T {
  if (projection === null) {
    weigh(value, held);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    held.bytes += 32 + 8 * value.length;
    return value.map((v) => project(v, projection, held)) as T;
  }
  const source = value as Record<string | symbol, unknown>;
  const out: Record<string | symbol, unknown> = {};
  for (const [prop, child] of projection.props) {
    const d = Object.getOwnPropertyDescriptor(source, prop);
    if (!d) continue; // an optional property absent: the field resolves to null either way
    if (d.get) {
      held.whole = true;
      return value; // lazy (an accessor): keep the object as it is
    }
    out[prop] = project(d.value, child, held);
  }
  const symbols = Object.getOwnPropertySymbols(source);
  for (const s of symbols) out[s] = source[s];
  held.bytes += 32 + 16 * (projection.props.size + symbols.length);
  return out as T;
}

/** A value kept as it is: a scalar, a list of them, or a catalogue message (code and figures) are small plain data. */
function weigh(value: unknown, held: Held, depth = 0): void {
  if (held.whole) return; // not cacheable whatever else it holds: no need to look further
  if (typeof value === 'string') held.bytes += 16 + value.length;
  if (value === null || typeof value !== 'object') return;
  if (depth > 4) {
    held.whole = true;
    return;
  }
  // Descriptors, not values: reading a lazy evidence's accessor would build it.
  const entries = Object.values(Object.getOwnPropertyDescriptors(value));
  held.bytes += 32 + 16 * entries.length;
  for (const d of entries) {
    if (d.get) {
      held.whole = true;
      return;
    }
    weigh(d.value, held, depth + 1);
  }
}

/** A projection as text: the key of what it keeps (a cache of projected results is keyed by it). */
export function projectionKey(projection: Projection): string {
  return [...projection.props].map(([p, child]) => (child ? `${p}{${projectionKey(child)}}` : p)).join(' ');
}

function plan(schema: GraphQLSchema, typeName: string, sets: readonly SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>): Projection | 'whole' {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return 'whole';
  const fields = type.getFields();
  const props = new Map<string, Projection | null>();
  const keep = (p: string, child: Projection | null) => {
    // Asked twice (aliases, fragments): one property, kept whole if either asks for it whole.
    if (props.has(p) && (props.get(p) === null || child === null)) props.set(p, null);
    else if (props.has(p)) props.set(p, merge(props.get(p)!, child!));
    else props.set(p, child);
  };
  for (const p of ALWAYS[typeName] ?? []) keep(p, null);
  for (const [name, nodes] of collect(sets, fragments)) {
    if (name === '__typename') continue;
    if (WHOLE.has(name)) return 'whole';
    const reads = READS[name];
    if (reads) {
      for (const p of reads) keep(p, null);
      continue;
    }
    const field = fields[name];
    if (!field) return 'whole';
    const named = getNamedType(field.type);
    const below = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    if (!isObjectType(named) || !below.length) {
      keep(name, null);
      continue;
    }
    const child = plan(schema, named.name, below, fragments);
    keep(name, child === 'whole' ? null : child);
  }
  return { props };
}

function merge(a: Projection, b: Projection): Projection {
  const props = new Map(a.props);
  for (const [p, child] of b.props) {
    const mine = props.get(p);
    props.set(p, mine === undefined ? child : mine === null || child === null ? null : merge(mine, child));
  }
  return { props };
}

/** The fields of selection sets by name, through inline fragments and fragment spreads (conditions on object types
 * always hold here: the evaluation's types are objects; @skip/@include are ignored, which only keeps more). */
function collect(sets: readonly SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>, into = new Map<string, FieldNode[]>(), seen = new Set<string>()): Map<string, FieldNode[]> {
  for (const set of sets) {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const list = into.get(sel.name.value) ?? [];
        list.push(sel);
        into.set(sel.name.value, list);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        collect([sel.selectionSet], fragments, into, seen);
      } else if (!seen.has(sel.name.value) && fragments[sel.name.value]) {
        seen.add(sel.name.value);
        collect([fragments[sel.name.value]!.selectionSet], fragments, into, seen);
      }
    }
  }
  return into;
}
