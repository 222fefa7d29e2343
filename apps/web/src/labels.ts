/**
 * Formatting for the interface. The Dutch labels of the API's codes live in the contracts
 * (`@koers/contracts`, e.g. ACTION_STATUS_LABELS), shared with the server's exports.
 */
import type { IndicatorUnit } from '@koers/contracts';

export function options<K extends string>(labels: Record<K, string>): Array<[K, string]> {
  return Object.entries(labels) as Array<[K, string]>;
}

/** A calendar date from the API ('2023-01-01') as '1 januari 2023'. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(year, month - 1, day),
  );
}

/** A moment ('2026-11-24T00:14:19.628Z') in local time, e.g. '24-11-2026 01:14:19'. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

/** A moment as 'dinsdag 12 maart 2026 09:30' in Dutch time. */
export function formatMoment(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(date);
}

/** Today in the Netherlands as 'YYYY-MM-DD'. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** A value in its unit, Dutch style: '1.250', '66%', '€ 12.500', '27 dagen'. */
export function formatValue(value: number | null | undefined, unit: IndicatorUnit): string {
  if (value === null || value === undefined) return '—';
  const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(value);
  if (unit === 'percentage') return `${number}%`;
  if (unit === 'euro') return `€ ${number}`;
  if (unit === 'dagen') return `${number} ${value === 1 ? 'dag' : 'dagen'}`;
  return number;
}
