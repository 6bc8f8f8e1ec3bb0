// A tiny streaming CSV writer for the generator's datasets (RFC 4180, UTF-8, header row).
import * as fs from 'fs';
import * as path from 'path';
import { DATASET_COLUMNS, DATASET_ORDER, DatasetName, generate, GeneratorOptions } from './index';

/** One CSV line (no line terminator); cells with a comma, quote, CR or LF are quoted, quotes doubled. */
export function toCsvLine(values: string[]): string {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

/**
 * Writes `<dataset>.csv` for every dataset into `dir` (created if missing), streaming rows with buffered
 * synchronous writes; lines end with CRLF as RFC 4180 says. Returns the number of data rows per dataset.
 */
export function writeDatasetFiles(dir: string, options: GeneratorOptions): Record<DatasetName, number> {
  fs.mkdirSync(dir, { recursive: true });
  const counts = Object.fromEntries(DATASET_ORDER.map((d) => [d, 0])) as Record<DatasetName, number>;
  let current: DatasetName | undefined;
  let fd = -1;
  let buffer: string[] = [];
  let buffered = 0;
  const flush = () => {
    if (buffer.length) fs.writeSync(fd, buffer.join(''));
    buffer = [];
    buffered = 0;
  };
  const open = (dataset: DatasetName) => {
    if (fd >= 0) {
      flush();
      fs.closeSync(fd);
    }
    current = dataset;
    fd = fs.openSync(path.join(dir, `${dataset}.csv`), 'w');
    buffer.push(toCsvLine(DATASET_COLUMNS[dataset]) + '\r\n');
  };
  try {
    for (const { dataset, row } of generate(options)) {
      if (dataset !== current) open(dataset);
      const line = toCsvLine(DATASET_COLUMNS[dataset].map((c) => row[c])) + '\r\n';
      buffer.push(line);
      buffered += line.length;
      counts[dataset]++;
      if (buffered > 1 << 20) flush();
    }
    // datasets without rows still get a header-only file
    for (const dataset of DATASET_ORDER) if (counts[dataset] === 0 && dataset !== current) open(dataset);
    if (fd >= 0) flush();
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
  return counts;
}
