/** Made once: creating an Intl.DateTimeFormat costs far more than formatting with it (called per list item). */
const NETHERLANDS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the Netherlands as 'YYYY-MM-DD' (due dates, deadlines and measurements are Dutch calendar days). */
export function todayInNetherlands(now = new Date()): string {
  return NETHERLANDS_DAY.format(now);
}

/** A calendar day `days` after `date` ('YYYY-MM-DD'), whatever the clock changes in between. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
