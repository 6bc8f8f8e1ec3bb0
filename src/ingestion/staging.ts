import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import { ColumnType, DatasetDefinition, REFERENCED } from './datasets';
import { MessageCode, msg } from '../messages';
import { ImportProblem } from './problems';

/** The per-file staging table: temporary, private to the import's connection, dropped at commit or rollback. */
export const STAGING = 'import_staging';
const PROBLEMS = 'import_staging_problems';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function sqlType(type: ColumnType): string {
  switch (type.kind) {
    case 'int':
      return 'integer';
    case 'decimal':
      return `numeric(${type.precision},${type.scale})`;
    case 'bool':
      return 'boolean';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
}

/** Staging columns are named as in the file (checks and messages speak the file's language), typed as the table. */
export async function createStaging(runner: QueryRunner, definition: DatasetDefinition): Promise<void> {
  const columns = definition.columns.map((c) => `${quoteIdent(c.name)} ${sqlType(c.type)}`);
  await runner.query(`CREATE TEMP TABLE ${STAGING} (row_number integer NOT NULL, ${columns.join(', ')}) ON COMMIT DROP`);
  await runner.query(
    `CREATE TEMP TABLE ${PROBLEMS} (row_number integer, column_name text, value text, code text NOT NULL, params jsonb NOT NULL) ON COMMIT DROP`,
  );
}

/** A COPY text-format field: backslash escapes for the characters COPY treats specially; \N is NULL. */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Buffered COPY text sent in one write (~700 postings); 1 MB was tried and kept the lines alive for longer. */
const FLUSH_CHARS = 1 << 16;

/**
 * Streams rows into the staging table with COPY on the transaction's own connection, buffering lines into chunks
 * and honouring back-pressure, so memory stays flat and PostgreSQL parses rows at its own pace.
 */
export class StagingWriter {
  private readonly stream;
  private lines: string[] = [];
  private length = 0;
  private failure: Error | null = null;
  rows = 0;

  constructor(client: PoolClient, definition: DatasetDefinition) {
    const columns = ['row_number', ...definition.columns.map((c) => c.name)].map(quoteIdent).join(', ');
    this.stream = client.query(copyFrom(`COPY ${STAGING} (${columns}) FROM STDIN`));
    this.stream.on('error', (err: Error) => (this.failure ??= err));
  }

  /** Appends one row's COPY line (synchronous: call `drain()` after each batch of rows). */
  add(rowNumber: number, values: ReadonlyArray<string | null>): void {
    let line = String(rowNumber);
    for (let i = 0; i < values.length; i++) line += '\t' + copyField(values[i]);
    line += '\n';
    this.lines.push(line);
    this.length += line.length;
    this.rows += 1;
  }

  async write(rowNumber: number, values: ReadonlyArray<string | null>): Promise<void> {
    this.add(rowNumber, values);
    await this.drain();
  }

  /**
   * Sends the buffered lines once there are enough of them for one large write, and waits while PostgreSQL is
   * behind (back-pressure): parsing the next batch overlaps with the server's COPY of this one.
   */
  async drain(): Promise<void> {
    if (this.length >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.lines.length === 0) return;
    const ok = this.stream.write(this.lines.join(''));
    this.lines = [];
    this.length = 0;
    if (!ok) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }

  /** Abandons the COPY (the transaction is being rolled back anyway). */
  abort(): void {
    this.stream.destroy();
  }
}

/** A check run in SQL: its rows are problems with the message `code`, their figures in the jsonb `params`. */
interface SetCheck {
  column: string;
  code: MessageCode;
  select: string;
}

/** The checks that need the whole file or the database: duplicate keys, references, dataset rules. */
export function setChecks(definition: DatasetDefinition): SetCheck[] {
  const checks: SetCheck[] = [duplicateKeys(definition)];
  for (const c of definition.columns) {
    if (!c.references) continue;
    const target = REFERENCED[c.references];
    const col = quoteIdent(c.name);
    checks.push({
      column: c.name,
      code: 'IMPORT_UNKNOWN_REFERENCE',
      select: `
        SELECT s.row_number, s.${col}::text AS value,
               jsonb_build_object('value', s.${col}::text, 'dataset', '${c.references}') AS params
        FROM ${STAGING} s
        WHERE s.${col} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(target.table)} t WHERE t.${quoteIdent(target.column)} = s.${col})`,
    });
  }
  for (const check of definition.sqlChecks) checks.push({ column: check.column, code: check.code, select: check.select(STAGING) });
  return checks;
}

/**
 * Rows whose key an earlier row of the file already has. The keys that occur more than once are found by a hash
 * aggregate (one pass, no sort), then only their rows are joined back: the same problems as a window function
 * partitioned by the key, which sorted the whole file (~2× the CPU at 744k rows, docs/decisions.md D122).
 */
function duplicateKeys(definition: DatasetDefinition): SetCheck {
  const keys = definition.key.map(quoteIdent);
  const shown = definition.key.map((k) => `'${k} ' || coalesce(s.${quoteIdent(k)}::text, '')`).join(` || ', ' || `);
  // A required key is never null once validated: plain equality (hashable); an optional one matches null to null,
  // as GROUP BY (and the window's PARTITION BY) group it.
  const same = definition.key
    .map((k) => {
      const required = definition.columns.find((c) => c.name === k)?.required ?? false;
      return required ? `s.${quoteIdent(k)} = d.${quoteIdent(k)}` : `s.${quoteIdent(k)} IS NOT DISTINCT FROM d.${quoteIdent(k)}`;
    })
    .join(' AND ');
  return {
    column: definition.key.join(', '),
    code: 'IMPORT_DUPLICATE_KEY',
    select: `
      SELECT s.row_number, concat_ws(', ', ${keys.map((k) => `s.${k}::text`).join(', ')}) AS value,
             jsonb_build_object('key', ${shown}, 'firstRow', d.first_row) AS params
      FROM (SELECT ${keys.join(', ')}, min(row_number) AS first_row
            FROM ${STAGING} GROUP BY ${keys.join(', ')} HAVING count(*) > 1) d
      JOIN ${STAGING} s ON ${same} AND s.row_number <> d.first_row`,
  };
}

export interface SetCheckResult {
  total: number;
  rows: number[];
  first: ImportProblem[];
}

/** Runs every set check into the problems table, then reads back the count, the rows hit, and the first problems. */
export async function runSetChecks(runner: QueryRunner, definition: DatasetDefinition, max: number): Promise<SetCheckResult> {
  await runner.query(`ANALYZE ${STAGING}`);
  for (const check of setChecks(definition)) {
    await runner.query(
      `INSERT INTO ${PROBLEMS} (row_number, column_name, value, code, params) SELECT row_number, $1, value, $2, params FROM (${check.select}) q`,
      [check.column, check.code],
    );
  }
  const [{ total }] = await runner.query(`SELECT count(*)::int AS total FROM ${PROBLEMS}`);
  if (total === 0) return { total: 0, rows: [], first: [] };
  const rows = await runner.query(`SELECT DISTINCT row_number FROM ${PROBLEMS} WHERE row_number IS NOT NULL`);
  const first = await runner.query(
    `SELECT row_number, column_name, left(value, 200) AS value, code, params FROM ${PROBLEMS} ORDER BY row_number, column_name LIMIT $1`,
    [max],
  );
  return {
    total,
    rows: rows.map((r: { row_number: number }) => r.row_number),
    first: first.map((r: { row_number: number | null; column_name: string | null; value: string | null; code: MessageCode; params: never }) => ({
      rowNumber: r.row_number,
      column: r.column_name,
      value: r.value,
      problem: msg(r.code, r.params),
    })),
  };
}
