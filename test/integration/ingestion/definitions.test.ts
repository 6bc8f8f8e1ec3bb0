import { DataSource } from 'typeorm';
import { ColumnType, datasets } from '../../../src/ingestion/datasets';
import { openTestDataSource } from '../../helpers/database';

let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
});
afterAll(() => ds.destroy());

const metadataOf = (table: string) => {
  const found = ds.entityMetadatas.find((m) => m.tableName === table);
  if (!found) throw new Error(`no entity for table ${table}`);
  return found;
};

function expectedType(type: ColumnType): { type: string; precision?: number; scale?: number } {
  switch (type.kind) {
    case 'int':
      return { type: 'integer' };
    case 'decimal':
      return { type: 'numeric', precision: type.precision, scale: type.scale };
    case 'bool':
      return { type: 'boolean' };
    case 'date':
      return { type: 'date' };
    default:
      return { type: 'text' };
  }
}

/** Datasets whose table is the file's shape (the others say how their rows read back: `live`). */
const tableShaped = datasets.filter((d) => !d.live);

describe.each(datasets.filter((d) => d.live).map((d) => [d.name, d] as const))('definition of %s reads back through its live query', (_name, definition) => {
  test('the live query has the file\'s columns and the batch', async () => {
    expect(await columnsOf(definition.live!)).toEqual([...definition.columns.map((c) => c.name), 'batch_id']);
  });
});

/** Column names of a query's result, in order. */
async function columnsOf(sql: string): Promise<string[]> {
  const runner = ds.createQueryRunner();
  try {
    const client = (await runner.connect()) as { query(sql: string): Promise<{ fields: { name: string }[] }> };
    return (await client.query(`SELECT * FROM (${sql}) AS live LIMIT 0`)).fields.map((f) => f.name);
  } finally {
    await runner.release();
  }
}

describe.each(tableShaped.map((d) => [d.name, d] as const))('definition of %s matches its entity', (_name, definition) => {
  test('same columns, types, nullability', () => {
    const metadata = metadataOf(definition.table);
    // batch_id (provenance) and version (the API's optimistic concurrency) are the hub's, not the file's.
    const delivered = metadata.columns.filter((c) => !c.isGenerated && c.databaseName !== 'batch_id' && c.databaseName !== 'version');
    expect(definition.columns.map((c) => c.column).sort()).toEqual(delivered.map((c) => c.databaseName).sort());
    for (const c of definition.columns) {
      const column = delivered.find((m) => m.databaseName === c.column)!;
      const want = expectedType(c.type);
      // An optional column with a default (full_time) is never stored empty: the default stands for the empty cell.
      expect({ column: c.name, type: column.type, nullable: column.isNullable }).toEqual({ column: c.name, type: want.type, nullable: !c.required && c.default === undefined });
      if (c.default !== undefined) expect({ column: c.name, default: String(column.default) }).toEqual({ column: c.name, default: c.default });
      if (want.type === 'numeric') expect({ column: c.name, precision: column.precision, scale: column.scale }).toEqual({ column: c.name, ...want, type: undefined });
    }
  });

  test('enum values are those of the CHECK constraints', () => {
    const metadata = metadataOf(definition.table);
    for (const c of definition.columns) {
      if (c.type.kind !== 'enum') continue;
      const expression = `"${c.column}" IN (${c.type.values.map((v) => `'${v}'`).join(', ')})`;
      expect(metadata.checks.map((k) => k.expression)).toContain(expression);
    }
  });
});

describe.each(datasets.map((d) => [d.name, d] as const))('keys and references of %s', (_name, definition) => {
  test('the key is the table\'s primary key or its unique key', () => {
    const metadata = metadataOf(definition.table);
    const keyColumns = definition.key.map((k) => definition.columns.find((c) => c.name === k)!.column).sort();
    const candidates = [
      metadata.primaryColumns.map((c) => c.databaseName).sort(),
      ...metadata.uniques.map((u) => u.columns.map((c) => c.databaseName).sort()),
    ];
    expect(candidates).toContainEqual(keyColumns);
  });

  test('references point to real foreign keys', () => {
    const metadata = metadataOf(definition.table);
    for (const c of definition.columns) {
      if (!c.references) continue;
      const fk = metadata.foreignKeys.find((f) => f.columnNames.includes(c.column));
      expect(fk?.referencedTablePath).toBe(c.references);
    }
  });
});
