import type { Context } from '../graphql/context';
import { t, type Locale } from '../messages';

/** Parts of one title-block line, side by side. */
export function metaLine(parts: readonly string[]): string {
  return parts.join('    ');
}

/** A moment as officials in Chongqing read it: 2024-12-02 14:50 (Beijing time), in both locales. */
export function localTime(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * "数据截至：…": when the newest delivery that succeeded was loaded (batch metadata is readable by every role, so
 * the line is the same for every viewer).
 */
export async function dataAsOfLine(ctx: Context, locale: Locale): Promise<string> {
  const [row]: { at: Date | null }[] = await ctx.db.query(`SELECT max(coalesce(finished_at, started_at)) AS at FROM import_batch WHERE status = 'succeeded'`);
  return row?.at ? t('REPORT_META_AS_OF', { at: localTime(new Date(row.at)) }, locale) : t('REPORT_META_AS_OF_NONE', {}, locale);
}
