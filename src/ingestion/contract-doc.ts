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
      return t.pattern ? `text: ${t.patternHint}` : 'text';
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
  const cells = [`\`${c.name}\`${isKey ? ' (key)' : ''}`, typeText(c), c.unit ?? '', c.required ? 'yes' : 'no', notes.join('; ')];
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

- **CSV**: UTF-8 (with or without BOM), comma-separated, header in the first row, values quoted with \`"\` when
  they contain a comma, a quote or a line break. Excel's plain "CSV" on a Chinese Windows is GBK and is refused:
  save as "CSV UTF-8 (逗号分隔)" or as .xlsx.
- **XLSX**: the first sheet of the workbook; numbers, dates and booleans may be typed cells or text. The old
  binary .xls is refused.
- **Header**: names exactly as below (spaces around them are ignored). Extra columns are ignored. A missing
  required column rejects the file before any row is read; an optional column may be left out (empty).
- **Rows**: row numbers in messages are the spreadsheet's (the header is row 1). Blank rows are skipped.
- **Values**: spaces around a value are ignored; an empty cell is "no value" (only allowed in optional columns).
  Booleans are \`true\`/\`false\` (any case). Whole numbers and decimals are plain digits with a \`.\` — no
  thousands separators, no exponent, no \`%\` (shares are fractions from 0 to 1). Amounts are yuan, areas m².
  Dates are \`YYYY-MM-DD\` (\`YYYY/M/D\`, as Excel writes them, is accepted). Years are 2000–2100.
- **Codes**: \`district_code\` must be a district already delivered in \`districts\`, \`school_code\` a school in
  \`schools\`: load \`districts\`, then \`schools\`, then the rest.

## Loading

\`npm run import -- <dataset> <file> [--dry-run] [--local-admin]\`, or \`POST /imports/<dataset>\` with the file as
the body (\`Content-Type: text/csv\` or \`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\`).

- A file is checked completely before anything is written: every problem is listed (the first 1,000 are kept)
  with its row, column, value and reason, and **any** problem rejects the whole file — nothing is written.
- A file is applied in one transaction: it is all there or not at all, even if the import is interrupted.
- The same file (same bytes) delivered again is reported as already imported and changes nothing — even after a
  later file changed some of its rows. To restore older values, deliver them in a new file.
- A re-delivery replaces the values of the keys it contains; rows it does not contain stay. Replaced values are
  kept in the history with the batch that delivered them and the batch that replaced them.
- Every row records the import batch that delivered it: department, dataset, file name, SHA-256, counts, status,
  times and who loaded it.
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
