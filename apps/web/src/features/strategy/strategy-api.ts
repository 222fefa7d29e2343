import type { FocusArea, FocusAreaInput, Strategy, StrategyInput, Theme, ThemeInput } from '@koers/contracts';
import { request } from '../../api';

export type { StrategyInput };

const id = encodeURIComponent;

/** Editing a strategy, its themes and focus areas (secretariat). */
export const strategyApi = {
  create: (input: StrategyInput) => request<Strategy>('POST', '/strategies', input),
  /** With `version` (the one the form was loaded at) a change made meanwhile by someone else gives 409. */
  update: (strategyId: string, input: Partial<StrategyInput>, version?: number) =>
    request<Strategy>('PATCH', `/strategies/${id(strategyId)}`, { ...input, version }),
  markCurrent: (strategyId: string) => request<Strategy[]>('POST', `/strategies/${id(strategyId)}/current`),
  createTheme: (strategyId: string, input: ThemeInput & { title: string }) =>
    request<Theme>('POST', `/strategies/${id(strategyId)}/themes`, input),
  updateTheme: (themeId: string, input: ThemeInput) => request<Theme>('PATCH', `/themes/${id(themeId)}`, input),
  deleteTheme: (themeId: string) => request<void>('DELETE', `/themes/${id(themeId)}`),
  createFocusArea: (themeId: string, title: string) =>
    request<FocusArea>('POST', `/themes/${id(themeId)}/focus-areas`, { title }),
  updateFocusArea: (focusAreaId: string, input: FocusAreaInput) =>
    request<FocusArea>('PATCH', `/focus-areas/${id(focusAreaId)}`, input),
  deleteFocusArea: (focusAreaId: string) => request<void>('DELETE', `/focus-areas/${id(focusAreaId)}`),
};
