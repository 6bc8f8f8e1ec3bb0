// Cell formatting: every value leaves the generator as the exact text of a CSV cell.

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Amounts (yuan) and areas (m²): two decimals, e.g. '1234.50'. */
export const dec2 = (x: number): string => (Math.round(x * 100) / 100).toFixed(2);

/** Rates as fractions with four decimals, e.g. '0.9712'; clamped to [0, 1]. */
export const rate4 = (x: number): string => clamp(x, 0, 1).toFixed(4);

export const int = (x: number): string => String(Math.round(x));

export const bool = (b: boolean): string => (b ? 'true' : 'false');

/** 'YYYY-MM-DD' for a UTC calendar date. */
export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** Adds days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Splits one RFC 4180 line (no embedded newlines) into cells. */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
