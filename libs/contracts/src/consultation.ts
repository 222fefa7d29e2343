import type { Uuid } from './common';
/** Consultation of the councils (wensen en bedenkingen, art. 38b lid 2 Politiewet) and adoption. */

export const CONSULTATION_OUTCOMES = [
  'geen_wensen_of_bedenkingen',
  'wensen',
  'bedenkingen',
  'wensen_en_bedenkingen',
] as const;
export type ConsultationOutcome = (typeof CONSULTATION_OUTCOMES)[number];

export const CONSULTATION_OUTCOME_LABELS: Record<ConsultationOutcome, string> = {
  geen_wensen_of_bedenkingen: 'Geen wensen of bedenkingen',
  wensen: 'Wensen',
  bedenkingen: 'Bedenkingen',
  wensen_en_bedenkingen: 'Wensen en bedenkingen',
};

export const CONSULTATION_POINT_KINDS = ['wens', 'bedenking'] as const;
export type ConsultationPointKind = (typeof CONSULTATION_POINT_KINDS)[number];

export const POINT_RESPONSES = ['verwerkt', 'niet_verwerkt'] as const;
export type PointResponse = (typeof POINT_RESPONSES)[number];

export const POINT_RESPONSE_LABELS: Record<PointResponse, string> = {
  verwerkt: 'Verwerkt',
  niet_verwerkt: 'Niet verwerkt',
};

/** A point a council raised (a wish or an objection) with the bureau's response. */
export interface ConsultationPoint {
  id: Uuid;
  organisationId: Uuid;
  position: number;
  kind: ConsultationPointKind;
  text: string;
  response: PointResponse | null;
  reason: string;
  version: number;
}

/** One asked organisation and its council's answer (empty until answered). */
export interface ConsultationResponse {
  /** The answer's own id (the parent of its attachments, docs/files.md). */
  id: Uuid;
  organisationId: Uuid;
  organisationName: string;
  districtName: string | null;
  answered: boolean;
  decidedOn: string | null;
  outcome: ConsultationOutcome | null;
  text: string;
  decisionReference: string;
  /** Entered by the secretariat for the organisation (not by its own contact). */
  onBehalf: boolean;
  enteredByName: string | null;
  answeredAt: string | null;
  /** Past the deadline and still no answer. */
  overdue: boolean;
  points: ConsultationPoint[];
  /** The contact people the secretariat named for this organisation (they answer for it and are reminded). */
  contacts: Array<{ userId: Uuid; displayName: string }>;
}

/** One change to a consultation after it was offered (its history on the page; the audit log has it too). */
export interface ConsultationChange {
  id: Uuid;
  changedAt: string;
  changedByName: string | null;
  /** Per changed field its old and new value; `added`/`removed` list organisation names. */
  changes: {
    title?: { from: string; to: string };
    deadline?: { from: string; to: string };
    documentReference?: { from: string; to: string };
    closed?: { from: boolean; to: boolean };
    added?: string[];
    removed?: string[];
  };
  note: string;
  /** How many contact people were notified of it. */
  notified: number;
}

export interface ConsultationSummary {
  id: Uuid;
  strategyId: Uuid;
  strategyTitle: string;
  title: string;
  documentReference: string;
  offeredOn: string;
  deadline: string;
  closed: boolean;
  asked: number;
  answered: number;
  overdue: number;
  outcomes: Record<ConsultationOutcome, number>;
  version: number;
}

export interface ConsultationDetail extends ConsultationSummary {
  responses: ConsultationResponse[];
  /** Whether the caller may enter answers for every organisation (the secretariat) or only for its own. */
  canManage: boolean;
  /** The organisations whose answer the caller may enter. */
  answerableOrganisationIds: Uuid[];
  pointsTotal: number;
  pointsAnswered: number;
  /** Changes after the offer, newest first. */
  changes: ConsultationChange[];
}

/** What the board decided (POST /api/strategies/:id/adoption). */
export interface StrategyAdoption {
  strategyId: Uuid;
  status: string;
  adoptedOn: string | null;
  adoptedBy: string;
  adoptionReference: string;
  /** The governance body that adopted it (libs/governance), when recorded. */
  adoptedByBodyId: Uuid | null;
  /** The meeting of that body where it was adopted, when recorded. */
  adoptedAtMeetingId: Uuid | null;
  adoptedAtMeetingTitle: string | null;
  adoptedAtMeetingStartsAt: string | null;
}

export const WORKGROUP_TRANSITIONS = ['continue', 'discharge'] as const;
export type WorkgroupTransition = (typeof WORKGROUP_TRANSITIONS)[number];

/** A werkgroep of a strategy at the turn of the period. */
export interface PeriodWorkgroup {
  id: Uuid;
  name: string;
  themeId: Uuid;
  themeTitle: string;
  strategyId: Uuid;
  archivedAt: string | null;
  archiveNote: string;
  /** A later strategy of the region (the new period) is adopted: a discharge can no longer be undone. */
  newPeriodAdopted: boolean;
  /** Discharged, and the secretariat may still undo it: no later strategy of the region is adopted yet. */
  canUndoDischarge: boolean;
}
