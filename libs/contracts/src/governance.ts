import type { Uuid } from './common';
/** Governance bodies (RVC, regionale driehoek, adviescollege, DVC, ...) and their meetings. */

export const BODY_KINDS = ['rvc', 'regionale_driehoek', 'adviescollege', 'dvc', 'stuurgroep', 'overig'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  rvc: 'Regionaal Veiligheidscollege (of gelijkwaardig)',
  regionale_driehoek: 'Regionale driehoek',
  adviescollege: 'Adviescollege',
  dvc: 'Districtelijk Veiligheidscollege',
  stuurgroep: 'Stuurgroep / BBG',
  overig: 'Overig',
};

export interface BodyMember {
  id: Uuid;
  userId: Uuid | null;
  organisationId: Uuid | null;
  name: string;
  role: string;
}

export interface BodySummary {
  id: Uuid;
  kind: BodyKind;
  name: string;
  description: string;
  districtId: Uuid | null;
  districtName: string | null;
  meetingsPerYearMin: number | null;
  meetingsPerYearMax: number | null;
  memberCount: number;
  /** The caller sits in it (as a person, or through its organisation). */
  isMember: boolean;
  nextMeetingAt: string | null;
  version: number;
}

export interface BodyDetail extends BodySummary {
  members: BodyMember[];
  canManage: boolean;
}

export interface MeetingAgendaItem {
  id: Uuid;
  title: string;
  description: string;
}

export interface MeetingDocument {
  id: Uuid;
  title: string;
  reference: string;
}

export interface MeetingDecision {
  id: Uuid;
  text: string;
}

export interface MeetingAttendee {
  userId: Uuid;
  name: string;
  status: 'uitgenodigd' | 'aanwezig' | 'afwezig' | 'afgemeld';
}

/**
 * Someone who attended a body's meeting without being a member: a person without a Koers account (name,
 * organisation, function) or a Koers user (`userId`). Name and organisation as they were at the meeting.
 */
export interface MeetingGuest {
  id: string;
  userId: string | null;
  name: string;
  organisation: string;
  /** Their function ("beleidsadviseur"), or why they were there. */
  role: string;
  status: MeetingAttendee['status'];
}

export interface MeetingSummary {
  id: Uuid;
  bodyId: Uuid;
  bodyName: string;
  bodyKind: BodyKind;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  state: 'concept' | 'geagendeerd' | 'afgerond';
  version: number;
}

export interface MeetingDetail extends MeetingSummary {
  description: string;
  agenda: MeetingAgendaItem[];
  documents: MeetingDocument[];
  decisions: MeetingDecision[];
  /** The members (people, and users of member organisations) on the attendance list. */
  attendees: MeetingAttendee[];
  /** Who attended without being a member, shown apart from the members. */
  guests: MeetingGuest[];
  canManage: boolean;
}
