import { amsterdamClock, digestDue, isoWeekOf } from './digest-schedule';

describe('digest schedule (Europe/Amsterdam)', () => {
  it('numbers ISO weeks, also around the turn of the year', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01'); // Monday of that week
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53'); // Sunday; 2026 has 53 weeks
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2021-01-07')).toBe('2021-W01'); // the year's first Thursday
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2026-03-16')).toBe('2026-W12');
  });

  it('reads the Dutch wall clock in winter and summer time', () => {
    // Monday 2 March 2026 06:00 UTC = 07:00 in Amsterdam (CET)
    expect(amsterdamClock(new Date('2026-03-02T06:00:00Z'))).toEqual({
      date: '2026-03-02',
      weekday: 1,
      hour: 7,
      minute: 0,
      isoWeek: '2026-W10',
    });
    // Monday 6 April 2026 05:00 UTC = 07:00 in Amsterdam (CEST)
    expect(amsterdamClock(new Date('2026-04-06T05:00:00Z'))).toMatchObject({
      weekday: 1,
      hour: 7,
      isoWeek: '2026-W15',
    });
    // Sunday 23:30 UTC is already Monday in Amsterdam
    expect(amsterdamClock(new Date('2026-03-01T23:30:00Z'))).toMatchObject({
      date: '2026-03-02',
      weekday: 1,
      hour: 0,
      minute: 30,
    });
  });

  it('is due from the scheduled weekday and time until the week ends', () => {
    const monday7 = { weekday: 1, hour: 7, minute: 0 };
    const at = (iso: string) => digestDue(amsterdamClock(new Date(iso)), monday7);
    expect(at('2026-03-02T05:59:00Z')).toBe(false); // Monday 06:59
    expect(at('2026-03-02T06:00:00Z')).toBe(true); // Monday 07:00
    expect(at('2026-03-04T10:00:00Z')).toBe(true); // Wednesday
    expect(at('2026-03-08T22:59:00Z')).toBe(true); // Sunday 23:59
    expect(digestDue(amsterdamClock(new Date('2026-03-03T08:00:00Z')), { weekday: 4, hour: 9, minute: 30 })).toBe(
      false,
    ); // Tuesday, planned Thursday
  });
});
