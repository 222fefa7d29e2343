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
  /** With `version` a change someone else made meanwhile gives 409 STALE_VERSION (the conflict dialog). */
  updateTheme: (themeId: string, input: ThemeInput, version?: number) =>
    request<Theme>('PATCH', `/themes/${id(themeId)}`, { ...input, version }),
  deleteTheme: (themeId: string) => request<void>('DELETE', `/themes/${id(themeId)}`),
  createFocusArea: (themeId: string, title: string) =>
    request<FocusArea>('POST', `/themes/${id(themeId)}/focus-areas`, { title }),
  updateFocusArea: (focusAreaId: string, input: FocusAreaInput, version?: number) =>
    request<FocusArea>('PATCH', `/focus-areas/${id(focusAreaId)}`, { ...input, version }),
  deleteFocusArea: (focusAreaId: string) => request<void>('DELETE', `/focus-areas/${id(focusAreaId)}`),
};
