import { FocusArea, Strategy, StrategyStatus, Theme } from '@koers/contracts';
import { request } from '../../api';

export interface StrategyInput {
  title?: string;
  motto?: string;
  periodStart?: string;
  periodEnd?: string;
  status?: StrategyStatus;
  adoptedOn?: string | null;
  adoptedBy?: string;
  trends?: string;
  principles?: string;
  selectionCriteria?: string;
}

const id = encodeURIComponent;

/** Editing a strategy, its themes and focus areas (secretariat). */
export const strategyApi = {
  create: (input: StrategyInput) => request<Strategy>('POST', '/strategies', input),
  update: (strategyId: string, input: StrategyInput) =>
    request<Strategy>('PATCH', `/strategies/${id(strategyId)}`, input),
  markCurrent: (strategyId: string) => request<Strategy[]>('POST', `/strategies/${id(strategyId)}/current`),
  createTheme: (strategyId: string, input: { title: string; description?: string }) =>
    request<Theme>('POST', `/strategies/${id(strategyId)}/themes`, input),
  updateTheme: (themeId: string, input: { title?: string; description?: string; position?: number }) =>
    request<Theme>('PATCH', `/themes/${id(themeId)}`, input),
  deleteTheme: (themeId: string) => request<void>('DELETE', `/themes/${id(themeId)}`),
  createFocusArea: (themeId: string, title: string) =>
    request<FocusArea>('POST', `/themes/${id(themeId)}/focus-areas`, { title }),
  updateFocusArea: (focusAreaId: string, input: { title?: string; position?: number }) =>
    request<FocusArea>('PATCH', `/focus-areas/${id(focusAreaId)}`, input),
  deleteFocusArea: (focusAreaId: string) => request<void>('DELETE', `/focus-areas/${id(focusAreaId)}`),
};
