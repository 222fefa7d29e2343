import type {
  InventoryBodyQuestion,
  InventoryCriterionScoreTheme,
  InventoryDetail,
  InventoryPriority,
  InventoryRanking,
  InventoryResponse,
  InventorySummary,
} from '@koers/contracts';
import { query, request } from '../../api';

export type { InventoryDetail, InventoryPriority, InventoryRanking, InventoryResponse, InventorySummary };

const base = (id: string) => `/inventories/${encodeURIComponent(id)}`;

/** The inventory of local priorities (docs/strategy-cycle.md). */
export const inventoryApi = {
  list: () => request<InventorySummary[]>('GET', '/inventories'),
  get: (id: string) => request<InventoryDetail>('GET', base(id)),
  create: (input: {
    title: string;
    deadline: string;
    organisationIds: string[];
    questions?: string[];
    periodStart?: number;
    periodEnd?: number;
  }) => request<InventoryDetail>('POST', '/inventories', input),
  response: (id: string, organisationId: string) =>
    request<InventoryResponse>('GET', `${base(id)}/responses/${encodeURIComponent(organisationId)}`),
  saveResponse: (
    id: string,
    organisationId: string,
    input: { priorities: InventoryPriority[]; answers: string[]; submit: boolean; version?: number },
  ) => request<InventoryResponse>('PUT', `${base(id)}/responses/${encodeURIComponent(organisationId)}`, input),
  contacts: (id: string, organisationId: string, userIds: string[]) =>
    request<InventoryDetail>('PUT', `${base(id)}/contacts/${encodeURIComponent(organisationId)}`, { userIds }),
  ranking: (id: string, top = 10) => request<InventoryRanking>('GET', `${base(id)}/ranking${query({ top })}`),
  exportUrl: (id: string) => `/api${base(id)}/export.csv`,
  nameGroups: (id: string, groups: Array<{ title: string; variants: string[] }>) =>
    request<InventoryDetail>('PUT', `${base(id)}/name-groups`, { groups }),
  criteria: (id: string, criteria: string[]) => request<InventoryDetail>('PUT', `${base(id)}/criteria`, { criteria }),
  proposedThemes: (id: string, themes: InventoryCriterionScoreTheme[]) =>
    request<InventoryDetail>('PUT', `${base(id)}/proposed-themes`, { themes }),
  bodyQuestions: (id: string, questions: InventoryBodyQuestion[]) =>
    request<InventoryDetail>('PUT', `${base(id)}/body-questions`, { questions }),
  adopt: (id: string, strategyId: string) => request<InventoryDetail>('POST', `${base(id)}/adopt`, { strategyId }),
};

export const RESPONSE_STATUS_LABELS: Record<string, string> = {
  niet_gestart: 'Niet begonnen',
  concept: 'Concept',
  ingediend: 'Ingediend',
};

export const ORGANISATION_TYPE_LABELS: Record<string, string> = {
  gemeente: 'Gemeente',
  openbaar_ministerie: 'Openbaar Ministerie',
  politie: 'Politie',
  belastingdienst: 'Belastingdienst',
  partner: 'Partner',
  bureau: 'Bureau',
};

/** '2027-03-10' as Dutch readers write it. */
export const dutchDate = (date: string) =>
  new Date(date + 'T12:00:00').toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
