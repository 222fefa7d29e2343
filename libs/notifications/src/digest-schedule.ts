/** Where "this week" and "Monday 07:00" are meant: the region's own clock. */
const ZONE = 'Europe/Amsterdam';

export interface AmsterdamClock {
  /** The calendar day, 'YYYY-MM-DD'. */
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
  /** ISO week of the day, e.g. '2026-W07'. */
  isoWeek: string;
}

/** The wall clock in Europe/Amsterdam at `now` (summer and winter time included). */
export function amsterdamClock(now: Date): AmsterdamClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
  return { date, weekday, hour: Number(parts.hour), minute: Number(parts.minute), isoWeek: isoWeekOf(date) };
}

/** ISO 8601 week of a calendar day: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  const thursday = new Date(day);
  thursday.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/**
 * Whether this week's digest is due at `clock`: from the scheduled weekday and time on, until the week
 * ends. An instance that was down at the moment itself catches up later in the same week.
 */
export function digestDue(clock: AmsterdamClock, schedule: { weekday: number; hour: number; minute: number }): boolean {
  if (clock.weekday !== schedule.weekday) return clock.weekday > schedule.weekday;
  return clock.hour * 60 + clock.minute >= schedule.hour * 60 + schedule.minute;
}
