/** One thing wrong with a delivered file, located as the official sees it in their spreadsheet. */
export interface ImportProblem {
  /** Row as numbered in the spreadsheet (the header is row 1); null for a problem with the whole file. */
  rowNumber: number | null;
  /** File column name(s), comma-separated for a key; null when the problem is not about one column. */
  column: string | null;
  /** The offending cell text, as delivered. */
  value: string | null;
  /** Why it is wrong, in words an official understands. */
  reason: string;
}

/** How many problems are kept (stored, returned) per file; all of them are counted. */
export const DEFAULT_MAX_PROBLEMS = 1000;

const grouped = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return grouped.format(n);
}

/** `teacher_postings.csv row 4,812, column degree: "Bachelor" is not one of …` */
export function describeProblem(fileName: string, problem: ImportProblem): string {
  const where = [fileName];
  if (problem.rowNumber !== null) where.push(` row ${formatCount(problem.rowNumber)}`);
  if (problem.column !== null) {
    where.push(problem.rowNumber !== null ? ',' : '');
    where.push(` ${problem.column.includes(',') ? 'columns' : 'column'} ${problem.column}`);
  }
  return `${where.join('')}: ${problem.reason}`;
}

/** A cell value quoted for a message, shortened when long. */
export function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `"${shown}"`;
}

/** Collects problems: keeps the first `max`, counts all, and remembers which rows were rejected. */
export class ProblemLog {
  readonly kept: ImportProblem[] = [];
  total = 0;
  private readonly rows = new Set<number>();

  constructor(readonly max: number = DEFAULT_MAX_PROBLEMS) {}

  add(problem: ImportProblem): void {
    this.total += 1;
    if (this.kept.length < this.max) this.kept.push(problem);
    if (problem.rowNumber !== null) this.rows.add(problem.rowNumber);
  }

  /** Problems found elsewhere (in SQL): `kept` are some of them, `total` how many there were, `rows` which rows. */
  merge(kept: readonly ImportProblem[], total: number, rows: Iterable<number>): void {
    this.total += total;
    for (const p of kept) if (this.kept.length < this.max) this.kept.push(p);
    for (const r of rows) this.rows.add(r);
  }

  get rejectedRows(): number {
    return this.rows.size;
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }

  /** The kept problems in spreadsheet order: by row, file-wide problems first. */
  sorted(): ImportProblem[] {
    return [...this.kept].sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
  }
}

/** The file cannot be taken at all (unreadable, wrong header): rejected before or while its rows are read. */
export class FileRejectedError extends Error {
  constructor(readonly problems: readonly ImportProblem[]) {
    super(problems.map((p) => p.reason).join('; '));
    this.name = 'FileRejectedError';
  }
}
