/** Dutch labels for the API's codes: the interface, exports, PDFs and e-mails all show these. */
import type { ActionOrigin, ActionPriority, ActionStatus } from './actions';
import type { AuditOutcome } from './audit';
import type { DocumentKind } from './documents';
import type { MembershipRole, OrganisationType, PlatformRole } from './identity';
import type { KnowledgeStatus } from './knowledge';
import type { NotificationKind } from './notifications';
import type { FocusAreaStatus, IndicatorDirection, IndicatorUnit, SubmissionStatus } from './reporting';
import type { AgendaOutcome, AttendanceStatus, SessionState, SessionType } from './sessions';
import type { StrategyStatus } from './strategy';

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
  rapporteur: 'Rapporteur',
  lid: 'Lid',
  ambtelijk: 'Ambtelijk (motorblok)',
  gast: 'Gast',
  waarnemer: 'Waarnemer',
};

export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = {
  secretariaat: 'Secretariaat',
  gebruiker: 'Gebruiker',
};

export const STRATEGY_STATUS_LABELS: Record<StrategyStatus, string> = {
  concept: 'Concept',
  consultatie: 'In consultatie',
  vastgesteld: 'Vastgesteld',
  afgesloten: 'Afgesloten',
};

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
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

/** The labels of an action's fields (its change history names them). */
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

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  toegewezen: 'Aan u toegewezen',
  binnenkort: 'Deadline nadert',
  verlopen: 'Deadline verlopen',
  besluit: 'Besluit',
  vermelding: 'U bent genoemd',
  rapportage_ingediend: 'Rapportage ingediend',
  rapportage_teruggestuurd: 'Rapportage teruggestuurd',
  rapportage_geaccepteerd: 'Rapportage geaccepteerd',
  reactie: 'Reactie',
  gevolgd: 'Gevolgd',
  contactpersoon: 'U bent contactpersoon',
};

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

/** The columns of a report's action figures: the screens, the print view and the PDF use these words. */
export const ACTION_FIGURE_LABELS = {
  done: 'Afgerond',
  open: 'Open',
  overdue: 'Verlopen',
} as const;

/**
 * An indicator's verdict in words. A target not (yet) reached while its period still runs is no failure:
 * "Loopt nog", neutral; only after the period it is "Nog niet gehaald".
 */
export const INDICATOR_VERDICT_LABELS = {
  reached: 'Doel gehaald',
  ongoing: 'Loopt nog',
  notReached: 'Nog niet gehaald',
  none: 'Geen oordeel (geen doel of meting)',
} as const;

export type IndicatorVerdict = keyof typeof INDICATOR_VERDICT_LABELS;

/** The verdict for a target reached (or not, or unknown: null), judged on `asOf` for a period ending `periodEnd`. */
export function indicatorVerdict(reached: boolean | null, asOf: string, periodEnd: string | null): IndicatorVerdict {
  if (reached === null) return 'none';
  if (reached) return 'reached';
  return periodEnd !== null && asOf <= periodEnd ? 'ongoing' : 'notReached';
}
