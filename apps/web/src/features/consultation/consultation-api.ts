import type {
  ConsultationDetail,
  ConsultationOutcome,
  ConsultationPoint,
  ConsultationPointKind,
  ConsultationResponse,
  ConsultationSummary,
  PointResponse,
} from '@koers/contracts';
import { request } from '../../api';

export type { ConsultationDetail, ConsultationPoint, ConsultationResponse, ConsultationSummary };

const base = (id: string) => `/consultations/${encodeURIComponent(id)}`;

export type NotaFormat = 'html' | 'md' | 'csv';

/** The consultation of the councils on the concept strategy (docs/strategy-cycle.md). */
export const consultationApi = {
  list: () => request<ConsultationSummary[]>('GET', '/consultations'),
  get: (id: string) => request<ConsultationDetail>('GET', base(id)),
  create: (input: {
    strategyId: string;
    deadline: string;
    organisationIds: string[];
    title?: string;
    documentReference?: string;
  }) => request<ConsultationDetail>('POST', '/consultations', input),
  update: (
    id: string,
    input: {
      title?: string;
      documentReference?: string;
      deadline?: string;
      closed?: boolean;
      addOrganisationIds?: string[];
      removeOrganisationIds?: string[];
      note?: string;
    },
    version?: number,
  ) => request<ConsultationDetail>('PATCH', base(id), { ...input, version }),
  /** Names an asked organisation's contact people (the secretariat). */
  contacts: (id: string, organisationId: string, userIds: string[]) =>
    request<ConsultationDetail>('PUT', `${base(id)}/contacts/${encodeURIComponent(organisationId)}`, { userIds }),
  answer: (
    id: string,
    organisationId: string,
    input: { decidedOn: string; outcome: ConsultationOutcome; text: string; decisionReference: string },
  ) => request<ConsultationDetail>('PUT', `${base(id)}/responses/${encodeURIComponent(organisationId)}`, input),
  addPoint: (id: string, input: { organisationId: string; kind: ConsultationPointKind; text: string }) =>
    request<ConsultationPoint>('POST', `${base(id)}/points`, input),
  updatePoint: (
    pointId: string,
    input: { kind?: ConsultationPointKind; text?: string; response?: PointResponse | null; reason?: string },
    version?: number,
  ) =>
    request<ConsultationPoint>('PATCH', `/consultation-points/${encodeURIComponent(pointId)}`, { ...input, version }),
  removePoint: (pointId: string, version: number) =>
    request<void>('DELETE', `/consultation-points/${encodeURIComponent(pointId)}`, { version }),
  /** The nota van beantwoording as the API renders it (printable HTML). */
  notaHtml: (id: string) => request<string>('GET', `${base(id)}/nota`, undefined, { text: true }),
  notaUrl: (id: string, format: NotaFormat) => `/api${base(id)}/nota?format=${format}`,
};
