import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { ColumnDefinition, DatasetDefinition, REFERENCED, datasets } from './datasets';

/**
 * Renders docs/data-contract.md from the dataset definitions, so the document the departments read is the contract
 * the code enforces. A test fails when the committed file is stale; regenerate with
 * `npx ts-node --transpile-only src/ingestion/contract-doc.ts`.
 */
export const CONTRACT_DOC = path.join(projectRoot, 'docs', 'data-contract.md');

export function exampleFile(dataset: string): string {
  return path.join(projectRoot, 'seeds', 'examples', `${dataset}.csv`);
}

function typeText(c: ColumnDefinition): string {
  const t = c.type;
  switch (t.kind) {
    case 'text':
      return t.pattern ? `text: ${t.patternHint}, at most ${t.maxLength} characters` : `text, at most ${t.maxLength.toLocaleString('en-US')} characters`;
    case 'enum':
      return `one of ${t.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'int':
      if (t.min === 2000 && t.max === 2100) return `year, ${t.min}–${t.max}`;
      return t.min === 0 ? 'whole number ≥ 0' : `whole number, ${t.min}–${t.max}`;
    case 'decimal': {
      const range = t.max === undefined ? `≥ ${t.min}` : `${t.min}–${t.max}`;
      const places = t.round ? `rounded to ${t.scale} decimals` : `at most ${t.scale} decimal${t.scale === 1 ? '' : 's'}`;
      return `decimal ${range}, ${places}, up to ${t.precision - t.scale} digits before the point`;
    }
    case 'bool':
      return '`true` or `false`';
    case 'date':
      return `date \`YYYY-MM-DD\`, years ${t.minYear}–${t.maxYear}`;
  }
}

function columnRow(definition: DatasetDefinition, c: ColumnDefinition): string {
  const isKey = definition.key.includes(c.name);
  const notes = [c.description];
  if (c.references) notes.push(`must be a \`${REFERENCED[c.references].column}\` of \`${c.references}\``);
  const cells = [`\`${c.name}\`${isKey ? ' (key)' : ''}`, typeText(c), c.unit ?? '', c.required ? 'yes' : c.default !== undefined ? `no (empty: \`${c.default}\`)` : 'no', notes.join('; ')];
  return `| ${cells.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function section(definition: DatasetDefinition): string {
  const rules = [
    `the key (${definition.key.map((k) => `\`${k}\``).join(', ')}) is unique within the file`,
    ...definition.columns.filter((c) => c.references).map((c) => `\`${c.name}\` exists in \`${c.references}\``),
    ...definition.rowChecks.map((r) => r.description),
    ...definition.sqlChecks.map((r) => r.description),
  ];
  const example = fs.readFileSync(exampleFile(definition.name), 'utf8').trimEnd();
  return [
    `## \`${definition.name}\` — ${definition.title}`,
    '',
    definition.description,
    '',
    `- Department: **${definition.department}**`,
    `- Key: ${definition.key.map((k) => `\`${k}\``).join(', ')} (a re-delivery replaces the rows with these keys)`,
    `- Table: \`${definition.table}\``,
    '',
    '| column | type | unit | required | meaning |',
    '|---|---|---|---|---|',
    ...definition.columns.map((c) => columnRow(definition, c)),
    '',
    'Rules:',
    ...rules.map((r) => `- ${r}`),
    '',
    `Example (\`seeds/examples/${definition.name}.csv\`):`,
    '',
    '```csv',
    example,
    '```',
    '',
  ].join('\n');
}

const INTRODUCTION = `# The data contract

What each department delivers to Junheng, generated from \`src/ingestion/datasets.ts\` (the code that checks the
files): do not edit by hand, run \`npx ts-node --transpile-only src/ingestion/contract-doc.ts\`.

## Files

The format is recognised from the file's bytes, not from its name or \`Content-Type\`: a workbook sent as
\`text/csv\` (or named \`.csv\`) is read as the workbook it is.

- **CSV**: comma-separated, values quoted with \`"\` when they contain a comma, a quote or a line break.
  - **Encoding**: UTF-8 (with or without BOM), or GB18030/GBK — what Excel on a Chinese Windows saves as plain
    "CSV". A file that is valid UTF-8 is read as UTF-8; otherwise, if it decodes as GB18030 without a single invalid
    byte sequence, as GB18030. A file that is mostly valid UTF-8 with a few broken bytes is refused as damaged UTF-8
    (with the line), never decoded as GB18030 (which would turn every Chinese character into another one). The
    encoding read is recorded on the batch (\`importBatch.encoding\`) and shown by the CLI.
  - **Refused, with what the file is**: UTF-16 text (Excel's "Unicode Text", tab-separated: save as CSV UTF-8 or
    .xlsx), the old binary .xls and password-protected workbooks (both OLE2 files), binary files.
  - A row (all its cells) may take at most 1 MB; a longer one (usually a quote left open) is refused as over a limit.
- **XLSX**: the first worksheet in tab order (as \`xl/workbook.xml\` lists the tabs, whatever the parts are
  called or stored; a chart sheet in front is passed over); numbers, dates and booleans may be typed cells or text.
  Workbooks written by Excel, WPS, LibreOffice, openpyxl/pandas, SheetJS and ExcelJS are read, including cells and
  rows without \`r=\` references (their position is implied) and shared strings with phonetic guides.
  - **Limits** (a 1 MB workbook can unpack to gigabytes): every part is checked against its declared size before
    it is inflated, and a part that inflates to more than it declared is refused; the zip at most 10,000 entries; all
    parts read together at most 512 MB uncompressed; the shared strings at most 64 MB and 2,000,000 strings; a part above 1 MB compressed more
    than 200:1 is refused as a probable zip bomb; a cell at most 32,767 characters, a sheet at most 1,048,576 rows and
    16,384 columns (Excel's own limits). Over a limit, the file is rejected before it takes the server's memory, with
    the limit in the message (HTTP 413, see below).
- **Header**: names exactly as below (spaces around them are ignored). Extra columns are ignored. A missing
  required column rejects the file before any row is read (one problem per missing column, with a close match
  named); an optional column may be left out: its cells are then empty, or take the default its row names
  (\`full_time\`: \`true\`). A re-delivery without an optional column empties it (or sets its default) for the
  keys it delivers, as any re-delivery replaces those keys' rows.
- **Title rows**: a title above the header ("2024年学校统计表" in A1, perhaps a unit or a date beside it — at most two
  filled cells, none of them a column name) is skipped when the header (a row with at least two of the dataset's
  column names) follows within five rows; the skipped rows are reported in the summary. A title with no header below
  it rejects the file with a message naming the title row.
- **Rows**: row numbers in messages are the spreadsheet's (blank rows and title rows count). Blank rows are skipped.
- **Values**: spaces around a value are ignored; an empty cell is "no value" (only allowed in optional columns).
  Booleans are \`true\`/\`false\` (any case). Whole numbers and decimals are plain digits with a \`.\` — no
  thousands separators, no exponent, no \`%\` (shares are fractions from 0 to 1). Amounts are yuan, areas m².
  Dates are \`YYYY-MM-DD\` (\`YYYY/M/D\`, as Excel writes them, is accepted). Years are 2000–2100.
- **Full-width characters** (a Chinese input method's ０１２３．－＋／ and the ideographic space): read as their
  ASCII forms in every column whose value has one spelling — numbers, dates, years, booleans, the closed
  vocabularies, codes and identifiers — so "１８２０" is 1820 and "２０２４－０３－１２" is 2024-03-12. A full-width
  comma "，" in a number is a thousands separator like ",", and refused with that advice. Names, notes and findings
  are kept exactly as written.
- **Text lengths**: codes and identifiers (\`code\`, \`school_code\`, \`district_code\`, \`teacher_id\`,
  \`visit_id\`, \`program\`, \`subject\`, \`indicator\`) at most 32 characters; names at most 100; notes and
  findings at most 2,000; file names at most 255. Characters are counted as PostgreSQL's \`char_length\` counts them;
  the database holds the same limits as CHECK constraints (rows stored before the limits are kept as they were).
- **Codes**: \`district_code\` must be a district already delivered in \`districts\`, \`school_code\` a school in
  \`schools\`: load \`districts\`, then \`schools\`, then the rest.

## Loading

\`npm run import -- <dataset> <file> [--dry-run] [--token <JWT> | --local-admin] [--lang zh|en]\`, or
\`POST /imports/<dataset>\` with the file as the body (\`Content-Type: text/csv\` or
\`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\`; \`?dryRun=true\`, \`?fileName=\`).

- A file is checked completely before anything is written: every problem is listed (the first 1,000 are kept)
  with its row, column, value and reason, and **any** problem rejects the whole file — nothing is written.
- A file is applied in one transaction: it is all there or not at all, even if the import is interrupted.
- The same file (same bytes) delivered again is reported as already imported and changes nothing — even after a
  later file changed some of its rows. To restore older values, deliver them in a new file.
- A re-delivery replaces the values of the keys it contains; rows it does not contain stay. Replaced values are
  kept in the history with the batch that delivered them and the batch that replaced them.
- Every row records the import batch that delivered it: department, dataset, file name, SHA-256, encoding, counts,
  status, times and who loaded it.
- **Language**: every sentence — problems, refusals, CLI progress and summaries, the problem table and the
  headings of \`<file>.errors.csv\` — is Chinese (zh-CN) unless the client asks for English (\`Accept-Language: en\`
  over HTTP and GraphQL, \`--lang en\` for the CLI). Column names stay as this contract spells them. Each problem
  carries its catalogue code and figures (\`code\`, \`params\` in the HTTP summary; \`messageCode\`,
  \`messageParams\` on \`importBatch.errors\`), stored with the batch so that it is rendered in each reader's
  language; problems stored before codes existed read as they were stored.
- **\`<file>.errors.csv\`** (written by the CLI beside the file when there are more than 20 problems): a value that
  starts with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return is prefixed with an apostrophe, as in the report
  exports, so that Excel never runs a delivered value as a formula. Values kept with a problem are cut to 200
  characters.
- **One import per dataset at a time**: imports of the same dataset take turns (a PostgreSQL advisory lock). An
  import that finds the dataset busy says at once who holds it and since when (\`importBatch\` is not yet written,
  so the holder is named by its session: the loader and the start of its transaction) and waits at most
  \`IMPORT_LOCK_TIMEOUT_MS\` (30 s); then it gives up without changing anything: HTTP 409 \`IMPORT_IN_PROGRESS\`
  (with \`heldSince\`, \`heldBy\`, \`waitedMs\`), CLI exit code 4. A killed importer's session holds the lock until
  PostgreSQL notices the client is gone (the message says when the holder's session is idle, the mark of a dead
  client). The embedded server runs with \`client_connection_check_interval=5s\`, so a killed importer's running
  statement ends within seconds; on a server given by \`DATABASE_URL\` (PostgreSQL 14 or later) set it too, in
  \`postgresql.conf\` or with \`ALTER SYSTEM SET client_connection_check_interval = '5s'\` and a reload.

### Over HTTP

| status | body | when |
|---|---|---|
| 200 | the summary | applied, already imported, or a clean dry run |
| 400 | the summary, \`status: "rejected"\`, its \`errors\` | the file has problems |
| 413 | the summary, \`status: "rejected"\`, \`overLimit: true\` | the file is over a limit of the contract (workbook size, ratio, shared strings, cell, rows, columns) |
| 404 | \`{"errors":[…]}\`, \`UNKNOWN_DATASET\` | no such dataset |
| 415 | \`{"errors":[…]}\`, \`UNSUPPORTED_MEDIA_TYPE\` | another Content-Type |
| 400 | \`{"errors":[…]}\`, \`EMPTY_BODY\` / \`BAD_REQUEST\` | no body / an unreadable body |
| 413 | \`{"errors":[…]}\`, \`PAYLOAD_TOO_LARGE\` | the body is over \`IMPORT_BODY_LIMIT_BYTES\` |
| 409 | \`{"errors":[…]}\`, \`IMPORT_IN_PROGRESS\` | another import of the dataset held it for the whole wait |
| 500 | \`{"errors":[…]}\`, \`IMPORT_FAILED\` | anything else; nothing changed, the batch records the cause |

The summary: \`batchId\`, \`dataset\`, \`department\`, \`fileName\`, \`sha256\`, \`status\`, \`alreadyImported\`, \`dryRun\`,
\`rowsTotal\`, \`rowsInserted\`, \`rowsUpdated\`, \`rowsUnchanged\`, \`rowsRejected\`, \`errorCount\`, \`errors\` (each
\`rowNumber\`, \`column\`, \`value\`, \`code\`, \`params\`, \`reason\`, \`message\`), \`overLimit\`, \`encoding\`,
\`titleRows\`, \`durationMs\`. While a large file is read and checked, the hub keeps answering other requests (the
import yields to the event loop every few milliseconds).
`;

export function renderDataContract(): string {
  const index = datasets.map((d) => `| [\`${d.name}\`](#${d.name}--${anchor(d.title)}) | ${d.department} | ${d.key.map((k) => `\`${k}\``).join(', ')} |`);
  return [
    INTRODUCTION,
    '## Datasets',
    '',
    '| dataset | department | key |',
    '|---|---|---|',
    ...index,
    '',
    ...datasets.map(section),
  ].join('\n');
}

/** GitHub's heading anchor for the title part of `## \`name\` — title`. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

if (require.main === module) {
  fs.writeFileSync(CONTRACT_DOC, renderDataContract());
  process.stdout.write(`Wrote ${CONTRACT_DOC}\n`);
}
