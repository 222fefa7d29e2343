import type {
  BodyDetail,
  BodyKind,
  BodySummary,
  MeetingDetail,
  MeetingGuest,
  MeetingSummary,
  PeriodWorkgroup,
  StrategyAdoption,
} from '@koers/contracts';
import { query, request } from '../../api';

export type { BodyDetail, BodySummary, MeetingDetail, MeetingGuest, MeetingSummary, PeriodWorkgroup, StrategyAdoption };

const id = encodeURIComponent;

export interface BodyInput {
  kind?: BodyKind;
  name?: string;
  description?: string;
  districtId?: string | null;
  meetingsPerYearMin?: number | null;
  meetingsPerYearMax?: number | null;
}

export interface MeetingInput {
  title?: string;
  startsAt?: string;
  endsAt?: string;
  location?: string | null;
  description?: string;
  state?: MeetingSummary['state'];
  agenda?: Array<{ title: string; description?: string }>;
  documents?: Array<{ title: string; reference?: string }>;
  decisions?: string[];
  attendance?: Array<{ userId: string; status: AttendanceStatus }>;
  guests?: GuestInput[];
}

export type AttendanceStatus = 'uitgenodigd' | 'aanwezig' | 'afwezig' | 'afgemeld';

/** A guest: a Koers user (`userId`), or a person named with organisation and function. */
export interface GuestInput {
  userId?: string | null;
  name?: string;
  organisation?: string;
  role?: string;
  status?: AttendanceStatus;
}

export interface MemberInput {
  userId?: string | null;
  organisationId?: string | null;
  role?: string;
}

/** Governance bodies and their meetings, adoption and the turn of the period (docs/strategy-cycle.md). */
export const governanceApi = {
  bodies: () => request<BodySummary[]>('GET', '/bodies'),
  body: (bodyId: string) => request<BodyDetail>('GET', `/bodies/${id(bodyId)}`),
  createBody: (input: BodyInput) => request<BodyDetail>('POST', '/bodies', input),
  /** A change against `version` (409 STALE_VERSION when someone saved in between). */
  updateBody: (bodyId: string, input: BodyInput, version?: number) =>
    request<BodyDetail>('PATCH', `/bodies/${id(bodyId)}`, { ...input, version }),
  deleteBody: (bodyId: string) => request<void>('DELETE', `/bodies/${id(bodyId)}`),
  replaceMembers: (bodyId: string, members: MemberInput[]) =>
    request<BodyDetail>('PUT', `/bodies/${id(bodyId)}/members`, { members }),
  bodyMeetings: (bodyId: string) => request<MeetingSummary[]>('GET', `/bodies/${id(bodyId)}/meetings`),
  createMeeting: (bodyId: string, input: MeetingInput) =>
    request<MeetingDetail>('POST', `/bodies/${id(bodyId)}/meetings`, input),
  meeting: (meetingId: string) => request<MeetingDetail>('GET', `/meetings/${id(meetingId)}`),
  updateMeeting: (meetingId: string, input: MeetingInput, version?: number) =>
    request<MeetingDetail>('PATCH', `/meetings/${id(meetingId)}`, { ...input, version }),
  deleteMeeting: (meetingId: string) => request<void>('DELETE', `/meetings/${id(meetingId)}`),
  calendar: (range: { from?: string; to?: string } = {}) =>
    request<MeetingSummary[]>('GET', '/meetings' + query(range)),

  adoption: (strategyId: string) => request<StrategyAdoption>('GET', `/strategies/${id(strategyId)}/adoption`),
  adopt: (
    strategyId: string,
    input: { adoptedOn: string; decisionReference: string; bodyId?: string; meetingId?: string },
  ) => request<StrategyAdoption>('POST', `/strategies/${id(strategyId)}/adoption`, input),
  close: (strategyId: string) => request<StrategyAdoption>('POST', `/strategies/${id(strategyId)}/close`),
  periodWorkgroups: (strategyId: string) =>
    request<PeriodWorkgroup[]>('GET', `/strategies/${id(strategyId)}/workgroups`),
  transition: (
    workgroupId: string,
    input: { action: 'continue'; themeId: string } | { action: 'discharge'; note?: string },
  ) => request<PeriodWorkgroup>('POST', `/workgroups/${id(workgroupId)}/transition`, input),
  undoDischarge: (workgroupId: string) =>
    request<PeriodWorkgroup>('DELETE', `/workgroups/${id(workgroupId)}/discharge`),
};
