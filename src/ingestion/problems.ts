import { Locale, Message, MessageParams, render, t } from '../messages';

/** One thing wrong with a delivered file, located as the official sees it in their spreadsheet. */
export interface ImportProblem {
  /** Row as numbered in the spreadsheet (the header is row 1); null for a problem with the whole file. */
  rowNumber: number | null;
  /** File column name(s), comma-separated for a key; null when the problem is not about one column. */
  column: string | null;
  /** The offending cell text, as delivered. */
  value: string | null;
  /** Why it is wrong: a catalogue message (code and figures), rendered in the reader's language when shown. */
  problem: Message;
}

/** A problem as it is answered and printed: located, with its code and figures, and in a language. */
export interface ReportedProblem {
  rowNumber: number | null;
  column: string | null;
  value: string | null;
  /** Catalogue code of the reason, e.g. IMPORT_NOT_IN_LIST; a front-end can render its own text from it. */
  code: string;
  params: MessageParams;
  /** Why it is wrong, e.g. `“Primary” 不是允许的取值…`. */
  reason: string;
  /** The problem in one sentence with its place, e.g. `schools.csv 第 12 行，school_type 列：…`. */
  message: string;
}

/** How many problems are kept (stored, returned) per file; all of them are counted. */
export const DEFAULT_MAX_PROBLEMS = 1000;

/** `teacher_postings.csv 第 4,812 行，degree 列：“Bachelor” 不是允许的取值…` */
export function describeProblem(fileName: string, problem: ImportProblem, locale?: Locale): string {
  const reason = render(problem.problem, locale);
  return t('IMPORT_PROBLEM_AT', { file: fileName, row: problem.rowNumber, column: problem.column, reason }, locale);
}

export function reportProblem(fileName: string, problem: ImportProblem, locale?: Locale): ReportedProblem {
  return {
    rowNumber: problem.rowNumber,
    column: problem.column,
    value: problem.value,
    code: problem.problem.code,
    params: problem.problem.params,
    reason: render(problem.problem, locale),
    message: describeProblem(fileName, problem, locale),
  };
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
    super(problems.map((p) => p.problem.code).join('; '));
    this.name = 'FileRejectedError';
  }
}
