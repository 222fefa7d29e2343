import type { Uuid } from './common';
/** The inventory of local priorities (inventarisatie) and the selection of themes that follows from it. */

export const INVENTORY_RESPONSE_STATUSES = ['niet_gestart', 'concept', 'ingediend'] as const;
export type InventoryResponseStatus = (typeof INVENTORY_RESPONSE_STATUSES)[number];

/** One local priority as an organisation enters it: rank 1 is its most important. */
export interface InventoryPriority {
  title: string;
  rank: number;
  explanation: string;
  /** Whether the organisation asks for a regional approach of it. */
  regional: boolean;
}

export interface InventoryResponse {
  organisationId: Uuid;
  organisationName: string;
  organisationType: string;
  districtId: Uuid | null;
  districtName: string | null;
  status: InventoryResponseStatus;
  priorities: InventoryPriority[];
  /** Answers to the inventory's questions, by position. */
  answers: string[];
  /** Entered by the secretariat on behalf of the organisation. */
  onBehalf: boolean;
  submittedAt: string | null;
  updatedAt: string | null;
  version: number;
}

export interface InventoryOrganisationProgress {
  organisationId: Uuid;
  organisationName: string;
  organisationType: string;
  districtName: string | null;
  status: InventoryResponseStatus;
  onBehalf: boolean;
  submittedAt: string | null;
  contacts: Array<{ userId: Uuid; displayName: string }>;
}

export interface InventoryCriterionScoreTheme {
  title: string;
  scope: string;
  /** One score per criterion, by position: 0 (not) to 3 (fully). */
  scores: number[];
  /** Ranking entries (group titles) that support the theme. */
  supports: string[];
}

export interface InventoryBodyQuestion {
  question: string;
  /**
   * Each body's answer. `bodyId` links the answer to a governance body (GET /api/bodies); `body` is its name
   * (kept as text for a body that is not registered).
   */
  answers: Array<{ body: string; bodyId?: Uuid | null; answer: string }>;
}

export interface InventorySummary {
  id: Uuid;
  title: string;
  periodStart: number | null;
  periodEnd: number | null;
  deadline: string;
  /** True when the deadline (end of that day, Netherlands) has not passed. */
  open: boolean;
  asked: number;
  answered: number;
  /** For a contact person: the organisations they answer for here and how far each is. */
  mine: Array<{ organisationId: Uuid; organisationName: string; status: InventoryResponseStatus }>;
}

export interface InventoryDetail extends InventorySummary {
  questions: string[];
  criteria: string[];
  proposedThemes: InventoryCriterionScoreTheme[];
  bodyQuestions: InventoryBodyQuestion[];
  nameGroups: Array<{ title: string; variants: string[] }>;
  adoptedStrategyId: Uuid | null;
  /** Who was asked and who answered: the secretariat and RVC members see all, a contact only their own. */
  organisations: InventoryOrganisationProgress[];
  version: number;
}

export interface RankingEntry {
  title: string;
  /** How many organisations name it (once each, however often they list it). */
  mentions: number;
  /** Rank-weighted score: the sum over those organisations of max(0, 11 - rank). */
  score: number;
  /** How many of them ask for a regional approach. */
  regional: number;
  /** The names as entered that were counted under this title. */
  variants: string[];
}

export interface InventoryRanking {
  inventoryId: Uuid;
  top: number;
  /** Submitted responses of gemeenten counted. */
  gemeenten: number;
  overall: RankingEntry[];
  byDistrict: Array<{ districtId: Uuid | null; districtName: string; gemeenten: number; entries: RankingEntry[] }>;
  /** The OM's, the police's and other partners' own lists, in their order. */
  partners: Array<{
    organisationId: Uuid;
    organisationName: string;
    organisationType: string;
    priorities: InventoryPriority[];
  }>;
}
