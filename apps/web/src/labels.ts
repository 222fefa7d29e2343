import type {
  ActionPriority,
  ActionStatus,
  AgendaOutcome,
  AttendanceStatus,
  KnowledgeStatus,
  SessionState,
  SessionType,
  ActionOrigin,
  AuditOutcome,
  DocumentKind,
  MembershipRole,
  OrganisationType,
  PlatformRole,
  StrategyStatus,
} from './api';
import type {
  FocusAreaStatus,
  IndicatorDirection,
  IndicatorUnit,
  SubmissionStatus,
} from './pages/reporting/reporting-api';

/** Dutch labels for the API's English codes. */
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  gemeente: 'Gemeente',
  openbaar_ministerie: 'Openbaar Ministerie',
  politie: 'Politie',
  belastingdienst: 'Belastingdienst',
  riec: 'RIEC',
  zorg_en_veiligheidshuis: 'Zorg- en Veiligheidshuis',
  ggd: 'GGD',
  provincie: 'Provincie',
  rijk: 'Rijk',
  partner: 'Partner',
  bureau: 'Bureau (secretariaat)',
};

export const ROLE_LABELS: Record<MembershipRole, string> = {
  aanjager: 'Aanjager',
  lid: 'Lid',
  ambtelijk: 'Ambtelijk (motorblok)',
  gast: 'Gast',
  waarnemer: 'Waarnemer',
};

export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = {
  secretariaat: 'Secretariaat',
  gebruiker: 'Gebruiker',
};

export const STATUS_LABELS: Record<StrategyStatus, string> = {
  concept: 'Concept',
  consultatie: 'In consultatie',
  vastgesteld: 'Vastgesteld',
  afgesloten: 'Afgesloten',
};

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: 'Gelukt',
  denied: 'Geweigerd',
  failed: 'Mislukt',
};

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  plan_van_aanpak: 'Plan van aanpak',
  verslag: 'Verslag',
  notitie: 'Notitie',
  voortgangsrapportage: 'Voortgangsrapportage',
};

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

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  in_uitvoering: 'In uitvoering',
  geblokkeerd: 'Geblokkeerd',
  afgerond: 'Afgerond',
  vervallen: 'Vervallen',
};

export const ACTION_PRIORITY_LABELS: Record<ActionPriority, string> = {
  hoog: 'Hoog',
  normaal: 'Normaal',
  laag: 'Laag',
};

export const ACTION_ORIGIN_LABELS: Record<ActionOrigin, string> = {
  sessiebesluit: 'Besluit in een sessie',
  document: 'Document',
  rvc_verzoek: 'Verzoek van het RVC',
  vrij: 'Vrij',
};

/** Statuses that need a reason (geblokkeerd, vervallen). */
export const STATUSES_WITH_REASON: ActionStatus[] = ['geblokkeerd', 'vervallen'];

export const ACTION_FIELD_LABELS: Record<string, string> = {
  title: 'Titel',
  description: 'Omschrijving',
  focusAreaId: 'Onderdeel',
  ownerId: 'Eigenaar',
  ownerOrganisationId: 'Organisatie',
  dueDate: 'Deadline',
  status: 'Status',
  statusReason: 'Reden',
  priority: 'Prioriteit',
  origin: 'Herkomst',
  originNote: 'Toelichting herkomst',
};

export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  werksessie: 'Werksessie',
  kennissessie: 'Kennissessie',
  bestuurlijk_overleg: 'Bestuurlijk overleg',
};

export const SESSION_STATE_LABELS: Record<SessionState, string> = {
  concept: 'Concept',
  geagendeerd: 'Geagendeerd',
  afgerond: 'Afgerond',
};

export const AGENDA_OUTCOME_LABELS: Record<AgendaOutcome, string> = {
  informatie: 'Informatie',
  besluit: 'Besluit',
  actie: 'Actie',
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  uitgenodigd: 'Uitgenodigd',
  aanwezig: 'Aanwezig',
  afwezig: 'Afwezig',
  afgemeld: 'Afgemeld',
};

export const KNOWLEDGE_STATUS_LABELS: Record<KnowledgeStatus, string> = {
  in_gebruik: 'In gebruik',
  pilot: 'Pilot',
  afgerond: 'Afgerond',
};

export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  toegewezen: 'Aan u toegewezen',
  binnenkort: 'Deadline nadert',
  verlopen: 'Deadline verlopen',
  besluit: 'Besluit',
  vermelding: 'U bent genoemd',
};

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

export const FOCUS_AREA_STATUS_LABELS: Record<FocusAreaStatus, string> = {
  op_koers: 'Op koers',
  aandacht_nodig: 'Aandacht nodig',
  achterstand: 'Achterstand',
  afgerond: 'Afgerond',
  nog_niet_gestart: 'Nog niet gestart',
};

export const REPORT_STATUS_LABELS: Record<SubmissionStatus, string> = {
  concept: 'Concept',
  ingediend: 'Ingediend',
  geaccepteerd: 'Geaccepteerd',
  teruggestuurd: 'Teruggestuurd',
  geen_rapportage: 'Nog geen rapportage',
  niet_ingediend: 'Niet ingediend',
};

export const INDICATOR_UNIT_LABELS: Record<IndicatorUnit, string> = {
  aantal: 'Aantal',
  percentage: 'Percentage',
  euro: 'Euro',
  dagen: 'Dagen',
};

export const INDICATOR_DIRECTION_LABELS: Record<IndicatorDirection, string> = {
  hoger_is_beter: 'Hoger is beter',
  lager_is_beter: 'Lager is beter',
};

/** A value in its unit, Dutch style: '1.250', '66%', '€ 12.500', '27 dagen'. */
export function formatValue(value: number | null | undefined, unit: IndicatorUnit): string {
  if (value === null || value === undefined) return '—';
  const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(value);
  if (unit === 'percentage') return `${number}%`;
  if (unit === 'euro') return `€ ${number}`;
  if (unit === 'dagen') return `${number} ${value === 1 ? 'dag' : 'dagen'}`;
  return number;
}
