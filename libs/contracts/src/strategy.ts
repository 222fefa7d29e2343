import type { IsoDate, IsoDateTime, Uuid } from './common';

export const STRATEGY_STATUSES = ['concept', 'consultatie', 'vastgesteld', 'afgesloten'] as const;
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number];

/** The region's security strategy (Regionale Veiligheidsstrategie). */
export interface Strategy {
  id: Uuid;
  regionId: Uuid;
  title: string;
  motto: string | null;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status: StrategyStatus;
  adoptedOn: IsoDate | null;
  /** The body that adopted it. */
  adoptedBy: string;
  /**
   * What the strategy says besides its themes, as rich text: sanitised HTML with paragraphs, bold, italic,
   * lists and http(s)/mailto links only (the server removes anything else).
   */
  vision: string;
  trends: string;
  principles: string;
  selectionCriteria: string;
  /** The strategy that counts now (GET /api/strategies lists it first). */
  current: boolean;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

/** A part of a priority (onderdeel). */
export interface FocusArea {
  id: Uuid;
  themeId: Uuid;
  position: number;
  title: string;
  /** Rich text (sanitised HTML), like the strategy's texts. */
  description: string;
  /** Kept (for its actions and indicators) but no longer part of the strategy. */
  archivedAt: IsoDateTime | null;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

/** A priority of the strategy (prioriteit); each has one werkgroep. */
export interface Theme {
  id: Uuid;
  strategyId: Uuid;
  position: number;
  title: string;
  /** Rich text (sanitised HTML). */
  description: string | null;
  requiresTaxAuthority: boolean;
  archivedAt: IsoDateTime | null;
  focusAreas: FocusArea[];
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

export interface StrategyDetail extends Strategy {
  themes: Theme[];
}

/** Creating or changing a strategy (POST /api/strategies, PATCH /api/strategies/:id): a change sends what changes. */
export interface StrategyInput {
  title?: string;
  motto?: string;
  periodStart?: IsoDate;
  periodEnd?: IsoDate;
  status?: StrategyStatus;
  adoptedOn?: IsoDate | null;
  adoptedBy?: string;
  /**
   * Rich text: HTML (sanitised on the way in; see Strategy.vision), or plain text, which for the trends,
   * principles and criteria becomes a list with one point per line and otherwise paragraphs.
   */
  vision?: string;
  trends?: string;
  principles?: string;
  selectionCriteria?: string;
}

/** Creating or changing a priority (POST /api/strategies/:id/themes, PATCH /api/themes/:id). */
export interface ThemeInput {
  title?: string;
  /** Rich text: HTML (sanitised on the way in) or plain text (paragraphs). */
  description?: string;
  requiresTaxAuthority?: boolean;
  position?: number;
}

/** Creating or changing a focus area (POST /api/themes/:id/focus-areas, PATCH /api/focus-areas/:id). */
export interface FocusAreaInput {
  title?: string;
  /** Rich text, as ThemeInput.description. */
  description?: string;
  position?: number;
}
