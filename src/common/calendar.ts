/** The hub's calendar: Chongqing keeps China Standard Time (no daylight saving), so "today" is a date there. */
export const HUB_TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today (YYYY-MM-DD) in the hub's time zone: what "overdue" is measured against. */
export function hubToday(now: Date = new Date()): string {
  return dayFormat.format(now);
}
