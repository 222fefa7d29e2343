import type { BodyDetail, BodySummary, MeetingDetail, MeetingSummary } from '@koers/contracts';
import { query, request } from '../../api';

export type { BodyDetail, BodySummary, MeetingDetail, MeetingSummary };

/** Governance bodies and their meetings (docs/strategy-cycle.md), read-only in the web client for now. */
export const governanceApi = {
  bodies: () => request<BodySummary[]>('GET', '/bodies'),
  body: (id: string) => request<BodyDetail>('GET', `/bodies/${encodeURIComponent(id)}`),
  bodyMeetings: (id: string) => request<MeetingSummary[]>('GET', `/bodies/${encodeURIComponent(id)}/meetings`),
  calendar: (range: { from?: string; to?: string } = {}) =>
    request<MeetingSummary[]>('GET', '/meetings' + query(range)),
};
